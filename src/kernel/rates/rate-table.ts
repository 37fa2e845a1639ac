import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json.js';
import {
  PieceRateInputError,
  compareCodes,
  formatRateUnits,
  parseRateUnits,
  percentChangeUnits,
} from './money.js';

// A line of a rate table: one process (工序), for one product type (品种) or, with no product type,
// for every product type of the catalog.
export interface RateItem {
  productType?: string | null;
  processCode: string;
  rate: string;
}

export interface LineRef {
  productType: string | null;
  processCode: string;
}

/** The line's identity: `processCode`, or `productType:processCode` for a product type's own rate. */
export const lineKey = (line: { productType?: string | null; processCode: string }): string =>
  line.productType ? `${line.productType}:${line.processCode}` : line.processCode;

/** Product types first (lines for every product type before any one type's lines), then process. */
export function compareLines(a: LineRef, b: LineRef): number {
  if (a.productType !== b.productType) {
    if (a.productType === null) return -1;
    if (b.productType === null) return 1;
    return compareCodes(a.productType, b.productType);
  }
  return compareCodes(a.processCode, b.processCode);
}

interface IndexedLine extends LineRef {
  units: bigint;
}

export type RateChangeStatus = 'unchanged' | 'raised' | 'cut' | 'added' | 'removed';

export interface RateChange extends LineRef {
  from: string | null;
  to: string | null;
  absolute: string | null;
  percent: string | null;
  status: RateChangeStatus;
}

export interface RateGap extends LineRef {
  worker: string | null;
  employer: string | null;
  /** worker - employer */
  absolute: string | null;
  /** relative to the employer rate */
  percent: string | null;
}

/**
 * Parses a table once into exact 0.0001-yuan units keyed by line, refusing blank process codes and
 * duplicate lines (a duplicate is ambiguous).
 */
export function indexRateTable(
  items: readonly RateItem[],
  table = 'table',
): Map<string, IndexedLine> {
  if (!Array.isArray(items)) {
    throw new PieceRateInputError('A rate table must be a list of rows.', { table });
  }
  const index = new Map<string, IndexedLine>();
  for (const item of items) {
    const code: unknown = item?.processCode;
    if (typeof code !== 'string' || code.length === 0) {
      throw new PieceRateInputError('Every rate row needs a process code.', { table });
    }
    const productType = item.productType || null;
    const key = lineKey({ productType, processCode: code });
    if (index.has(key)) {
      throw new PieceRateInputError('A line appears twice in one rate table.', {
        table,
        line: key,
      });
    }
    index.set(key, { productType, processCode: code, units: parseRateUnits(item.rate) });
  }
  return index;
}

function unionOfLines(a: Map<string, LineRef>, b: Map<string, LineRef>): LineRef[] {
  const lines = new Map(a);
  for (const [key, line] of b) if (!lines.has(key)) lines.set(key, line);
  return [...lines.values()]
    .map(({ productType, processCode }) => ({ productType, processCode }))
    .sort(compareLines);
}

const formatOrNull = (units: bigint | undefined): string | null =>
  units === undefined ? null : formatRateUnits(units);

export function compareTables(from: RateItem[], to: RateItem[]): RateChange[] {
  const before = indexRateTable(from, 'from');
  const after = indexRateTable(to, 'to');
  return unionOfLines(before, after).map((line): RateChange => {
    const f = before.get(lineKey(line))?.units;
    const t = after.get(lineKey(line))?.units;
    const row = { ...line, from: formatOrNull(f), to: formatOrNull(t) };
    if (f === undefined) return { ...row, absolute: null, percent: null, status: 'added' };
    if (t === undefined) return { ...row, absolute: null, percent: null, status: 'removed' };
    const status: RateChangeStatus = t > f ? 'raised' : t < f ? 'cut' : 'unchanged';
    return { ...row, absolute: formatRateUnits(t - f), percent: percentChangeUnits(f, t), status };
  });
}

/**
 * The base table with the subset laid over it: a subset line replaces the base line it names (a
 * line for every product type replaces all of that process's lines), lines the subset does not
 * name keep their base rate, and new lines are added. Whether the result names only catalog lines
 * is for the caller to check.
 */
export function overlayTable(base: readonly RateItem[], subset: readonly RateItem[]): RateItem[] {
  const replacedEverywhere = new Set(
    subset.filter((l) => !l.productType).map((l) => l.processCode),
  );
  const named = new Set(subset.map(lineKey));
  const kept = base.filter(
    (line) => !named.has(lineKey(line)) && !replacedEverywhere.has(line.processCode),
  );
  return [...kept, ...subset];
}

export function gapByProcess(worker: RateItem[], employer: RateItem[]): RateGap[] {
  const w = indexRateTable(worker, 'worker');
  const e = indexRateTable(employer, 'employer');
  return unionOfLines(w, e).map((line) => {
    const wr = w.get(lineKey(line))?.units;
    const er = e.get(lineKey(line))?.units;
    const both = wr !== undefined && er !== undefined;
    return {
      ...line,
      worker: formatOrNull(wr),
      employer: formatOrNull(er),
      absolute: both ? formatRateUnits(wr - er) : null,
      percent: both ? percentChangeUnits(er, wr) : null,
    };
  });
}

export interface RateLine extends LineRef {
  rate: string;
}

