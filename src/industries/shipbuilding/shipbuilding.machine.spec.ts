import { kernelProgress, walkMachine } from '../../../test/support/machine-walk.js';
import { describe, expect, it } from '@jest/globals';
import { initialTransition } from 'xstate';
import { DomainError } from '../../common/domain-error.js';
import { DEFAULT_LIMITS } from '../../common/limits.js';
import { ZHEJIANG_DEFAULT_POLICY, type PolicyProfile } from '../../kernel/policy/policy-profile.js';
import { decideRequest, stateName } from '../../kernel/round/decide-event.js';
import {
  definitionProblems,
  type DemoStep,
  type RoundSnapshot,
} from '../../kernel/round/procedure.js';
import {
  HEADCOUNT,
  SHIPBUILDING_SCRIPT_ACTORS as ACTORS,
  agreedGrids,
  minimumsOf,
  shipbuildingRoundScript,
  type ShipbuildingRole,
} from './demo/shipbuilding-round.script.js';
import { SHIPBUILDING, shipbuildingTerms } from './shipbuilding.industry.js';
import { shipbuildingMachine } from './shipbuilding.machine.js';
import type { ShipbuildingContext } from './shipbuilding.package.js';

const def = SHIPBUILDING.versions[0];
const AT = '2025-07-01T02:00:00.000Z';

// A profile with a statutory monthly minimum (illustrative figure), as an administrator would add one.
const WITH_MINIMUM: PolicyProfile = {
  ...ZHEJIANG_DEFAULT_POLICY,
  id: 'test-minimum',
  minimumWage: { monthlyYuan: '2490' },
};

function opened(year = 2025, policy: PolicyProfile = ZHEJIANG_DEFAULT_POLICY): RoundSnapshot {
  return initialTransition(shipbuildingMachine, {
    negotiationId: `n-${year}`,
    industryCode: 'shipbuilding',
    regionCode: 'wenling',
    year,
    title: 'test round',
    policy,
    parties: {
      worker: { partyId: 'p-union', name: 'union' },
      employer: { partyId: 'p-assoc', name: 'association' },
    },
  })[0] as RoundSnapshot;
}

const send = (s: RoundSnapshot, step: DemoStep) =>
  decideRequest(def, s, step, ACTORS[step.as as ShipbuildingRole], AT, DEFAULT_LIMITS).next;

const run = (steps: DemoStep[], from: RoundSnapshot = opened()) => steps.reduce(send, from);
const ctx = (s: RoundSnapshot) => s.context as ShipbuildingContext;

function refusal(fn: () => unknown): DomainError {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  return caught as DomainError;
}
const rulesOf = (e: DomainError) =>
  ((e.details as { violations?: { rule: string }[] }).violations ?? []).map((v) => v.rule);

const script = shipbuildingRoundScript(2025);
const all = [...script.toSecondSession, ...script.toSignature];
const indexOf = (type: string, nth = 0) =>
  all.map((s, i) => [s, i] as const).filter(([s]) => s.type === type)[nth][1];
const upTo = (type: string, nth = 0) => all.slice(0, indexOf(type, nth));
const stepOf = (type: string, nth = 0) => all[indexOf(type, nth)];
const withPayload = (step: DemoStep, payload: object): DemoStep => ({
  ...step,
  payload: { ...(step.payload as object), ...payload },
});

