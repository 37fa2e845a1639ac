import { canonicalJson, sha256Hex } from '../../common/canonical-json.js';
import {
  buildAgreementRows,
  monthlyPayChange,
  summariseAgreement,
  type AgreementRow,
  type AgreementSummary,
  type MonthlyPayChange,
} from '../rates/agreement-summary.js';
import { lineKey, type RateLine } from '../rates/rate-table.js';
import type { DraftRequest, RoundPayloads } from './round.events.js';
import type { RateItem, Violation } from './round.types.js';

// The agreement's table (issue 4): per process the previous rate (last year's agreed rate, or the
// baseline the parties state), the agreed rate, absolute and % change and the industry-minimum flag,
// with a summary and, given typical monthly output, the estimated change in monthly pay. Computed by
// the write path when a draft is agreed and stored in its own rows (rate_table kind 'draft', ADR 0018):
// the event and the round commit to it by digest, so the signed agreement carries it.

// The signed round the previous rates were taken from (any earlier year, issue 10), so a reader of
// the table knows which agreement "previous" means.
export interface PreviousRound {
  negotiationId: string;
  year: number;
  catalogVersion: number | null;
}

export interface AgreementTable {
  previousFrom: 'previousRound' | 'statedBaseline' | 'none';
  // Present only when previousFrom is previousRound and the source is known (drafts agreed before
  // issue 10 have none): undefined keeps their digest unchanged.
  previousRound?: PreviousRound;
  rows: AgreementRow[];
  summary: AgreementSummary;
  monthlyPay: MonthlyPayChange | null;
}

export function agreementTable(
  request: DraftRequest,
  previousRound: RateItem[] | null,
  source: PreviousRound | null = null,
): { table: AgreementTable; violations: Violation[] } {
  const previous = previousRound ?? request.baseline ?? [];
  const previousFrom = previousRound
    ? 'previousRound'
    : request.baseline
      ? 'statedBaseline'
      : 'none';
  // Lines kept on purpose are agreed at their previous rate: rows with a change of 0.
  const kept = keptLines(request.keepPreviousRate ?? [], previous).lines;
  const rows = buildAgreementRows(
    previous,
    kept.length ? [...request.items, ...kept] : request.items,
    new Set(request.industryMinimum ?? []),
  );
  const output = request.typicalMonthlyOutput;
  const table = {
    previousFrom,
    ...(previousRound && source ? { previousRound: source } : {}),
    rows,
    summary: summariseAgreement(rows),
    monthlyPay: output?.length
      ? monthlyPayChange(rows, new Map(output.map((o) => [lineKey(o), o.pieces])))
      : null,
  } as const;
  // A cut (agreed below previous) binds thousands of workers: it must be confirmed line by line.
  // A process code confirms its cut for every product type; `productType:processCode` for one.
  const confirmed = new Set(request.confirmedCuts ?? []);
  const violations = rows
    .filter((r) => r.isCut && !confirmed.has(lineKey(r)) && !confirmed.has(r.processCode))
    .map((r) => ({
      rule: 'rates.cutNotConfirmed',
      message: `${lineKey(r)} is cut from ${r.previous} to ${r.agreed}; list it in confirmedCuts to agree a cut`,
      field: 'confirmedCuts',
    }));
  return { table, violations };
}

// One stored line of a draft: the agreed rate, the rate it is compared with and its minimum flag.
// Everything else in a row (change, %, cut) follows from these, so it is recomputed, never stored.
export interface DraftLine extends RateLine {
  previousRate: string | null;
  isIndustryMinimum: boolean;
}

// What the rows cannot give back: where the previous rates came from, and the monthly pay estimate
// (which needs the typical output). The summary is kept beside it so a read needs no recomputation.
export type DraftHeader = Omit<AgreementTable, 'rows'>;

