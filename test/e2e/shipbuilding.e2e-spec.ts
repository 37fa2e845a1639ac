import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ZHEJIANG_DEFAULT_POLICY } from '../../src/kernel/policy/policy-profile.js';
import type { DemoStep } from '../../src/kernel/round/procedure.js';
import {
  SHIPBUILDING_DEMO_ACCOUNT as ACCOUNT,
  shipbuildingRoundScript,
  type ShipbuildingRole,
} from '../../src/industries/shipbuilding/demo/shipbuilding-round.script.js';
import { PARTIES } from '../../src/seed/demo-reference.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Shipbuilding (船舶修造, issue 12) over HTTP with the demo accounts: the demo's two rounds, a whole
// round through signature, and bad input refused with a stable code and nothing stored.

let t: TestApp;
let api: ReturnType<typeof httpClient>;

beforeAll(async () => {
  t = await startTestApp({}, undefined, undefined, [], undefined, [
    'wool-knitwear',
    'shipbuilding',
  ]);
  api = httpClient(t);
}, 120_000);
afterAll(() => t?.close());

interface Round {
  id: string;
  revision: number;
}

async function open(year: number, policyProfileId = ZHEJIANG_DEFAULT_POLICY.id): Promise<Round> {
  const res = await api.post('xie.chair', '/api/negotiations', {
    workerPartyId: PARTIES.shipbuildingUnion.id,
    employerPartyId: PARTIES.shipbuildingAssociation.id,
    year,
    title: `${year}年度船舶修造 e2e`,
    policyProfileId,
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, revision: res.body.revision };
}

const send = (round: Round, step: DemoStep) =>
  api.post(ACCOUNT[step.as as ShipbuildingRole], `/api/negotiations/${round.id}/events`, {
    type: step.type,
    expectedRevision: round.revision,
    payload: step.payload,
  });

async function run(round: Round, steps: DemoStep[]): Promise<void> {
  for (const step of steps) {
    const res = await send(round, step);
    if (res.status !== 201)
      throw new Error(`${step.type}: ${res.status} ${JSON.stringify(res.body)}`);
    round.revision = res.body.revision;
  }
}

const terms = async (round: Round, as = 'pan.chief') =>
  api.get(as, `/api/negotiations/${round.id}/terms`);

// A refusal stores nothing: the round's revision and history stay as they were.
async function expectRefused(round: Round, step: DemoStep, status: number, code: string) {
  const before = (await api.get('xie.chair', `/api/negotiations/${round.id}`)).body;
  const res = await send(round, step);
  expect([res.status, res.body.code]).toEqual([status, code]);
  const after = (await api.get('xie.chair', `/api/negotiations/${round.id}`)).body;
  expect([after.revision, after.headHash, after.state]).toEqual([
    before.revision,
    before.headHash,
    before.state,
  ]);
  return res.body;
}

const rulesOf = (body: { details: { violations: { rule: string }[] } }) =>
  body.details.violations.map((v) => v.rule);

describe('the shipbuilding demo', () => {
  it('seeds a 2025 round signed and a 2026 round in its second joint session, on shipbuilding v1', async () => {
    const { ['shipbuilding:2025']: signed, ['shipbuilding:2026']: live } = t.demo.rounds;
    expect([signed.state, live.state]).toEqual(['signed', 'negotiating.inSession']);
    const view = (await api.get('xie.chair', `/api/negotiations/${live.id}`)).body;
    expect(view.machine).toEqual({ id: 'shipbuilding', version: 1 });
    expect(view.youMaySend).toEqual(
      expect.arrayContaining(['package.tabled', 'clause.agreed', 'clause.withdrawn']),
    );
    // Knitwear keeps the bare year keys its tests read.
    expect(t.demo.rounds['2025']).toEqual(t.demo.rounds['wool-knitwear:2025']);
  });

  it('shows the 2026 package side by side with each clause’s status, to the employer side too', async () => {
    const res = await terms({ id: t.demo.rounds['shipbuilding:2026'].id, revision: 0 });
    expect(res.status).toBe(200);
    expect(res.body.terms.kind).toBe('shipbuilding.package');
    expect(res.body.terms.positions.worker.minimums.WELD).toBe('5000');
    expect(res.body.terms.positions.employer.minimums.WELD).toBe('4700');
    expect(
      Object.fromEntries(
        res.body.terms.clauses.map((c: { clause: string; status: string }) => [c.clause, c.status]),
      ),
    ).toEqual({
      workInjuryInsurance: 'agreed',
      employerLiabilityInsurance: 'countered',
      seniorityPay: 'countered',
      paymentDay: 'countered',
      term: 'agreed',
    });
    expect(res.body.terms.agreement).toBeNull();
  });

  it('points the piece-rate agreement table of a signed shipbuilding round to its terms', async () => {
    const id = t.demo.rounds['shipbuilding:2025'].id;
    const res = await api.get('pan.chief', `/api/negotiations/${id}/agreement-table?format=json`);
    expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    expect(res.body.message).toContain(`/api/negotiations/${id}/terms`);
    const terms = await api.get('pan.chief', `/api/negotiations/${id}/terms`);
    expect(terms.body.terms.agreement.trades).toHaveLength(6);
  });

  it('answers 404 TERMS_NOT_KEPT for a piece-rate round', async () => {
    const res = await api.get(
      'chen.chair',
      `/api/negotiations/${t.demo.rounds['wool-knitwear:2025'].id}/terms`,
    );
    expect([res.status, res.body.code]).toEqual([404, 'TERMS_NOT_KEPT']);
  });

  it('keeps a round’s terms from those outside its scope (404)', async () => {
    const res = await api.get(
      'chen.chair',
      `/api/negotiations/${t.demo.rounds['shipbuilding:2025'].id}/terms`,
    );
    expect([res.status, res.body.code]).toEqual([404, 'NEGOTIATION_NOT_FOUND']);
  });
});

describe('the shipbuilding procedure, as the console reads it', () => {
  it('names each own event’s sender and payload schema, and the survey state', async () => {
    const res = await api.get('xie.chair', '/api/industries/shipbuilding/procedure');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ machineId: 'shipbuilding', version: 1, current: true });
    const served = (await api.get('xie.chair', '/api/openapi.json')).body;
    const own = Object.fromEntries(
      res.body.events
        .filter((e: { type: string }) =>
          [
            'wageSurvey.tabled',
            'package.tabled',
            'clause.agreed',
            'clause.withdrawn',
            'package.draftAgreed',
          ].includes(e.type),
        )
        .map((e: { type: string; senders: object; payloadSchema: string }) => [
          e.type,
          [e.senders, e.payloadSchema, e.payloadSchema in served.components.schemas],
        ]),
    );
    const chief = (side: string) => ({ capacities: ['chief'], side });
    expect(own).toEqual({
      'wageSurvey.tabled': [chief('worker'), 'WageSurveyTabledPayload', true],
      'package.tabled': [chief('own'), 'PackageTabledPayload', true],
      'clause.agreed': [chief('own'), 'ClauseAgreedPayload', true],
      'clause.withdrawn': [chief('own'), 'ClauseWithdrawnPayload', true],
      'package.draftAgreed': [chief('own'), 'PackageDraftAgreedPayload', true],
    });
    expect(res.body.events.map((e: { type: string }) => e.type)).not.toContain('offer.tabled');
    expect(res.body.states.map((s: { id: string }) => s.id)).toContain('surveying');
  });
});

