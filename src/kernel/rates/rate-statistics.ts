import {
  PieceRateInputError,
  compareCodes,
  divideHalfUp,
  formatRateUnits,
  parseRateUnits,
  percentChangeUnits,
} from './money.js';

// Statistics for a rate survey (工价征求表): each side's quotes for one process.

export interface RateStatistics {
  count: number;
  high: string;
  median: string;
  low: string;
  mean: string;
}

/** Too few quotes to publish without identifying who quoted (privacy threshold k). */
export interface SuppressedStatistics {
  count: number;
  suppressed: true;
}

export type SurveyStatistics = RateStatistics | SuppressedStatistics;

export interface SurveyGap {
  absolute: string;
  percent: string | null;
}

export interface ProcessSurveySummary {
  processCode: string;
  worker: SurveyStatistics;
  employer: SurveyStatistics;
  gap: SurveyGap | null;
}

export function isSuppressed(stats: SurveyStatistics): stats is SuppressedStatistics {
  return 'suppressed' in stats;
}

function checkThreshold(k: number): void {
  if (!Number.isSafeInteger(k) || k < 1) {
    throw new PieceRateInputError('The privacy threshold k must be a positive integer.', { k });
  }
}

function statisticsOf(quotes: readonly string[], k: number): SurveyStatistics {
  if (!Array.isArray(quotes)) {
    throw new PieceRateInputError('Quotes must be a list of rate strings.');
  }
  // Parse every quote even when suppressing, so bad input is refused the same way either way.
  // Units are at most 9,999,999,999, so a BigInt64Array holds them and sorts them natively.
  const sorted = BigInt64Array.from(quotes, parseRateUnits).sort();
  const count = sorted.length;
  if (count < k) return { count, suppressed: true };
  const mid = count >> 1;
  const median = count % 2 === 1 ? sorted[mid] : divideHalfUp(sorted[mid - 1] + sorted[mid], 2n);
  let total = 0n;
  for (const units of sorted) total += units;
  return {
    count,
    high: formatRateUnits(sorted[count - 1]),
    median: formatRateUnits(median),
    low: formatRateUnits(sorted[0]),
    mean: formatRateUnits(divideHalfUp(total, BigInt(count))),
  };
}

export function rateStatistics(quotes: string[], k: number): SurveyStatistics {
  checkThreshold(k);
  return statisticsOf(quotes, k);
}

/** Worker median minus employer median, and that gap as a percent of the employer median. */
export function surveyGap(worker: SurveyStatistics, employer: SurveyStatistics): SurveyGap | null {
  if (isSuppressed(worker) || isSuppressed(employer)) return null;
  const w = parseRateUnits(worker.median);
  const e = parseRateUnits(employer.median);
  return { absolute: formatRateUnits(w - e), percent: percentChangeUnits(e, w) };
}

export function summariseSurvey(
  quotesByProcess: ReadonlyMap<string, { worker: string[]; employer: string[] }>,
  k: number,
): ProcessSurveySummary[] {
  checkThreshold(k);
  const entries = [...quotesByProcess].sort(([a], [b]) => compareCodes(a, b));
  return entries.map(([processCode, quotes]) => {
    const worker = statisticsOf(quotes.worker, k);
    const employer = statisticsOf(quotes.employer, k);
    return { processCode, worker, employer, gap: surveyGap(worker, employer) };
  });
}
