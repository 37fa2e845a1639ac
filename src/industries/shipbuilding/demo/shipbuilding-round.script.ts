import type { DemoStep } from '../../../kernel/round/procedure.js';
import type { NegotiationActor } from '../../../kernel/round/round.permissions.js';
import type { ShipbuildingPayloads, SurveyedTrade, TradeGrid } from '../shipbuilding.package.js';
import { SHIPBUILDING_TRADES } from './catalog.js';
import { SHIPBUILDING_PEOPLE as PEOPLE } from './wenling-shipyards-cast.js';

// The Wenling shipbuilding round as a list of requests, each with who sends it: the demo seed, the
// machine's unit tests and the end-to-end test drive a round with this one script. Every trade,
// wage, grid and clause figure is ILLUSTRATIVE (domain.md §6: no Wenling trade list or rates exist);
// the shape follows Dalian 2014 (a survey by trade before bargaining) and Yuhuan (grids stepping
// 50–1,000 yuan a month per grade; work-injury and employer's liability insurance, seniority pay).

export type ShipbuildingRole = 'unionChair' | 'associationChief' | 'recorder';

export const SHIPBUILDING_DEMO_ACCOUNT: Record<ShipbuildingRole, string> = {
  unionChair: 'xie.chair',
  associationChief: 'pan.chief',
  recorder: 'dai.recorder',
};

const step = (as: ShipbuildingRole, type: string, payload: unknown): DemoStep => ({
  as,
  type,
  payload,
});

const ids = (...handles: string[]) => handles.map((h) => PEOPLE[h].id);
export const WORKER_DELEGATES = ids('xie.chair', 'fang.w1', 'jiang.w2', 'qiu.w3', 'cai.w4');
export const EMPLOYER_DELEGATES = ids('pan.chief', 'shen.e1', 'yao.e2', 'du.e3', 'wei.e4');
const everyone = [...WORKER_DELEGATES, ...EMPLOYER_DELEGATES];

// [trade, enterprises, workers, highest, average, lowest] per year, and the minimums each side takes.
const SURVEY = {
  2025: [
    ['WELD', 14, 1260, '11800', '8200', '4800'],
    ['FIT', 14, 980, '11000', '7600', '4600'],
    ['GRIND', 12, 640, '8200', '5600', '3900'],
    ['PAINT', 11, 520, '8800', '6000', '4100'],
    ['PIPE', 10, 410, '10200', '7100', '4500'],
    ['ELEC', 9, 330, '10500', '7400', '4700'],
  ],
  2026: [
    ['WELD', 15, 1302, '12300', '8600', '5000'],
    ['FIT', 15, 1011, '11500', '7900', '4800'],
    ['GRIND', 12, 655, '8500', '5800', '4000'],
    ['PAINT', 12, 538, '9100', '6200', '4300'],
    ['PIPE', 11, 426, '10600', '7400', '4700'],
    ['ELEC', 10, 347, '10900', '7700', '4900'],
  ],
} as const;

// [union opens, employers counter, union's second figure = agreed]
const MINIMUMS = {
  2025: {
    WELD: ['4900', '4400', '4600'],
    FIT: ['4700', '4200', '4400'],
    GRIND: ['3900', '3400', '3600'],
    PAINT: ['4100', '3600', '3800'],
    PIPE: ['4600', '4100', '4300'],
    ELEC: ['4700', '4200', '4400'],
  },
  2026: {
    WELD: ['5000', '4700', '4850'],
    FIT: ['4800', '4500', '4650'],
    GRIND: ['3900', '3700', '3800'],
    PAINT: ['4100', '3900', '4000'],
    PIPE: ['4700', '4400', '4550'],
    ELEC: ['4800', '4500', '4650'],
  },
} as const;

type Trade = (typeof SHIPBUILDING_TRADES)[number][0];

