import {
  PieceRateInputError,
  compareCodes,
  formatRateUnits,
  parseRateUnits,
  percentChangeUnits,
} from './money.js';

export interface RateItem {
  processCode: string;
  rate: string;
}

export type RateChangeStatus = 'unchanged' | 'raised' | 'cut' | 'added' | 'removed';

export interface RateChange {
  processCode: string;
  from: string | null;
  to: string | null;
  absolute: string | null;
  percent: string | null;
  status: RateChangeStatus;
}

export interface RateGap {
  processCode: string;
  worker: string | null;
  employer: string | null;
  /** worker - employer */
  absolute: string | null;
  /** relative to the employer rate */
  percent: string | null;
}

/**
 * Parses a table once into exact 0.0001-yuan units, refusing blank or duplicate process codes (a
 * duplicate is ambiguous).
 */
export function indexRateTable(items: readonly RateItem[], table = 'table'): Map<string, bigint> {
  if (!Array.isArray(items)) {
    throw new PieceRateInputError('A rate table must be a list of rows.', { table });
  }
  const index = new Map<string, bigint>();
  for (const item of items) {
    const code: unknown = item?.processCode;
    if (typeof code !== 'string' || code.length === 0) {
      throw new PieceRateInputError('Every rate row needs a process code.', { table });
    }
    if (index.has(code)) {
      throw new PieceRateInputError('A process code appears twice in one rate table.', {
        table,
        processCode: code,
      });
    }
    index.set(code, parseRateUnits(item.rate));
  }
  return index;
}

function unionOfCodes(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  const codes = new Set(a.keys());
  for (const code of b.keys()) codes.add(code);
  return [...codes].sort(compareCodes);
}

const formatOrNull = (units: bigint | undefined): string | null =>
  units === undefined ? null : formatRateUnits(units);

export function compareTables(from: RateItem[], to: RateItem[]): RateChange[] {
  const before = indexRateTable(from, 'from');
  const after = indexRateTable(to, 'to');
  return unionOfCodes(before, after).map((processCode): RateChange => {
    const f = before.get(processCode);
    const t = after.get(processCode);
    const row = { processCode, from: formatOrNull(f), to: formatOrNull(t) };
    if (f === undefined) return { ...row, absolute: null, percent: null, status: 'added' };
    if (t === undefined) return { ...row, absolute: null, percent: null, status: 'removed' };
    const status: RateChangeStatus = t > f ? 'raised' : t < f ? 'cut' : 'unchanged';
    return { ...row, absolute: formatRateUnits(t - f), percent: percentChangeUnits(f, t), status };
  });
}

/**
 * The base table with the subset's rates in place of its own; processes the subset does not name
 * keep their base rate. A subset naming a process absent from the base is refused rather than
 * silently added, since an offer can only re-price processes already on the table.
 */
export function applySubset(base: RateItem[], subset: RateItem[]): RateItem[] {
  const baseIndex = indexRateTable(base, 'base');
  const offer = indexRateTable(subset, 'subset');
  const unknown = [...offer.keys()].filter((code) => !baseIndex.has(code)).sort(compareCodes);
  if (unknown.length > 0) {
    throw new PieceRateInputError('An offer names processes that are not on the base table.', {
      processCodes: unknown,
    });
  }
  return [...baseIndex].map(([processCode, rate]) => ({
    processCode,
    rate: formatRateUnits(offer.get(processCode) ?? rate),
  }));
}

export function gapByProcess(worker: RateItem[], employer: RateItem[]): RateGap[] {
  const w = indexRateTable(worker, 'worker');
  const e = indexRateTable(employer, 'employer');
  return unionOfCodes(w, e).map((processCode) => {
    const wr = w.get(processCode);
    const er = e.get(processCode);
    const both = wr !== undefined && er !== undefined;
    return {
      processCode,
      worker: formatOrNull(wr),
      employer: formatOrNull(er),
      absolute: both ? formatRateUnits(wr - er) : null,
      percent: both ? percentChangeUnits(er, wr) : null,
    };
  });
}
