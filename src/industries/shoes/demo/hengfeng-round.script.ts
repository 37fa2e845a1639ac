import type { RequestPayloads, RoundEventType } from '../../../kernel/round/round.events.js';
import type { NegotiationActor } from '../../../kernel/round/round.permissions.js';
import type { ShoesPayloads } from '../shoes.events.js';
import { HENGFENG_PEOPLE as PEOPLE } from './hengfeng-cast.js';
import { shoesBaseline2024, shoesRound } from './rate-tables.js';

// The Hengfeng shoe round as a list of requests, each with who sends it. The demo seed, the machine's
// unit tests and the end-to-end test all drive a round with this one script, so they agree. Names,
// rates and attendance figures are illustrative; the shape (an increase band, a hearing of more than 50
// per side before the joint sessions) follows domain.md §6.

export type ShoesRole = 'unionChair' | 'associationChief' | 'recorder' | 'labourOfficer';

type Payloads = RequestPayloads & ShoesPayloads;
export interface ShoesStep {
  as: ShoesRole;
  type: string;
  payload: unknown;
}

const step = <T extends RoundEventType | keyof ShoesPayloads>(
  as: ShoesRole,
  type: T,
  payload: Payloads[T],
): ShoesStep => ({ as, type, payload });

const delegates = (...handles: string[]) => handles.map((h) => PEOPLE[h].id);
export const SHOES_WORKER_DELEGATES = delegates('zhu.shoes', 'wu.shoes', 'pan.shoes', 'cao.shoes');
export const SHOES_EMPLOYER_DELEGATES = delegates(
  'xie.shoes',
  'tang.shoes',
  'song.shoes',
  'yu.shoes',
);
const everyone = [...SHOES_WORKER_DELEGATES, ...SHOES_EMPLOYER_DELEGATES];