describe('a whole shipbuilding round over HTTP', () => {
  it('runs from opening to signature and shows the agreement table', async () => {
    const round = await open(2041);
    const script = shipbuildingRoundScript(2041);
    await run(round, [...script.toSecondSession, ...script.toSignature]);
    const view = (await api.get('dai.recorder', `/api/negotiations/${round.id}`)).body;
    expect([view.state, view.outcome]).toEqual(['signed', 'agreed']);

    const res = await terms(round, 'dai.recorder');
    const a = res.body.terms.agreement;
    expect(
      a.trades.map((x: { trade: string; agreedMinimum: string }) => [x.trade, x.agreedMinimum]),
    ).toEqual([
      ['WELD', '4600'],
      ['FIT', '4400'],
      ['GRIND', '3600'],
      ['PAINT', '3800'],
      ['PIPE', '4300'],
      ['ELEC', '4400'],
    ]);
    expect(a.trades[0].grid.map((g: { monthlyAllowance: string }) => g.monthlyAllowance)).toEqual([
      '150',
      '400',
      '750',
      '1200',
    ]);
    expect(a.clauses.withdrawn.map((c: { clause: string }) => c.clause)).toEqual([
      'employerLiabilityInsurance',
    ]);
    // The survey left the previous minimums out: they come from the pair's 2025 agreement (ADR 0038).
    expect(res.body.terms.survey.previousRound).toEqual({
      negotiationId: t.demo.rounds['shipbuilding:2025'].id,
      year: 2025,
    });
    expect(a.trades[0]).toMatchObject({ previousMinimum: '4600', change: '0.00' });
    expect(a.payImpact.totalMonthly).toBe('302600.00');
    expect(res.body.terms.statutoryMinimum).toEqual({
      monthlyYuan: null,
      policyProfileId: ZHEJIANG_DEFAULT_POLICY.id,
      checked: false,
    });

    const verify = await api.get('pan.chief', `/api/negotiations/${round.id}/history/verify`);
    expect(verify.body).toMatchObject({ valid: true, revision: round.revision });
  }, 60_000);
});

