import {
  buildAgreementRows,
  monthlyPayChange,
  summariseAgreement,
  type AgreementRow,
  type AgreementSummary,
  type MonthlyPayChange,
} from '../piece-rates/agreement-summary.js';
import { lineKey } from '../piece-rates/rate-table.js';
import type { RoundPayloads } from './round/round.events.js';
import type { RateItem, Violation } from './round/round.types.js';

// The agreement's table (issue 4): per process the previous rate (last year's agreed rate, or the
// baseline the parties state), the agreed rate, absolute and % change and the industry-minimum flag,
// with a summary and, given typical monthly output, the estimated change in monthly pay. Computed by
// the write path when a draft is agreed and embedded in the draft, so the signed agreement carries it.

export interface AgreementTable {
  previousFrom: 'previousRound' | 'statedBaseline' | 'none';
  rows: AgreementRow[];
  summary: AgreementSummary;
  monthlyPay: MonthlyPayChange | null;
}

export function agreementTable(
  payload: RoundPayloads['draft.agreed'],
  previousRound: RateItem[] | null,
): { table: AgreementTable; violations: Violation[] } {
  const previous = previousRound ?? payload.baseline ?? [];
  const previousFrom = previousRound
    ? 'previousRound'
    : payload.baseline
      ? 'statedBaseline'
      : 'none';
  const rows = buildAgreementRows(previous, payload.items, new Set(payload.industryMinimum ?? []));
  const output = payload.typicalMonthlyOutput;
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
  const confirmed = new Set(payload.confirmedCuts ?? []);
  const violations = rows
    .filter((r) => r.isCut && !confirmed.has(lineKey(r)) && !confirmed.has(r.processCode))
    .map((r) => ({
      rule: 'rates.cutNotConfirmed',
      message: `${lineKey(r)} is cut from ${r.previous} to ${r.agreed}; list it in confirmedCuts to agree a cut`,
      field: 'confirmedCuts',
    }));
  return { table, violations };
}