// 能级 grids: the union asks, the employers counter lower; the agreed grid is the employers' counter
// raised by a half of the gap (all steps between 50 and 1,000 yuan a month, as in Yuhuan).
const GRIDS: Record<'union' | 'employer' | 'agreed', Partial<Record<Trade, number[]>>> = {
  union: {
    WELD: [200, 500, 900, 1400],
    FIT: [200, 450, 800, 1200],
    PIPE: [150, 400, 700],
    ELEC: [150, 400, 750],
  },
  employer: {
    WELD: [100, 300, 600, 1000],
    FIT: [100, 250, 500, 800],
    PIPE: [100, 250, 450],
    ELEC: [100, 250, 500],
  },
  agreed: {
    WELD: [150, 400, 750, 1200],
    FIT: [150, 350, 650, 1000],
    PIPE: [120, 320, 580],
    ELEC: [120, 320, 620],
  },
};

const gridsOf = (which: keyof typeof GRIDS): TradeGrid[] =>
  Object.entries(GRIDS[which]).map(([trade, allowances]) => ({
    trade,
    grades: allowances!.map((a, i) => ({ grade: i + 1, monthlyAllowance: String(a) })),
  }));

const yearOf = (year: number) => (year === 2026 ? 2026 : 2025);

export function surveyedTrades(year: number): SurveyedTrade[] {
  const y = yearOf(year);
  return SURVEY[y].map(([trade, enterprises, workers, highest, average, lowest]) => {
    const [, nameZh, nameEn] = SHIPBUILDING_TRADES.find(([code]) => code === trade)!;
    return {
      trade,
      nameZh,
      nameEn,
      enterprises,
      workers,
      highest,
      average,
      lowest,
      // The 2026 survey states what the 2025 round agreed (the pair's previous minimums).
      ...(y === 2026 ? { previousMinimum: MINIMUMS[2025][trade][2] } : {}),
    };
  });
}

export const minimumsOf = (year: number, column: 0 | 1 | 2) =>
  Object.entries(MINIMUMS[yearOf(year)]).map(([trade, figures]) => ({
    trade,
    monthlyMinimum: figures[column],
  }));

export const agreedGrids = () => gridsOf('agreed');

// Headcount per trade and grade for the pay-impact estimate (illustrative).
export const HEADCOUNT: ShipbuildingPayloads['package.draftAgreed']['headcount'] = [
  { trade: 'WELD', grade: null, workers: 700 },
  { trade: 'WELD', grade: 1, workers: 300 },
  { trade: 'WELD', grade: 2, workers: 180 },
  { trade: 'WELD', grade: 3, workers: 60 },
  { trade: 'WELD', grade: 4, workers: 20 },
  { trade: 'FIT', grade: null, workers: 600 },
  { trade: 'FIT', grade: 1, workers: 250 },
  { trade: 'FIT', grade: 2, workers: 130 },
  { trade: 'GRIND', grade: null, workers: 640 },
  { trade: 'PAINT', grade: null, workers: 520 },
  { trade: 'PIPE', grade: null, workers: 260 },
  { trade: 'PIPE', grade: 1, workers: 150 },
  { trade: 'ELEC', grade: null, workers: 200 },
  { trade: 'ELEC', grade: 1, workers: 130 },
];

const UNION_CLAUSES = [
  {
    clause: 'workInjuryInsurance',
    text: '企业为全体职工（含劳务派遣人员）自用工之日起参加工伤保险 (every worker, agency workers included, insured against work injury from the first day)',
  },
  {
    clause: 'employerLiabilityInsurance',
    text: '企业为高空、密闭舱室作业人员投保雇主责任险 (employer’s liability insurance for work at height and in enclosed tanks)',
    sumInsuredYuan: '600000',
  },
  {
    clause: 'seniorityPay',
    text: '工龄工资：每满一年每月增加50元，最高600元 (seniority pay: 50 yuan a month per year of service, at most 600)',
    yuanPerYear: '50',
    capYuan: '600',
  },
  {
    clause: 'paymentDay',
    text: '每月15日前支付上月工资 (the previous month’s wages paid by the 15th)',
    latestDay: 15,
  },
  { clause: 'term', text: '协议期限一年 (a term of one year)', years: 1 },
];

