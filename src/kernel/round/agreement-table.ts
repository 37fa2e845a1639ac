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

export interface AgreementTable {
  previousFrom: 'previousRound' | 'statedBaseline' | 'none';
  rows: AgreementRow[];
  summary: AgreementSummary;
  monthlyPay: MonthlyPayChange | null;
}

export function agreementTable(
  request: DraftRequest,
  previousRound: RateItem[] | null,
): { table: AgreementTable; violations: Violation[] } {
  const previous = previousRound ?? request.baseline ?? [];
  const previousFrom = previousRound
    ? 'previousRound'
    : request.baseline
      ? 'statedBaseline'
      : 'none';
  const rows = buildAgreementRows(previous, request.items, new Set(request.industryMinimum ?? []));
  const output = request.typicalMonthlyOutput;
  const table = {
    previousFrom,
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
    summary: table.summary,
    monthlyPay: table.monthlyPay,
  };
  // Hashed as tableFromLines gives it back from the rows (the spec proves the two agree), so a
  // verifier that rebuilds the table gets the same digest without the write paying for a rebuild.
  const rows = table.rows.map((r) => ({ ...r, productType: r.productType ?? null }));
  const sha256 = agreementDigest({ ...header, rows });
  return { lines, header, payload: { text, draftId, sha256, lineCount: lines.length } };
}
