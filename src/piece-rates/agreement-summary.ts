import type { Decimal } from 'decimal.js';
import {
  PieceRateInputError,
  compareCodes,
  compareDecimals,
  exactPercentChange,
  formatPercent,
  formatRateUnits,
  formatUnitsAsYuan,
  meanOf,
  medianOfSorted,
  parseRate,
  parseRateUnits,
  percentChangeUnits,
} from './money.js';
import { indexRateTable, type RateItem } from './rate-table.js';

export interface AgreementRow {
  processCode: string;
  /** null for a process that is new in the agreement */
  previous: string | null;
  agreed: string;
  absolute: string | null;
  percent: string | null;
  isIndustryMinimum: boolean;
  isCut: boolean;
}

export interface AgreementSummary {
  /** rows the percent statistics cover: those with a non-zero previous rate */
  processes: number;
  meanPercent: string | null;
  medianPercent: string | null;
  lowestPercent: string | null;
  highestPercent: string | null;
}

export interface MonthlyPayChange {
  before: string;
  after: string;
  absolute: string;
  percent: string | null;
}

/**
 * One row per process in the agreed table. Processes only in the previous table are not rows here;
 * compareTables reports them as removed.
 */
export function buildAgreementRows(
  previous: RateItem[],
  agreed: RateItem[],
  minimumRateCodes: ReadonlySet<string>,
): AgreementRow[] {
  const before = indexRateTable(previous, 'previous');
  const after = indexRateTable(agreed, 'agreed');
  const entries = [...after].sort(([x], [y]) => compareCodes(x, y));
  return entries.map(([processCode, a]) => {
    const p = before.get(processCode);
    return {
      processCode,
      previous: p === undefined ? null : formatRateUnits(p),
      agreed: formatRateUnits(a),
      absolute: p === undefined ? null : formatRateUnits(a - p),
      percent: p === undefined ? null : percentChangeUnits(p, a),
      isIndustryMinimum: minimumRateCodes.has(processCode),
      isCut: p !== undefined && a < p,
    };
  });
}

/** Statistics over the unrounded percents, rounded only at the end so rounding does not compound. */
export function summariseAgreement(rows: AgreementRow[]): AgreementSummary {
  const percents: Decimal[] = [];
  for (const row of rows) {
    if (row.previous === null) continue;
    const exact = exactPercentChange(parseRate(row.previous), parseRate(row.agreed));
    if (exact !== null) percents.push(exact);
  }
  if (percents.length === 0) {
    return {
      processes: 0,
      meanPercent: null,
      medianPercent: null,
      lowestPercent: null,
      highestPercent: null,
    };
  }
  percents.sort(compareDecimals);
  return {
    processes: percents.length,
    meanPercent: formatPercent(meanOf(percents)),
    medianPercent: formatPercent(medianOfSorted(percents)),
    lowestPercent: formatPercent(percents[0]),
    highestPercent: formatPercent(percents[percents.length - 1]),
  };
}

/**
 * Pay for a typical month at the previous and the agreed rates, over the processes that have both a
 * previous rate and an output figure; output for processes not in the rows is ignored.
 */
export function monthlyPayChange(
  rows: AgreementRow[],
  typicalMonthlyOutput: ReadonlyMap<string, number>,
): MonthlyPayChange {
  // Sums of exact 0.0001-yuan units; only the final yuan figures are rounded.
  let before = 0n;
  let after = 0n;
  for (const row of rows) {
    const output = typicalMonthlyOutput.get(row.processCode);
    if (output === undefined || row.previous === null) continue;
    if (!Number.isSafeInteger(output) || output < 0) {
      throw new PieceRateInputError(
        'Monthly output must be a whole, non-negative number of pieces.',
        {
          processCode: row.processCode,
          output,
        },
      );
    }
    const pieces = BigInt(output);
    before += parseRateUnits(row.previous) * pieces;
    after += parseRateUnits(row.agreed) * pieces;
  }
  return {
    before: formatUnitsAsYuan(before),
    after: formatUnitsAsYuan(after),
    absolute: formatUnitsAsYuan(after - before),
    percent: percentChangeUnits(before, after),
  };
}