describe('shipbuilding machine v1: the Wenling round', () => {
  it('holds together as a definition', () => {
    expect(definitionProblems(SHIPBUILDING)).toEqual([]);
  });

  it('walks the whole script from opening to a signed agreement', () => {
    const s = run(all);
    expect(stateName(s.value)).toBe('signed');
    expect(s.hasTag('agreed')).toBe(true);
  });

  it('keeps the 2026 demo round in its second joint session', () => {
    expect(stateName(run(shipbuildingRoundScript(2026).toSecondSession, opened(2026)).value)).toBe(
      'negotiating.inSession',
    );
  });

  // [after the steps up to this event, send it, and land in this state]
  it.each([
    ['offer.answered', 'surveying'],
    ['wageSurvey.tabled', 'preparing'],
    ['session.opened', 'negotiating.inSession'],
    ['package.tabled', 'negotiating.inSession'],
    ['clause.agreed', 'negotiating.inSession'],
    ['session.closed', 'negotiating.betweenSessions'],
    ['clause.withdrawn', 'negotiating.inSession'],
    ['package.draftAgreed', 'draftAgreed'],
    ['ratification.submitted', 'ratifying'],
    ['ballot.closed', 'ratified'],
  ])('%s moves the round to %s', (type, state) => {
    expect(stateName(send(run(upTo(type)), stepOf(type)).value)).toBe(state);
  });

  it.each([
    ['session.opened', 'surveying', 'bargaining opens only after the wage survey'],
    ['package.tabled', 'preparing', 'the package is tabled only at a joint session'],
    ['package.draftAgreed', 'negotiating.inSession', 'the draft is agreed between sessions'],
    ['offer.tabled', 'negotiating.inSession', 'no piece-rate offers in this procedure'],
  ])('refuses %s while %s (%s)', (type, state, _why) => {
    const at = run(
      state === 'surveying'
        ? upTo('wageSurvey.tabled')
        : state === 'preparing'
          ? upTo('session.opened')
          : upTo('package.tabled'),
    );
    expect(stateName(at.value)).toBe(state);
    const step = all.find((s) => s.type === type) ?? { as: 'unionChair', type, payload: {} };
    expect(['EVENT_NOT_ACCEPTED_IN_STATE', 'EVENT_NOT_IN_PROCEDURE']).toContain(
      refusal(() => send(at, step)).code,
    );
  });

  it('refuses a joint session dated before the survey closed', () => {
    const at = run(upTo('session.opened'));
    const early = withPayload(stepOf('session.opened'), { openedOn: '2025-06-09' });
    expect(rulesOf(refusal(() => send(at, early)))).toEqual(['dates.sessionBeforeSurvey']);
  });

  it('lets only the union chair table the wage survey', () => {
    const at = run(upTo('wageSurvey.tabled'));
    const asEmployer = { ...stepOf('wageSurvey.tabled'), as: 'associationChief' };
    expect(refusal(() => send(at, asEmployer)).code).toBe('EVENT_FORBIDDEN');
  });
});

describe('the wage survey by trade', () => {
  const at = run(upTo('wageSurvey.tabled'));
  const survey = stepOf('wageSurvey.tabled');
  const trades = (survey.payload as { trades: object[] }).trades;
  const withTrade = (i: number, change: object) =>
    withPayload(survey, { trades: trades.map((t, k) => (k === i ? { ...t, ...change } : t)) });

  it.each([
    ['a lowest wage above the average', withTrade(0, { lowest: '9000' }), 'survey.order'],
    ['an average above the highest', withTrade(1, { average: '12000' }), 'survey.order'],
    ['a zero wage', withTrade(2, { lowest: '0' }), 'survey.notPositive'],
    [
      'a trade listed twice',
      withPayload(survey, { trades: [...trades, trades[0]] }),
      'survey.duplicateTrade',
    ],
  ])('refuses %s', (_what, step, rule) => {
    expect(rulesOf(refusal(() => send(at, step)))).toEqual([rule]);
  });

  it('keeps the findings per trade with the enterprises and workers behind them', () => {
    const s = ctx(send(at, survey)).shipbuilding!.survey!;
    expect(s.trades).toHaveLength(6);
    expect(s.trades[0]).toMatchObject({
      trade: 'WELD',
      enterprises: 14,
      workers: 1260,
      lowest: '4800',
    });
  });
});

