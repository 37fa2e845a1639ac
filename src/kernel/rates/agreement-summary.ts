import type { Decimal } from 'decimal.js';
import {
  PieceRateInputError,
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
import {
  compareLines,
  indexRateTable,
  lineKey,
  type LineRef,
  type RateItem,
} from './rate-table.js';

export interface AgreementRow extends LineRef {
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

/** A line's entry in a set or map keyed by line: its own key, else its process code (every type). */
function forLine<T>(line: LineRef, lookup: (key: string) => T | undefined): T | undefined {
  return lookup(lineKey(line)) ?? (line.productType ? lookup(line.processCode) : undefined);
}

/**
 * One row per line of the agreed table. Lines only in the previous table are not rows here;
 * compareTables reports them as removed. A product type's line with no previous line of its own
 * compares with the previous rate for every product type. `minimumRateLines` holds line keys: a
 * process code flags it for every product type, `productType:processCode` for one.
 */
export function buildAgreementRows(
  previous: RateItem[],
  agreed: RateItem[],
  minimumRateLines: ReadonlySet<string>,
): AgreementRow[] {
  const before = indexRateTable(previous, 'previous');
  const after = indexRateTable(agreed, 'agreed');
  const entries = [...after.values()].sort(compareLines);
  return entries.map(({ productType, processCode, units: a }) => {
    const line = { productType, processCode };
    const p = forLine(line, (k) => before.get(k))?.units;
    return {
      productType,
      processCode,
      previous: p === undefined ? null : formatRateUnits(p),
      agreed: formatRateUnits(a),
      absolute: p === undefined ? null : formatRateUnits(a - p),
      percent: p === undefined ? null : percentChangeUnits(p, a),
      isIndustryMinimum:
        forLine(line, (k) => (minimumRateLines.has(k) ? true : undefined)) ?? false,
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
 * previous rate and an output figure (keyed like the rows: line key, else process code); output for
 * lines not in the rows is ignored.
 */
export function monthlyPayChange(
  rows: AgreementRow[],
  typicalMonthlyOutput: ReadonlyMap<string, number>,
): MonthlyPayChange {
  // Sums of exact 0.0001-yuan units; only the final yuan figures are rounded.
  let before = 0n;
  let after = 0n;
  for (const row of rows) {
    const output = forLine(row, (k) => typicalMonthlyOutput.get(k));
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