/** The table as its stored lines give it back: one row per line, in canonical order. */
export function tableFromLines(lines: readonly DraftLine[], header: DraftHeader): AgreementTable {
  const agreed = lines.map(({ productType, processCode, rate }) => ({
    productType,
    processCode,
    rate,
  }));
  const previous = lines.flatMap(({ productType, processCode, previousRate }) =>
    previousRate === null ? [] : [{ productType, processCode, rate: previousRate }],
  );
  const minimum = new Set(lines.filter((l) => l.isIndustryMinimum).map(lineKey));
  const rows = buildAgreementRows(previous, agreed, minimum).map((r) => ({
    ...r,
    productType: r.productType ?? null,
  }));
  return {
    previousFrom: header.previousFrom,
    ...(header.previousRound ? { previousRound: header.previousRound } : {}),
    rows,
    summary: header.summary,
    monthlyPay: header.monthlyPay,
  };
}

/** The digest the history commits to: the whole table, canonical JSON, SHA-256. */
export const agreementDigest = (table: AgreementTable): string => sha256Hex(canonicalJson(table));

export interface ResolvedDraft {
  lines: DraftLine[];
  header: DraftHeader;
  payload: RoundPayloads['draft.agreed'];
}

/** The draft as it is stored: its lines, its header, and the event's payload that commits to them. */
export function resolveDraft(draftId: string, text: string, table: AgreementTable): ResolvedDraft {
  const lines = table.rows.map((r) => ({
    productType: r.productType ?? null,
    processCode: r.processCode,
    rate: r.agreed,
    previousRate: r.previous,
    isIndustryMinimum: r.isIndustryMinimum,
  }));
  const header = {
    previousFrom: table.previousFrom,
    ...(table.previousRound ? { previousRound: table.previousRound } : {}),
    summary: table.summary,
    monthlyPay: table.monthlyPay,
  };
  // Hashed as tableFromLines gives it back from the rows (the spec proves the two agree), so a
  // verifier that rebuilds the table gets the same digest without the write paying for a rebuild.
  const rows = table.rows.map((r) => ({ ...r, productType: r.productType ?? null }));
  const sha256 = agreementDigest({ ...header, rows });
  return { lines, header, payload: { text, draftId, sha256, lineCount: lines.length } };
}

// ---- coverage (issue 10) ----

const SHOWN = 10;
const firstKeys = (keys: readonly string[]) =>
  keys.length > SHOWN
    ? `${keys.slice(0, SHOWN).join(', ')} and ${keys.length - SHOWN} more`
    : keys.join(', ');

/**
 * The keys of the whole table of a catalog version: every process for every product type
 * (`productType:processCode`), or every process alone when the catalog has no product types.
 */
export function pinnedTableKeys(catalog: {
  processes: readonly string[];
  productTypes: readonly string[];
}): string[] {
  if (catalog.productTypes.length === 0) return [...catalog.processes];
  return catalog.processes.flatMap((processCode) =>
    catalog.productTypes.map((productType) => lineKey({ productType, processCode })),
  );
}

/**
 * The lines `keepPreviousRate` names, at their previous rate. A process code keeps every previous
 * line of that process (its line for every product type, or each product type's own); a
 * `productType:processCode` keeps that product type's previous rate, its own line or else the
 * process's line for every product type. Entries with no previous rate are returned as unmatched.
 */