describe('the package', () => {
  const inSession = run(upTo('package.tabled'));
  const unionPackage = stepOf('package.tabled');
  const table = (as: ShipbuildingRole, payload: object): DemoStep => ({
    as,
    type: 'package.tabled',
    payload,
  });

  it('refuses a trade minimum below the profile’s statutory monthly minimum', () => {
    const s = run(upTo('package.tabled'), opened(2025, WITH_MINIMUM));
    const e = refusal(() =>
      send(s, table('unionChair', { minimums: [{ trade: 'GRIND', monthlyMinimum: '2400' }] })),
    );
    expect(e.code).toBe('RULE_VIOLATED');
    expect(rulesOf(e)).toEqual(['package.belowStatutoryMinimum']);
    expect(e.message).toContain('2490');
  });

  it('takes a minimum equal to the statutory minimum', () => {
    const s = run(upTo('package.tabled'), opened(2025, WITH_MINIMUM));
    const next = send(
      s,
      table('unionChair', { minimums: [{ trade: 'GRIND', monthlyMinimum: '2490' }] }),
    );
    expect(ctx(next).shipbuilding!.positions.worker.minimums).toEqual({ GRIND: '2490' });
  });

  it.each([
    [
      'a falling allowance',
      [
        { grade: 1, monthlyAllowance: '300' },
        { grade: 2, monthlyAllowance: '200' },
      ],
      ['grid.fallingAllowance'],
    ],
    [
      'an allowance that does not rise',
      [
        { grade: 1, monthlyAllowance: '300' },
        { grade: 2, monthlyAllowance: '300' },
      ],
      ['grid.fallingAllowance'],
    ],
    [
      'a duplicate grade',
      [
        { grade: 1, monthlyAllowance: '100' },
        { grade: 1, monthlyAllowance: '200' },
      ],
      ['grid.duplicateGrade'],
    ],
    [
      'grades listed out of order but rising',
      [
        { grade: 2, monthlyAllowance: '300' },
        { grade: 1, monthlyAllowance: '100' },
      ],
      [],
    ],
  ])('judges a skill grid with %s', (_what, grades, rules) => {
    const step = table('unionChair', { grids: [{ trade: 'WELD', grades }] });
    if (rules.length === 0) expect(() => send(inSession, step)).not.toThrow();
    else expect(rulesOf(refusal(() => send(inSession, step)))).toEqual(rules);
  });

  it.each([
    ['an empty package', {}, 'package.empty'],
    [
      'a trade not surveyed',
      { minimums: [{ trade: 'RIG', monthlyMinimum: '5000' }] },
      'package.tradeNotSurveyed',
    ],
    [
      'a trade given two minimums',
      {
        minimums: [
          { trade: 'WELD', monthlyMinimum: '5000' },
          { trade: 'WELD', monthlyMinimum: '5100' },
        ],
      },
      'package.duplicateTrade',
    ],
    [
      'seniority pay without a cap',
      { clauses: [{ clause: 'seniorityPay', text: 'x', yuanPerYear: '50' }] },
      'clause.terms',
    ],
    ['a four-year term', { clauses: [{ clause: 'term', text: 'x', years: 4 }] }, 'clause.terms'],
    [
      'a payment day of 32',
      { clauses: [{ clause: 'paymentDay', text: 'x', latestDay: 32 }] },
      'clause.terms',
    ],
  ])('refuses %s', (_what, payload, rule) => {
    expect(rulesOf(refusal(() => send(inSession, table('unionChair', payload))))).toEqual([rule]);
  });

  it('tracks each clause: tabled, countered, agreed, withdrawn', () => {
    const s = run(upTo('session.closed', 1));
    const clauses = Object.fromEntries(
      ctx(s).shipbuilding!.clauses.map((c) => [c.clause, [c.status, c.proposer, c.termsBy]]),
    );
    expect(clauses).toEqual({
      workInjuryInsurance: ['agreed', 'worker', 'worker'],
      employerLiabilityInsurance: ['withdrawn', 'worker', 'employer'],
      seniorityPay: ['agreed', 'worker', 'worker'],
      paymentDay: ['agreed', 'worker', 'employer'],
      term: ['agreed', 'worker', 'worker'],
    });
  });

  it('refuses a whole package that leaves a surveyed trade without a minimum', () => {
    const whole = table('unionChair', { scope: 'whole', minimums: minimumsOf(2025, 0).slice(1) });
    expect(rulesOf(refusal(() => send(inSession, whole)))).toEqual(['package.wholeIncomplete']);
  });

  it('replaces the side’s position with a whole package', () => {
    const s = send(inSession, unionPackage);
    const next = send(s, table('unionChair', { scope: 'whole', minimums: minimumsOf(2025, 2) }));
    const worker = ctx(next).shipbuilding!.positions.worker;
    expect(worker.minimums.WELD).toBe('4600');
    expect(worker.grids).toEqual({});
  });

  it('lays an item-by-item counter over the side’s earlier position', () => {
    const s = send(inSession, unionPackage);
    const next = send(
      s,
      table('unionChair', { minimums: [{ trade: 'WELD', monthlyMinimum: '4800' }] }),
    );
    const worker = ctx(next).shipbuilding!.positions.worker;
    expect(worker.minimums.WELD).toBe('4800');
    expect(worker.minimums.FIT).toBe('4700');
    expect(Object.keys(worker.grids)).toEqual(['WELD', 'FIT', 'PIPE', 'ELEC']);
  });

  it.each([
    [
      'a side agreeing its own terms',
      'unionChair',
      'clause.agreed',
      { clause: 'seniorityPay' },
      'clause.ownTerms',
    ],
    [
      'a withdrawal by the side that did not table it',
      'associationChief',
      'clause.withdrawn',
      { clause: 'seniorityPay', reason: 'x' },
      'clause.notProposer',
    ],
    [
      'agreeing a clause never tabled',
      'associationChief',
      'clause.agreed',
      { clause: 'term' },
      'clause.unknown',
    ],
  ])('refuses %s', (_what, as, type, payload, rule) => {
    const s = send(
      inSession,
      table('unionChair', {
        clauses: [(unionPackage.payload as { clauses: object[] }).clauses[2]],
      }),
    );
    expect(rulesOf(refusal(() => send(s, { as, type, payload })))).toEqual([rule]);
  });

  it('does not reopen an agreed clause', () => {
    const s = run(upTo('clause.agreed', 1).concat(stepOf('clause.agreed', 1)));
    const reopen = table('unionChair', {
      clauses: [{ clause: 'term', text: 'two years', years: 2 }],
    });
    expect(rulesOf(refusal(() => send(s, reopen)))).toEqual(['clause.settled']);
  });
});