/**
 * The one written form of a table, as stored and hashed: lines in canonical order, every product
 * type explicit (null for all), every rate with exactly 4 places, so a table re-read from NUMERIC
 * columns or re-imported from a spreadsheet has the same digest.
 */
export function normaliseTable(items: readonly RateItem[]): RateLine[] {
  if (!Array.isArray(items)) {
    throw new PieceRateInputError('A rate table must be a list of rows.', { table: 'table' });
  }
  // The checks of indexRateTable, line by line in the same order; a rate already in its written form
  // (a stored table's, or a client's "1.2500") is kept as it is instead of parsed and written again,
  // which is the same text: every offer normalises its whole table (issue 10).
  const lines = new Map<string, RateLine>();
  for (const item of items) {
    const code: unknown = item?.processCode;
    if (typeof code !== 'string' || code.length === 0) {
      throw new PieceRateInputError('Every rate row needs a process code.', { table: 'table' });
    }
    const productType = item.productType || null;
    const key = lineKey({ productType, processCode: code });
    if (lines.has(key)) {
      throw new PieceRateInputError('A line appears twice in one rate table.', {
        table: 'table',
        line: key,
      });
    }
    const rate =
      typeof item.rate === 'string' && WRITTEN_RATE.test(item.rate)
        ? item.rate
        : formatRateUnits(parseRateUnits(item.rate));
    lines.set(key, { productType, processCode: code, rate });
  }
  return [...lines.values()].sort(compareLines);
}

// A rate as formatRateUnits writes it: no leading zero, exactly four places.
const WRITTEN_RATE = /^(?:0|[1-9]\d{0,5})\.\d{4}$/;

/** SHA-256 of the canonical JSON of a normalised table: what an `offer.tabled` event commits to. */
export const tableDigest = (lines: readonly RateLine[]): string =>
  createHash('sha256').update(tableCanonicalJson(lines)).digest('hex');

/**
 * canonicalJson of a normalised table, when every line is a plain object with exactly the three
 * members of a RateLine (strings, and null for every product type): a copy of each line with its
 * members in canonical order (processCode < productType < rate), serialised by one JSON.stringify,
 * which writes them as canonicalJson does. That skips canonicalJson's sorting of every line's keys;
 * anything else takes canonicalJson itself. It runs on every offer (issue 10).
 */
export function tableCanonicalJson(lines: readonly RateLine[]): string {
  const copy = new Array<RateLine>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as unknown as Record<string, unknown>;
    if (
      typeof l !== 'object' ||
      l === null ||
      Object.getPrototypeOf(l) !== Object.prototype ||
      Object.keys(l).length !== 3 ||
      typeof l.processCode !== 'string' ||
      (typeof l.productType !== 'string' && l.productType !== null) ||
      typeof l.rate !== 'string'
    )
      return canonicalJson(lines);
    copy[i] = { processCode: l.processCode, productType: l.productType, rate: l.rate };
  }
  return JSON.stringify(copy);
}

/**
 * The catalog's lines a full table leaves without a rate: a process is covered by a line for every
 * product type or, if the catalog has product types, by one line for each of them.
 */
export function uncoveredLines(
  lines: readonly LineRef[],
  catalog: { productTypes: readonly string[]; processes: readonly string[] },
): string[] {
  const keys = new Set(lines.map(lineKey));
  const missing: string[] = [];
  for (const processCode of catalog.processes) {
    if (keys.has(processCode)) continue;
    if (catalog.productTypes.length === 0) missing.push(processCode);
    for (const productType of catalog.productTypes) {
      const key = lineKey({ productType, processCode });
      if (!keys.has(key)) missing.push(key);
    }
  }
  return missing;
}

export interface CodeMapping {
  fromCode: string;
  toCode: string | null;
  kind: 'renamed' | 'split' | 'merged' | 'retired';
}

/**
 * Last year's table re-expressed in a newer catalog version, one version's mappings at a time (the
 * versions form a chain). A renamed process keeps its rate under the new code; a merged process's
 * previous rate is the sum of the rates it merges (one piece of the new process is one of each old
 * one), per product type; a split or retired process has no previous rate in the new catalog (a
 * part of a process has no earlier rate of its own). Codes the mappings do not name carry over.
 */
export function carryForward(
  lines: readonly RateItem[],
  versions: readonly (readonly CodeMapping[])[],
): RateItem[] {
  let table = normaliseTable(lines);
  for (const mappings of versions) {
    const byFrom = new Map(mappings.map((m) => [m.fromCode, m]));
    const merged = new Map<string, { line: LineRef; units: bigint }>();
    const next: RateLine[] = [];
    for (const line of table) {
      const m = byFrom.get(line.processCode);
      if (!m) next.push(line);
      else if (m.kind === 'renamed' && m.toCode) next.push({ ...line, processCode: m.toCode });
      else if (m.kind === 'merged' && m.toCode) {
        const target = { productType: line.productType, processCode: m.toCode };
        const sum = merged.get(lineKey(target));
        const units = parseRateUnits(line.rate) + (sum?.units ?? 0n);
        merged.set(lineKey(target), { line: target, units });
      }
    }
    for (const { line, units } of merged.values())
      next.push({ ...line, rate: formatRateUnits(units) });
    table = normaliseTable(next);
  }
  return table;
}