export function keptLines(
  keep: readonly string[],
  previous: readonly RateItem[],
): { lines: RateItem[]; unmatched: string[] } {
  const byKey = new Map(previous.map((l) => [lineKey(l), l]));
  const lines: RateItem[] = [];
  const unmatched: string[] = [];
  for (const entry of new Set(keep)) {
    const colon = entry.indexOf(':');
    if (colon < 0) {
      const all = byKey.get(entry);
      const own = all ? [all] : previous.filter((l) => l.productType && l.processCode === entry);
      if (own.length === 0) unmatched.push(entry);
      for (const l of own)
        lines.push({
          productType: l.productType ?? null,
          processCode: l.processCode,
          rate: l.rate,
        });
      continue;
    }
    const productType = entry.slice(0, colon);
    const processCode = entry.slice(colon + 1);
    const line = byKey.get(entry) ?? byKey.get(processCode);
    if (!line) unmatched.push(entry);
    else lines.push({ productType, processCode, rate: line.rate });
  }
  // Named twice (a process and one of its product types): each line once, the process's line for
  // every product type standing for its product types' lines.
  const everywhere = new Set(lines.filter((l) => !l.productType).map((l) => l.processCode));
  const seen = new Set<string>();
  const once = lines.filter((l) => {
    const key = lineKey(l);
    if (seen.has(key) || (l.productType && everywhere.has(l.processCode))) return false;
    seen.add(key);
    return true;
  });
  return { lines: once, unmatched };
}

/**
 * Issue 10: a draft covers the whole pinned table. Its items plus the lines it keeps at last year's
 * rate (`keepPreviousRate`) must give every key of `pinnedTableKeys` a rate; a kept line needs a
 * previous rate and may not be agreed in items too; and a draft that changes nothing must say so in
 * its text (an empty summary is refused). `previous` is what the table compares with: the pair's
 * last signed round, else the stated baseline. Call after the items' own checks (rateItemViolations).
 */
export function draftCoverageViolations(
  request: DraftRequest,
  pinnedKeys: readonly string[],
  previous: readonly RateItem[] | null,
): Violation[] {
  const violations: Violation[] = [];
  const { lines: kept, unmatched } = keptLines(request.keepPreviousRate ?? [], previous ?? []);
  if (unmatched.length > 0)
    violations.push({
      rule: 'draft.keptWithoutPreviousRate',
      message: `keepPreviousRate names ${unmatched.length} line(s) with no previous rate to keep: ${firstKeys(unmatched)}; give them a rate in items`,
      field: 'keepPreviousRate',
    });

  // A kept line may not also be agreed: the same line, or a line for every product type against
  // one product type's line of the same process.
  const agreedKeys = new Set(request.items.map(lineKey));
  const agreedEverywhere = new Set(
    request.items.filter((i) => !i.productType).map((i) => i.processCode),
  );
  const agreedProcesses = new Set(request.items.map((i) => i.processCode));
  const both = [
    ...new Set(
      kept
        .filter((k) =>
          k.productType
            ? agreedKeys.has(lineKey(k)) || agreedEverywhere.has(k.processCode)
            : agreedProcesses.has(k.processCode),
        )
        .map(lineKey),
    ),
  ];
  if (both.length > 0)
    violations.push({
      rule: 'draft.keptAndAgreed',
      message: `${both.length} line(s) are both agreed in items and kept at the previous rate: ${firstKeys(both)}; name each line once`,
      field: 'keepPreviousRate',
    });

  const covered = new Set([...request.items, ...kept].map(lineKey));
  const missing = pinnedKeys.filter((key) => {
    if (covered.has(key)) return false;
    const colon = key.indexOf(':');
    return colon < 0 || !covered.has(key.slice(colon + 1));
  });
  if (missing.length > 0)
    violations.push({
      rule: 'draft.incomplete',
      message: `the draft covers ${pinnedKeys.length - missing.length} of the ${pinnedKeys.length} lines of the round's table; ${missing.length} have no rate: ${firstKeys(missing)}; give each a rate in items, or list it in keepPreviousRate (a process code keeps every product type) to keep last year's rate`,
      field: 'items',
    });

  // Nothing agreed differs from the previous rates and the text says nothing: an empty summary.
  const changes = buildAgreementRows([...(previous ?? [])], request.items, new Set()).some(
    (r) => r.previous === null || r.absolute !== '0.0000',
  );
  if (!changes && request.text.trim() === '')
    violations.push({
      rule: 'draft.emptySummary',
      message:
        'the draft changes no rate and its text is empty; state in text what the parties agreed (a freeze of every rate is agreed in words)',
      field: 'text',
    });
  return violations;
}