const EMPLOYER_COUNTERS = [
  {
    clause: 'employerLiabilityInsurance',
    text: '雇主责任险保额每人40万元 (sum insured 400,000 yuan per worker)',
    sumInsuredYuan: '400000',
  },
  {
    clause: 'seniorityPay',
    text: '工龄工资：每满一年每月增加30元，最高300元 (30 yuan a month per year, at most 300)',
    yuanPerYear: '30',
    capYuan: '300',
  },
  {
    clause: 'paymentDay',
    text: '每月20日前支付上月工资 (paid by the 20th)',
    latestDay: 20,
  },
];

// The script up to and including the second joint session's opening, then the rest to signature.
export function shipbuildingRoundScript(year: number): {
  toSecondSession: DemoStep[];
  toSignature: DemoStep[];
} {
  const d = (mmdd: string) => `${year}-${mmdd}`;
  const toSecondSession: DemoStep[] = [
    step('unionChair', 'parties.registered', {
      worker: {
        representedCount: 4200,
        standing: '温岭市船舶修造行业工会 (industry union, illustrative), chair acts as chief',
      },
      employer: {
        representedCount: 15,
        standing: '温岭市船舶修造行业协会 (industry association, illustrative), 15 member yards',
      },
    }),
    ...WORKER_DELEGATES.map((personId, i) =>
      step('unionChair', 'delegate.appointed', {
        personId,
        isChief: i === 0,
        isExpert: false,
        appointedOn: d('05-06'),
      }),
    ),
    ...EMPLOYER_DELEGATES.map((personId, i) =>
      step('associationChief', 'delegate.appointed', {
        personId,
        isChief: i === 0,
        isExpert: false,
        appointedOn: d('05-06'),
      }),
    ),
    step('unionChair', 'recorder.appointed', { personId: PEOPLE['dai.recorder'].id }),
    step('unionChair', 'delegations.confirmed', { confirmedOn: d('05-08') }),
    step('unionChair', 'offer.sent', {
      content: `${year}年度船舶修造行业工种最低工资、能级工资及保险、工龄工资等条款 (trade minimums, skill grids and clauses)`,
      proposedTime: `${year}-06-16T01:30:00.000Z`,
      proposedPlace: '温岭市总工会会议室 (Wenling union federation meeting room)',
      sentOn: d('05-10'),
      receivedOn: d('05-11'),
    }),
    step('associationChief', 'offer.answered', {
      answeredOn: d('05-20'),
      text: '同意协商 (we agree to negotiate)',
    }),
    step('unionChair', 'wageSurvey.tabled', {
      surveyedOn: d('06-10'),
      source: `${year}年会员船厂工资报表（不含加班工资）enterprise wage reports, overtime excluded (illustrative)`,
      trades: surveyedTrades(year),
    }),
    // One item per side (the union's covers both wage items): the demo stays within the tightest
    // limits the limits spec runs it under.
    step('unionChair', 'agenda.itemAdded', {
      itemId: 'minimums',
      title: '工种最低工资与能级工资 (trade minimums and skill grids)',
    }),
    step('associationChief', 'agenda.itemAdded', {
      itemId: 'clauses',
      title: '保险、工龄工资、支付日、期限 (insurance, seniority pay, payment day, term)',
    }),
    step('unionChair', 'session.opened', { attendance: everyone, openedOn: d('06-16') }),
    step('unionChair', 'package.tabled', {
      scope: 'whole',
      minimums: minimumsOf(year, 0),
      grids: gridsOf('union'),
      clauses: UNION_CLAUSES,
      note: '职工方一揽子方案 (the union’s package, as a whole)',
    }),
    step('associationChief', 'package.tabled', {
      scope: 'whole',
      minimums: minimumsOf(year, 1),
      grids: gridsOf('employer'),
      clauses: EMPLOYER_COUNTERS,
      note: '企业方还价 (the employers’ counter)',
    }),
    step('associationChief', 'clause.agreed', { clause: 'workInjuryInsurance' }),
    step('associationChief', 'clause.agreed', { clause: 'term' }),
    step('recorder', 'minutes.recorded', {
      minutes: '第一次协商：职工方提出一揽子方案，企业方还价；工伤保险与协议期限达成一致。',
    }),
    step('unionChair', 'session.closed', { closedOn: d('06-16') }),
    step('unionChair', 'minutes.signed', { sessionNumber: 1 }),
    step('associationChief', 'minutes.signed', { sessionNumber: 1 }),
    step('associationChief', 'session.opened', { attendance: everyone, openedOn: d('06-23') }),
  ];
  const toSignature: DemoStep[] = [
    // Item by item: the union meets the employers on the minimums and grids, and on seniority pay.
    step('unionChair', 'package.tabled', {
      scope: 'items',
      minimums: minimumsOf(year, 2),
      grids: gridsOf('agreed'),
      clauses: [
        {
          clause: 'seniorityPay',
          text: '工龄工资：每满一年每月增加40元，最高480元 (40 yuan a month per year, at most 480)',
          yuanPerYear: '40',
          capYuan: '480',
        },
      ],
      note: '逐项还价 (item by item)',
    }),
    step('associationChief', 'clause.agreed', { clause: 'seniorityPay' }),
    step('unionChair', 'clause.agreed', { clause: 'paymentDay' }),
    step('unionChair', 'clause.withdrawn', {
      clause: 'employerLiabilityInsurance',
      reason: '留待各船厂单独协商 (left to each yard’s own negotiation)',
    }),
    step('recorder', 'minutes.recorded', {
      minutes:
        '第二次协商：最低工资与能级工资按职工方逐项方案一致；工龄工资、支付日议定；雇主责任险由工会撤回。',
    }),
    step('associationChief', 'session.closed', { closedOn: d('06-23') }),
    step('unionChair', 'minutes.signed', { sessionNumber: 2 }),
    step('associationChief', 'minutes.signed', { sessionNumber: 2 }),
    step('unionChair', 'package.draftAgreed', {
      text: `${year}年度温岭市船舶修造行业工资集体协议（草案）(draft, illustrative)`,
      minimums: minimumsOf(year, 2),
      grids: gridsOf('agreed'),
      headcount: HEADCOUNT,
    }),
    step('unionChair', 'draft.signed', {}),
    step('associationChief', 'draft.signed', {}),
    step('unionChair', 'ratification.submitted', {
      body: '温岭市船舶修造行业职工代表大会 (sector workers’ congress)',
      totalMembers: 60,
      meetingOn: d('07-02'),
    }),
    step('unionChair', 'ballot.closed', {
      present: 52,
      yes: 47,
      no: 3,
      abstain: 2,
      closedOn: d('07-02'),
    }),
    step('associationChief', 'agreement.prepared', {
      text: `${year}年度温岭市船舶修造行业工资集体协议 (illustrative)`,
    }),
    step('associationChief', 'agreement.signed', { signedOn: d('07-08') }),
    step('unionChair', 'agreement.signed', { signedOn: d('07-08') }),
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
export const SHIPBUILDING_SCRIPT_ACTORS: Record<
  ShipbuildingRole,
  NegotiationActor & { accountId: string; personId: string | null }
> = {
  unionChair: {
    ...nobody,
    chiefOf: ['worker'],
    accountId: 'a-chair',
    personId: PEOPLE['xie.chair'].id,
  },
  associationChief: {
    ...nobody,
    chiefOf: ['employer'],
    accountId: 'a-chief',
    personId: PEOPLE['pan.chief'].id,
  },
  recorder: {
    ...nobody,
    isRecorder: true,
    accountId: 'a-rec',
    personId: PEOPLE['dai.recorder'].id,
  },
};