// The script to the end of the first joint session (the 2026 demo round stops there), then the rest to
// signature. Rounds of years other than 2025 and 2026 (tests open them) reuse the 2026 figures, whose
// band is checked against the last signed round.
export function hengfengRoundScript(year: number): {
  toFirstSession: ShoesStep[];
  toSignature: ShoesStep[];
} {
  const d = (mmdd: string) => `${year}-${mmdd}`;
  const rates = shoesRound(year === 2025 ? 2025 : 2026);
  const toFirstSession: ShoesStep[] = [
    step('unionChair', 'parties.registered', {
      worker: {
        representedCount: 3000,
        standing: '横峰街道制鞋行业工会 (industry union), chair acts as chief',
      },
      employer: {
        representedCount: 120,
        standing:
          '横峰街道制鞋行业协会 (industry association), member enterprises (illustrative count)',
      },
    }),
    ...SHOES_WORKER_DELEGATES.map((personId, i) =>
      step('unionChair', 'delegate.appointed', {
        personId,
        isChief: i === 0,
        isExpert: false,
        appointedOn: d('06-01'),
      }),
    ),
    ...SHOES_EMPLOYER_DELEGATES.map((personId, i) =>
      step('associationChief', 'delegate.appointed', {
        personId,
        isChief: i === 0,
        isExpert: false,
        appointedOn: d('06-01'),
      }),
    ),
    step('unionChair', 'recorder.appointed', { personId: PEOPLE['jiang.shoes'].id }),
    step('unionChair', 'delegations.confirmed', { confirmedOn: d('06-03') }),
    step('unionChair', 'increaseBand.stated', {
      lowPercent: '15',
      highPercent: '20',
      statedOn: d('06-05'),
      basis:
        '调解委员会走访企业的工价调查与上年物价 (the mediation committee’s enterprise survey and last year’s prices)',
    }),
    step('unionChair', 'offer.sent', {
      content: `${year}年度制鞋行业工序工价调整 (annual piece-rate adjustment, 7 sections, 234 processes)`,
      proposedTime: `${year}-07-02T01:30:00.000Z`,
      proposedPlace: '横峰街道办事处会议室 (Hengfeng sub-district office)',
      sentOn: d('06-06'),
      receivedOn: d('06-07'),
    }),
    step('associationChief', 'offer.answered', {
      answeredOn: d('06-15'),
      text: '同意协商 (we agree to negotiate)',
    }),
    step('unionChair', 'agenda.itemAdded', {
      itemId: 'rates',
      title: '工序工价 (piece rates per process)',
    }),
    step('unionChair', 'hearing.scheduled', {
      heldOn: d('06-25'),
      place: '横峰街道办事处大会议室 (Hengfeng sub-district office, main hall)',
    }),
    step('recorder', 'hearing.attendanceRecorded', {
      workerRepresentatives: 56,
      employerRepresentatives: 53,
    }),
    step('recorder', 'hearing.opinionRecorded', {
      speakerSide: 'worker',
      opinion:
        '踏帮、成型工序工价多年未明显上调 (upper stitching and lasting rates have hardly risen)',
    }),
    step('recorder', 'hearing.opinionRecorded', {
      speakerSide: 'employer',
      opinion: '外贸订单利润下降，涨幅宜控制 (export margins are down; keep the rise moderate)',
    }),
    step('recorder', 'hearing.minutesRecorded', {
      minutes: '听证会：职工代表56人、企业代表53人出席；双方就涨幅发表意见。',
    }),
    step('unionChair', 'hearing.minutesSigned', {}),
    step('associationChief', 'hearing.minutesSigned', {}),
    step('unionChair', 'session.opened', { attendance: everyone, openedOn: d('07-02') }),
    step('unionChair', 'offer.tabled', {
      items: rates.unionOffer,
      scope: 'full',
      note: '工会工价方案：在上年基础上上调15%-20% (the union’s offer, inside its band)',
      bandReasons: rates.bandReasons,
    }),
    step('associationChief', 'offer.tabled', {
      items: rates.employerOffer,
      scope: 'full',
      note: '企业方还价 (the employers’ counteroffer)',
    }),
    step('recorder', 'minutes.recorded', {
      minutes: '第一次协商：工会按涨幅区间提出工价，企业方还价。',
    }),
    step('unionChair', 'session.closed', { closedOn: d('07-02') }),
    step('unionChair', 'minutes.signed', { sessionNumber: 1 }),
    step('associationChief', 'minutes.signed', { sessionNumber: 1 }),
  ];
  const toSignature: ShoesStep[] = [
    step('associationChief', 'session.opened', { attendance: everyone, openedOn: d('07-09') }),
    step('associationChief', 'offer.tabled', {
      items: rates.agreed,
      scope: 'full',
      note: '企业方二次报价，双方折中 (the employers’ second offer, meeting in the middle)',
    }),
    step('recorder', 'minutes.recorded', { minutes: '第二次协商：双方就企业方二次报价达成一致。' }),
    step('associationChief', 'session.closed', { closedOn: d('07-09') }),
    step('unionChair', 'minutes.signed', { sessionNumber: 2 }),
    step('associationChief', 'minutes.signed', { sessionNumber: 2 }),
    step('unionChair', 'draft.agreed', {
      text: `${year}年度横峰街道制鞋行业工资集体协议（草案）`,
      items: rates.agreed,
      // Used only when the pair has no signed round in an earlier year (the 2025 demo round).
      baseline: shoesBaseline2024(),
    }),
    step('unionChair', 'draft.signed', {}),
    step('associationChief', 'draft.signed', {}),
    step('unionChair', 'ratification.submitted', {
      body: '横峰街道制鞋行业职工代表大会 (industry workers’ congress)',
      totalMembers: 60,
      meetingOn: d('07-20'),
    }),
    step('unionChair', 'ballot.closed', {
      present: 55,
      yes: 50,
      no: 3,
      abstain: 2,
      closedOn: d('07-20'),
    }),
    step('associationChief', 'agreement.prepared', {
      text: `${year}年度横峰街道制鞋行业工资集体协议`,
    }),
    step('associationChief', 'agreement.signed', { signedOn: d('07-25') }),
    step('unionChair', 'agreement.signed', { signedOn: d('07-25') }),
  ];
  return { toFirstSession, toSignature };
}

// The demo account that plays each role (src/seed/demo-reference.ts lists them).
export const SHOES_DEMO_ACCOUNT: Record<ShoesRole, string> = {
  unionChair: 'zhu.shoes',
  associationChief: 'xie.shoes',
  recorder: 'jiang.shoes',
  labourOfficer: 'liu.labour',
};

const nobody: NegotiationActor = {
  chiefOf: [],
  memberOf: [],
  isRecorder: false,
  isLabourOfficer: false,
};
const who = (accountId: string, handle: string | null) => ({
  accountId,
  personId: handle ? (PEOPLE[handle]?.id ?? null) : null,
});

// The script's roles as the pure core sees them, for driving the machine without a database.
export const SHOES_SCRIPT_ACTORS: Record<
  ShoesRole,
  NegotiationActor & { accountId: string; personId: string | null }
> = {
  unionChair: { ...nobody, chiefOf: ['worker'], ...who('a-zhu', 'zhu.shoes') },
  associationChief: { ...nobody, chiefOf: ['employer'], ...who('a-xie', 'xie.shoes') },
  recorder: { ...nobody, isRecorder: true, ...who('a-jiang', 'jiang.shoes') },
  labourOfficer: { ...nobody, isLabourOfficer: true, ...who('a-liu', null) },
};