describe('the draft', () => {
  const draft = stepOf('package.draftAgreed');

  it('is refused while a clause is unsettled, naming it', () => {
    // The round as it stood before the employer's liability clause was withdrawn, then closed and signed.
    const withdrawn = indexOf('clause.withdrawn');
    const steps = all.slice(0, indexOf('package.draftAgreed')).filter((_, i) => i !== withdrawn);
    const e = refusal(() => send(run(steps), draft));
    expect(e.code).toBe('RULE_VIOLATED');
    expect(rulesOf(e)).toEqual(['draft.clauseUnsettled']);
    expect(e.message).toContain('employerLiabilityInsurance');
  });

  it.each([
    [
      'a surveyed trade without a minimum',
      { minimums: minimumsOf(2025, 2).slice(1) },
      'draft.tradeMissing',
    ],
    [
      'headcount at a grade the grid lacks',
      { headcount: [{ trade: 'GRIND', grade: 2, workers: 10 }] },
      'headcount.unknownGrade',
    ],
    [
      'a grid with a falling allowance',
      {
        grids: agreedGrids().map((g) =>
          g.trade === 'WELD'
            ? {
                trade: 'WELD',
                grades: [
                  { grade: 1, monthlyAllowance: '500' },
                  { grade: 2, monthlyAllowance: '400' },
                ],
              }
            : g,
        ),
        headcount: [],
      },
      'grid.fallingAllowance',
    ],
  ])('is refused with %s', (_what, payload, rule) => {
    const at = run(upTo('package.draftAgreed'));
    expect(rulesOf(refusal(() => send(at, withPayload(draft, payload))))).toEqual([rule]);
  });

  it('needs the minutes of every session signed by both chiefs (the kernel’s rule)', () => {
    const at = run(upTo('minutes.signed', 3));
    expect(rulesOf(refusal(() => send(at, draft)))).toEqual(['draft.minutesUnsigned']);
  });
});

