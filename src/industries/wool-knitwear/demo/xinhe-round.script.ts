import type { ClientRequest } from '../../../kernel/round/round.events.js';
import type { RequestPayloads, RoundEventType } from '../../../kernel/round/round.events.js';
import type { NegotiationActor } from '../../../kernel/round/round.permissions.js';
import { knitwearRates2024Baseline, knitwearRound } from './rate-tables.js';
import { XINHE_PEOPLE as PEOPLE } from './xinhe-cast.js';

// The Xinhe wool-knitwear round as a list of requests, each with who sends it. The demo seed, the
// machine's unit tests and the end-to-end test all drive a round with this one script, so they agree.
// Names and rates are illustrative (domain.md §5 gives only the shape: 7 per side, 3 joint sessions).
// The round names people by their registry ids only (ADR 0025); their names live in PEOPLE.

export type DemoRole = 'unionChair' | 'associationChief' | 'recorder' | 'labourOfficer';

export type ScriptStep<T extends RoundEventType = RoundEventType> = ClientRequest<T> & {
  as: DemoRole;
};

const step = <T extends RoundEventType>(
  as: DemoRole,
  type: T,
  payload: RequestPayloads[T],
): ScriptStep => ({ as, type, payload }) as ScriptStep;

// [demo handle, person id]
const delegates = (...handles: string[]) => handles.map((h) => [h, PEOPLE[h].id] as const);

export const WORKER_DELEGATES = delegates(
  'chen.chair',
  'wang.w1',
  'li.w2',
  'zhao.w3',
  'sun.w4',
  'zhou.w5',
  'xu.expert',
);

export const EMPLOYER_DELEGATES = delegates(
  'lin.chief',
  'he.e1',
  'guo.e2',
  'ma.e3',
  'luo.e4',
  'zheng.e5',
  'hu.e6',
);

// Whole-catalog tables (9 product types x 45 processes, illustrative: ./rate-tables.ts).
// Rounds of other years (tests open many) reuse the 2025 figures.
const ratesFor = (year: number) => knitwearRound(year === 2026 ? 2026 : 2025);
const lineKeyOf = (l: { productType: string; processCode: string }) =>
  `${l.productType}:${l.processCode}`;

const everyone = [...WORKER_DELEGATES, ...EMPLOYER_DELEGATES].map(([, personId]) => personId);