describe('a survey that misstates the previous agreement', () => {
  it('is refused (422 survey.previousMinimumDiffers) and nothing is stored', async () => {
    const script = shipbuildingRoundScript(2043).toSecondSession;
    const survey = script.findIndex((s) => s.type === 'wageSurvey.tabled');
    const round = await open(2043);
    await run(round, script.slice(0, survey));
    const step = script[survey];
    const trades = (step.payload as { trades: object[] }).trades;
    const body = await expectRefused(
      round,
      {
        ...step,
        payload: {
          ...(step.payload as object),
          trades: [{ ...trades[0], previousMinimum: '4000' }, ...trades.slice(1)],
        },
      },
      422,
      'RULE_VIOLATED',
    );
    expect(rulesOf(body)).toEqual(['survey.previousMinimumDiffers']);
    expect(body.message).toContain('4600');
  });
});

describe('bad input, refused with a stable code and nothing stored', () => {
  const script = shipbuildingRoundScript(2042);
  const all = [...script.toSecondSession, ...script.toSignature];
  const indexOf = (type: string) => all.findIndex((s) => s.type === type);
  const table = (payload: object): DemoStep => ({
    as: 'unionChair',
    type: 'package.tabled',
    payload,
  });
  let round: Round;

  beforeAll(async () => {
    // A profile version with a statutory monthly minimum (an illustrative figure), as an administrator adds one.
    const { id: _i, name: _n, family: _f, version: _v, ...body } = ZHEJIANG_DEFAULT_POLICY;
    const added = await api.post('admin', '/api/policy-profiles', {
      ...structuredClone(body),
      id: 'e2e-ship-minimum',
      name: 'with a statutory monthly minimum (illustrative)',
      basedOnId: ZHEJIANG_DEFAULT_POLICY.id,
      minimumWage: { monthlyYuan: '2490' },
    });
    expect(added.status).toBe(201);
    round = await open(2042, 'e2e-ship-minimum');
    await run(round, all.slice(0, indexOf('package.tabled')));
  });

  it('refuses a trade minimum below the statutory minimum (422 package.belowStatutoryMinimum)', async () => {
    const body = await expectRefused(
      round,
      table({ minimums: [{ trade: 'GRIND', monthlyMinimum: '2400' }] }),
      422,
      'RULE_VIOLATED',
    );
    expect(rulesOf(body)).toEqual(['package.belowStatutoryMinimum']);
    expect(body.message).toContain('2490');
  });

  it.each([
    [
      'a falling allowance',
      'grid.fallingAllowance',
      [
        { grade: 1, monthlyAllowance: '300' },
        { grade: 2, monthlyAllowance: '250' },
      ],
    ],
    [
      'a duplicate grade',
      'grid.duplicateGrade',
      [
        { grade: 1, monthlyAllowance: '100' },
        { grade: 1, monthlyAllowance: '200' },
      ],
    ],
  ])('refuses a skill grid with %s (422 %s)', async (_what, rule, grades) => {
    const body = await expectRefused(
      round,
      table({ grids: [{ trade: 'WELD', grades }] }),
      422,
      'RULE_VIOLATED',
    );
    expect(rulesOf(body)).toEqual([rule]);
  });

  it('refuses a malformed amount before reading its meaning (400)', async () => {
    const body = await expectRefused(
      round,
      table({ minimums: [{ trade: 'WELD', monthlyMinimum: '4600.123' }] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(body.details)).toContain('monthlyMinimum');
  });

  it('refuses the draft while a clause is unsettled (422 draft.clauseUnsettled)', async () => {
    // The rest of the round, except that the union does not withdraw employer's liability insurance.
    const withdrawal = indexOf('clause.withdrawn');
    await run(
      round,
      all
        .slice(indexOf('package.tabled'), indexOf('package.draftAgreed'))
        .filter((s) => s !== all[withdrawal]),
    );
    const body = await expectRefused(
      round,
      all[indexOf('package.draftAgreed')],
      422,
      'RULE_VIOLATED',
    );
    expect(rulesOf(body)).toEqual(['draft.clauseUnsettled']);
    expect(body.message).toContain('employerLiabilityInsurance');
    expect((await terms(round)).body.terms.agreement).toBeNull();
  });
});