describe('the agreement table', () => {
  it('shows per trade the survey, the previous and agreed minimum and the grid, the clauses, and a pay-impact estimate (2025: no previous round)', () => {
    const s = run(upTo('draft.signed'));
    const a = shipbuildingTerms(ctx(s)).agreement!;
    expect(a.trades.map((t) => [t.trade, t.previousMinimum, t.agreedMinimum])).toEqual(
      minimumsOf(2025, 2).map((m) => [m.trade, null, m.monthlyMinimum]),
    );
    expect(a.trades[0].grid).toEqual(agreedGrids()[0].grades);
    expect(a.clauses.agreed.map((c) => c.clause).sort()).toEqual([
      'paymentDay',
      'seniorityPay',
      'term',
      'workInjuryInsurance',
    ]);
    expect(a.clauses.withdrawn.map((c) => c.clause)).toEqual(['employerLiabilityInsurance']);
    expect(a.statutoryMinimum).toBeNull();
    expect(a.payImpact).toMatchObject({ totalMonthly: '302600.00', totalYearly: '3631200.00' });
  });

  it('compares with the previous minimum the survey states (2026)', () => {
    const s2026 = shipbuildingRoundScript(2026);
    const steps = [...s2026.toSecondSession, ...s2026.toSignature];
    const s = run(
      steps.slice(
        0,
        steps.findIndex((x) => x.type === 'draft.signed'),
      ),
      opened(2026),
    );
    const weld = shipbuildingTerms(ctx(s)).agreement!.trades[0];
    expect(weld).toMatchObject({
      trade: 'WELD',
      previousMinimum: '4600',
      agreedMinimum: '4850',
      change: '250.00',
      changePercent: '5.43',
    });
    expect(shipbuildingTerms(ctx(s)).agreement!.payImpact!.trades[0]).toEqual({
      trade: 'WELD',
      workers: 1260,
      minimumRaisePerWorker: '250.00',
      minimumRaiseMonthly: '315000.00',
      allowancesMonthly: '186000.00',
      totalMonthly: '501000.00',
    });
    expect(HEADCOUNT).toBeDefined();
  });

  it('is gone when the congress rejects the draft', () => {
    const at = run(upTo('ballot.closed'));
    const rejected = send(at, withPayload(stepOf('ballot.closed'), { yes: 5, no: 45 }));
    expect(stateName(rejected.value)).toBe('negotiating.betweenSessions');
    expect(shipbuildingTerms(ctx(rejected)).agreement).toBeNull();
  });
});

describe('graph walk', () => {
  const extra: DemoStep[] = [
    {
      as: 'associationChief',
      type: 'offer.declined',
      payload: { declinedOn: '2025-05-15', justCause: 'the association was dissolved' },
    },
    {
      as: 'unionChair',
      type: 'round.abandoned',
      payload: { reason: 'talks merged', on: '2025-06-01' },
    },
    {
      as: 'unionChair',
      type: 'suspension.proposed',
      payload: { reason: 'launch season', resumeOn: '2025-09-01' },
    },
    { as: 'associationChief', type: 'suspension.consented', payload: {} },
    { as: 'associationChief', type: 'suspension.declined', payload: { reason: 'no' } },
    { as: 'unionChair', type: 'negotiation.resumed', payload: {} },
    {
      as: 'unionChair',
      type: 'coordination.requested',
      payload: { application: 'deadlock on WELD', appliedOn: '2025-06-25' },
    },
    { as: 'labourOfficer', type: 'coordination.accepted', payload: { acceptedOn: '2025-06-26' } },
    {
      as: 'labourOfficer',
      type: 'coordination.concluded',
      payload: { concludedOn: '2025-06-30', resolved: ['WELD'], unresolved: [] },
    },
    {
      as: 'unionChair',
      type: 'ballot.closed',
      payload: { present: 30, yes: 30, no: 0, abstain: 0, closedOn: '2025-07-02' },
    },
    {
      as: 'unionChair',
      type: 'ballot.closed',
      payload: { present: 52, yes: 5, no: 47, abstain: 0, closedOn: '2025-07-02' },
    },
  ];
  const actors = {
    ...ACTORS,
    labourOfficer: {
      ...ACTORS.recorder,
      isRecorder: false,
      isLabourOfficer: true,
      accountId: 'a-lab',
    },
  };
  // Only what decides which events are possible next, beyond the kernel's own: whether a draft could
  // pass (every tabled clause settled).
  const { reached, states } = walkMachine(shipbuildingMachine, {
    opened: opened(),
    steps: [...all, ...extra],
    decide: (s, step) =>
      decideRequest(def, s, step, actors[step.as as keyof typeof actors], AT, DEFAULT_LIMITS).event,
    progress: (s) => [
      ...kernelProgress(s),
      (ctx(s).shipbuilding?.clauses ?? []).every(
        (x) => x.status === 'agreed' || x.status === 'withdrawn',
      ),
    ],
  });

  it('reaches every state of the machine', () => {
    expect([...reached].sort()).toEqual(states);
  });

  it('reaches the signed end and both failed ends', () => {
    expect(reached).toContain('signed');
    expect(reached).toContain('declined');
    expect(reached).toContain('abandoned');
  });
});