// The script up to and including the second joint session's opening, then the rest to signature.
export function xinheRoundScript(year: number): {
  toSecondSession: ScriptStep[];
  toSignature: ScriptStep[];
} {
  const d = (mmdd: string) => `${year}-${mmdd}`;
  const rates = ratesFor(year);
  const toSecondSession: ScriptStep[] = [
    step('unionChair', 'parties.registered', {
      worker: {
        representedCount: 1000,
        standing: '新河镇羊毛衫行业工会 (industry union), chair acts as chief',
      },
      employer: {
        representedCount: 36,
        standing: '新河镇羊毛衫行业协会 (industry association), 36 member enterprises',
      },
    }),
    ...WORKER_DELEGATES.map(([handle, personId], i) =>
      step('unionChair', 'delegate.appointed', {
        personId,
        isChief: i === 0,
        isExpert: handle === 'xu.expert',
        appointedOn: d('07-01'),
      }),
    ),
    ...EMPLOYER_DELEGATES.map(([, personId], i) =>
      step('associationChief', 'delegate.appointed', {
        personId,
        isChief: i === 0,
        isExpert: false,
        appointedOn: d('07-01'),
      }),
    ),
    step('unionChair', 'recorder.appointed', { personId: PEOPLE['ye.recorder'].id }),
    step('unionChair', 'delegations.confirmed', { confirmedOn: d('07-02') }),
    step('unionChair', 'offer.sent', {
      content: `${year}年度羊毛衫行业工序工价调整 (annual piece-rate adjustment for knitwear processes)`,
      proposedTime: `${year}-08-03T01:30:00.000Z`,
      proposedPlace: '新河镇政府三楼会议室 (Xinhe town hall, 3rd floor)',
      sentOn: d('07-06'),
      receivedOn: d('07-07'),
    }),
    step('associationChief', 'offer.answered', {
      answeredOn: d('07-15'),
      text: '同意协商 (we agree to negotiate at the proposed time and place)',
    }),
    step('unionChair', 'agenda.itemAdded', {
      itemId: 'rates',
      title: '工序工价 (piece rates per process)',
    }),
    step('associationChief', 'agenda.itemAdded', {
      itemId: 'payday',
      title: '工资支付日 (payment day)',
    }),
    step('unionChair', 'information.requested', {
      requestId: 'orders',
      subject: '2025 年订单与利润情况 (order book and margins)',
      requestedOn: d('07-16'),
    }),
    step('associationChief', 'information.supplied', {
      requestId: 'orders',
      suppliedOn: d('07-25'),
    }),
    // Business dates of the joint sessions (required since wool-knitwear v2, ADR 0030).
    step('unionChair', 'session.opened', { attendance: everyone, openedOn: d('08-03') }),
    step('unionChair', 'offer.tabled', {
      items: rates.workerOffer,
      scope: 'full',
      note: '职工方工价方案：平均上调约10% (the union opens about 10 % up)',
    }),
    step('associationChief', 'offer.tabled', {
      items: rates.employerOffer,
      scope: 'full',
      note: '企业方还价：平均上调约2% (the employers counter about 2 % up)',
    }),
    step('recorder', 'minutes.recorded', {
      minutes: '第一次协商：职工方提出加价约10%，企业方还价约2%。',
    }),
    step('unionChair', 'session.closed', { closedOn: d('08-03') }),
    step('unionChair', 'minutes.signed', { sessionNumber: 1 }),
    step('associationChief', 'minutes.signed', { sessionNumber: 1 }),
    step('associationChief', 'session.opened', { attendance: everyone, openedOn: d('08-10') }),
  ];
  const toSignature: ScriptStep[] = [
    step('associationChief', 'offer.tabled', {
      items: rates.employerSecondOffer,
      scope: 'full',
      note: null,
    }),
    step('unionChair', 'offer.tabled', {
      items: rates.agreed,
      scope: 'full',
      note: '双方折中：平均上调约5% (meeting in the middle)',
    }),
    step('recorder', 'minutes.recorded', { minutes: '第二次协商：双方就平均约5%的涨幅达成一致。' }),
    step('associationChief', 'session.closed', { closedOn: d('08-10') }),
    step('unionChair', 'minutes.signed', { sessionNumber: 2 }),
    step('associationChief', 'minutes.signed', { sessionNumber: 2 }),
    step('unionChair', 'draft.agreed', {
      text: `${year}年度新河镇羊毛衫行业工资集体协议（草案）`,
      items: rates.agreed,
      // Used only when the pair has no signed round in an earlier year (the 2025 demo round).
      baseline: knitwearRates2024Baseline(),
      industryMinimum: rates.industryMinimum.map(lineKeyOf),
      typicalMonthlyOutput: rates.typicalMonthlyOutput,
    }),
    step('unionChair', 'draft.signed', {}),
    step('associationChief', 'draft.signed', {}),
    step('unionChair', 'ratification.submitted', {
      body: '新河镇羊毛衫行业职工代表大会 (industry workers’ congress)',
      totalMembers: 99,
      meetingOn: d('08-20'),
    }),
    step('unionChair', 'ballot.closed', {
      present: 90,
      yes: 81,
      no: 5,
      abstain: 4,
      closedOn: d('08-20'),
    }),
    step('associationChief', 'agreement.prepared', {
      text: `${year}年度新河镇羊毛衫行业工资集体协议`,
    }),
    step('associationChief', 'agreement.signed', { signedOn: d('08-25') }),
    step('unionChair', 'agreement.signed', { signedOn: d('08-25') }),
  ];
  return { toSecondSession, toSignature };
}

const nobody: NegotiationActor = {
  chiefOf: [],
  memberOf: [],
  isRecorder: false,
  isLabourOfficer: false,
};

// The script's roles as the pure core sees them, for driving the machine without a database.
// The demo account that plays each role (src/seed/demo-reference.ts lists them).
export const DEMO_ACCOUNT: Record<DemoRole, string> = {
  unionChair: 'chen.chair',
  associationChief: 'lin.chief',
  recorder: 'ye.recorder',
  labourOfficer: 'liu.labour',
};

const actor = (accountId: string, handle: string) => ({ accountId, personId: PEOPLE[handle].id });

export const SCRIPT_ACTORS: Record<
  DemoRole,
  NegotiationActor & { accountId: string; personId: string | null }
> = {
  unionChair: { ...nobody, chiefOf: ['worker'], ...actor('a-chair', 'chen.chair') },
  associationChief: { ...nobody, chiefOf: ['employer'], ...actor('a-chief', 'lin.chief') },
  recorder: { ...nobody, isRecorder: true, ...actor('a-rec', 'ye.recorder') },
  labourOfficer: { ...nobody, isLabourOfficer: true, ...actor('a-lab', 'liu.labour') },
};
