import type { IsoDate, Instant, RoundContext, Side } from '../../kernel/round/round.types.js';

// 船舶修造: what a shipbuilding round argues over (issue 12). Not a piece-rate table but a package:
// the union's wage survey by trade, then per trade a monthly minimum wage and a skill-level grid (能级),
// and non-wage clauses each with its own status. Pure data and functions: no framework, no clock.

// Monthly amounts are exact yuan with at most two decimals (fen), held as bigint fen in arithmetic.
export const YUAN_PATTERN = /^(0|[1-9]\d{0,6})(\.\d{1,2})?$/;

export function fenOf(yuan: string): bigint {
  const [whole, part = ''] = yuan.split('.');
  return BigInt(whole) * 100n + BigInt(part.padEnd(2, '0'));
}

export function yuanOf(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

// The non-wage clauses the sources name (domain.md §1, Yuhuan 2022; §3): work-injury insurance,
// employer's liability insurance, seniority pay (工龄工资), the latest payment day, the term.
export const CLAUSE_KINDS = [
  'workInjuryInsurance',
  'employerLiabilityInsurance',
  'seniorityPay',
  'paymentDay',
  'term',
] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

export const CLAUSE_STATUSES = ['tabled', 'countered', 'agreed', 'withdrawn'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];

// One trade's findings of the union's survey (monthly wage excluding overtime, from enterprise reports).
export interface SurveyedTrade {
  trade: string;
  nameZh: string;
  nameEn?: string;
  enterprises: number;
  workers: number;
  highest: string;
  average: string;
  lowest: string;
  // The minimum the pair agreed for this trade in its last round, where there was one.
  previousMinimum?: string | null;
}

export interface WageSurvey {
  surveyedOn: IsoDate;
  source: string;
  trades: SurveyedTrade[];
  // The pair's last signed round the previous minimums were taken from or checked against (ADR 0038).
  previousRound?: { negotiationId: string; year: number };
  tabledAt: Instant;
}

export interface TradeMinimum {
  trade: string;
  monthlyMinimum: string;
}

export interface SkillGrade {
  grade: number;
  monthlyAllowance: string;
}

export interface TradeGrid {
  trade: string;
  grades: SkillGrade[];
}

// A clause's terms; which fields it needs depends on its kind (shipbuilding.rules.ts).
export interface ClauseTerms {
  clause: ClauseKind;
  text: string;
  // seniorityPay: yuan a month per year of service, and the cap on it.
  yuanPerYear?: string;
  capYuan?: string;
  // paymentDay: wages of a month are paid by this day of the next month.
  latestDay?: number;
  // term: the agreement's term in years.
  years?: number;
  // employerLiabilityInsurance: the sum insured per worker.
  sumInsuredYuan?: string;
}

export interface ClauseState {
  clause: ClauseKind;
  // Who tabled it first: only the proposer may withdraw it.
  proposer: Side;
  terms: ClauseTerms;
  // Whose terms are on the table now: only the other side may agree them.
  termsBy: Side;
  status: ClauseStatus;
  changes: { side: Side; status: ClauseStatus; at: Instant }[];
}

export interface SidePosition {
  minimums: Record<string, string>;
  grids: Record<string, SkillGrade[]>;
  tabledAt: Instant | null;
}

export interface HeadcountLine {
  trade: string;
  grade?: number | null;
  workers: number;
}

export interface ShipbuildingRecord {
  survey: WageSurvey | null;
  positions: Record<Side, SidePosition>;
  clauses: ClauseState[];
  // Built when the draft is agreed (shipbuilding.agreement.ts); null again if the congress rejects it.
  agreement: PackageAgreement | null;
}

export type ShipbuildingContext = RoundContext & { shipbuilding?: ShipbuildingRecord };

// The payloads of the events only this industry has (their classes: shipbuilding.events.ts).
export interface ShipbuildingPayloads {
  'wageSurvey.tabled': {
    surveyedOn: IsoDate;
    source: string;
    trades: SurveyedTrade[];
    previousRound?: { negotiationId: string; year: number };
  };
  'package.tabled': {
    // whole: the side's package is replaced (a minimum for every surveyed trade); items (the default):
    // only the trades and clauses named change.
    scope?: 'whole' | 'items';
    minimums?: TradeMinimum[];
    grids?: TradeGrid[];
    clauses?: ClauseTerms[];
    note?: string | null;
  };
  'clause.agreed': { clause: ClauseKind };
  'clause.withdrawn': { clause: ClauseKind; reason: string };
  'package.draftAgreed': {
    text: string;
    minimums: TradeMinimum[];
    grids: TradeGrid[];
    headcount?: HeadcountLine[];
  };
}
export type ShipbuildingEventType = keyof ShipbuildingPayloads;
export const SHIPBUILDING_EVENT_TYPES = [
  'wageSurvey.tabled',
  'package.tabled',
  'clause.agreed',
  'clause.withdrawn',
  'package.draftAgreed',
] as const satisfies readonly ShipbuildingEventType[];

export const isShipbuildingEventType = (type: string): type is ShipbuildingEventType =>
  (SHIPBUILDING_EVENT_TYPES as readonly string[]).includes(type);

export interface PackageAgreement {
  text: string;
  agreedAt: Instant;
  // The pinned profile's statutory monthly minimum wage; null: the profile sets none, so unchecked.
  statutoryMinimum: string | null;
  trades: AgreedTrade[];
  clauses: { agreed: ClauseState[]; withdrawn: ClauseState[] };
  payImpact: PayImpact | null;
}

export interface AgreedTrade {
  trade: string;
  nameZh: string;
  nameEn: string | null;
  survey: {
    enterprises: number;
    workers: number;
    highest: string;
    average: string;
    lowest: string;
  };
  previousMinimum: string | null;
  agreedMinimum: string;
  change: string | null;
  changePercent: string | null;
  grid: SkillGrade[];
}

export interface PayImpact {
  basis: string;
  trades: {
    trade: string;
    workers: number;
    minimumRaisePerWorker: string | null;
    minimumRaiseMonthly: string | null;
    allowancesMonthly: string;
    totalMonthly: string;
  }[];
  totalMonthly: string;
  totalYearly: string;
}

export const emptyRecord = (): ShipbuildingRecord => ({
  survey: null,
  positions: {
    worker: { minimums: {}, grids: {}, tabledAt: null },
    employer: { minimums: {}, grids: {}, tabledAt: null },
  },
  clauses: [],
  agreement: null,
});

export const recordOf = (ctx: ShipbuildingContext): ShipbuildingRecord =>
  ctx.shipbuilding ?? emptyRecord();

export const statutoryMinimumOf = (ctx: RoundContext): string | null =>
  ctx.policy.minimumWage?.monthlyYuan ?? null;

// A clause is settled once agreed, or withdrawn by its proposer; a draft needs every clause settled.
export const isSettled = (c: ClauseState): boolean =>
  c.status === 'agreed' || c.status === 'withdrawn';
