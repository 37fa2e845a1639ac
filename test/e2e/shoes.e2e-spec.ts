import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ZHEJIANG_DEFAULT_POLICY } from '../../src/kernel/policy/policy-profile.js';
import {
  SHOES_DEMO_ACCOUNT,
  hengfengRoundScript,
  type ShoesStep,
} from '../../src/industries/shoes/demo/hengfeng-round.script.js';
import { FOREPART_LASTING, shoesRound } from '../../src/industries/shoes/demo/rate-tables.js';
import { PARTIES } from '../../src/seed/demo-reference.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The shoes procedure over HTTP with the demo accounts (issue 12): the demo's rounds and enterprise
// survey, a whole round to signature, the refusals the issue names (each a 4xx with a stable rule code
// and nothing stored), and the enterprise survey read by an attacker between records.

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let ds: DataSource;

beforeAll(async () => {
  t = await startTestApp({}, undefined, undefined, [], undefined, ['shoes']);
  api = httpClient(t);
  ds = t.app.get(DataSource);
}, 120_000);
afterAll(() => t?.close());

const CHAIR = SHOES_DEMO_ACCOUNT.unionChair;
const CHIEF = SHOES_DEMO_ACCOUNT.associationChief;

interface Round {
  id: string;
  revision: number;
}
const send = async (round: Round, step: ShoesStep) => {
  const res = await api.post(SHOES_DEMO_ACCOUNT[step.as], `/api/negotiations/${round.id}/events`, {
    type: step.type,
    expectedRevision: round.revision,
    payload: step.payload,
  });
  if (res.status === 201) round.revision = res.body.revision;
  return res;
};
const historyLength = async (id: string) =>
  (await api.get(CHAIR, `/api/negotiations/${id}/history?limit=1000`)).body.items.length;
const storedTables = async (id: string) =>
  Number(
    (
      await ds.query(
        `SELECT count(*)::int AS n FROM rate_table t JOIN negotiation_event e ON e.payload->>'offerId' = t.id::text WHERE e.negotiation_id = $1`,
        [id],
      )
    )[0].n,
  );

describe('the shoes demo', () => {
  it('publishes the shoes procedure with its own events and payload schemas', async () => {
    const res = await api.get(CHAIR, '/api/industries/shoes/procedure');
    expect(res.status).toBe(200);
    const types = res.body.events.map((e: { type: string }) => e.type);
    for (const own of [
      'increaseBand.stated',
      'hearing.scheduled',
      'hearing.attendanceRecorded',
      'hearing.opinionRecorded',
      'hearing.minutesRecorded',
      'hearing.minutesSigned',
    ])
      expect(types).toContain(own);
    expect(
      res.body.events.find((e: { type: string }) => e.type === 'hearing.attendanceRecorded'),
    ).toMatchObject({ payloadSchema: 'HearingAttendanceRecordedPayload' });
  });

  it('holds a 2025 round signed and a 2026 round after its first joint session, with the band beside the offer', async () => {
    expect(t.demo.rounds['shoes:2025'].state).toBe('signed');
    const live = t.demo.rounds['shoes:2026'];
    expect(live.state).toBe('negotiating.betweenSessions');
    const view = await api.get(CHIEF, `/api/negotiations/${live.id}`);
    expect(view.status).toBe(200);
    expect(view.body.increaseBand).toMatchObject({ lowPercent: '15', highPercent: '20' });
    // The hearing, as every reader of the round sees it.
    expect(view.body.industryRecord.hearing).toMatchObject({
      attendance: { worker: 56, employer: 53 },
      minutesSignedBy: ['worker', 'employer'],
    });
    expect(view.body.industryRecord.hearing.opinions.map((o: { side: string }) => o.side)).toEqual([
      'worker',
      'employer',
    ]);
    // The band beside every offer of the side it binds; none beside the other side's.
    const offers = (await api.get(CHIEF, `/api/negotiations/${live.id}/offers`)).body.items as {
      side: string;
      increaseBand?: unknown;
      bandReasons?: { processCode: string }[];
    }[];
    expect(offers.find((o) => o.side === 'worker')).toMatchObject({
      increaseBand: { lowPercent: '15', highPercent: '20', side: 'worker' },
      bandReasons: [{ processCode: FOREPART_LASTING }],
    });
    expect(offers.find((o) => o.side === 'employer')!.increaseBand).toBeUndefined();
    const history = (await api.get(CHIEF, `/api/negotiations/${live.id}/history?limit=1000`)).body
      .items as { type: string; payload: Record<string, unknown>; actor: { side: string } }[];
    const unionOffer = history.find((e) => e.type === 'offer.tabled' && e.actor.side === 'worker')!;
    expect(unionOffer.payload.increaseBand).toMatchObject({ lowPercent: '15', highPercent: '20' });
    expect(unionOffer.payload.bandReasons).toEqual([
      expect.objectContaining({ processCode: FOREPART_LASTING }),
    ]);
  });

  it('shows the enterprise survey as statistics only, broken down by type where every type reaches k', async () => {
    const live = t.demo.rounds['shoes:2026'];
    const list = await api.get(CHIEF, `/api/negotiations/${live.id}/enterprise-surveys`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ status: 'closed', enterprises: 9 });
    const stats = await api.get(
      CHIEF,
      `/api/enterprise-surveys/${list.body.items[0].id}/statistics`,
    );
    expect(stats.status).toBe(200);
    const byCode = Object.fromEntries(
      stats.body.items.map((i: { itemCode: string }) => [i.itemCode, i]),
    );
    expect(byCode[FOREPART_LASTING].overall.count).toBe(9);
    expect(byCode[FOREPART_LASTING].byType).toHaveLength(3);
    expect(byCode['SH-001'].overall.count).toBe(7);
    expect(byCode['SH-001'].byType).toBeNull();
    expect(JSON.stringify(stats.body)).not.toContain('示例');
  });
});

describe('a whole shoes round over HTTP', () => {
  const year = 2027;
  const script = hengfengRoundScript(year);
  const all = [...script.toFirstSession, ...script.toSignature];
  const index = (type: string, nth = 0) =>
    all.map((s, i) => [s.type, i] as const).filter(([ty]) => ty === type)[nth][1];
  const round: Round = { id: '', revision: 0 };
  let sent = 0;
  const sendUpTo = async (i: number) => {
    for (; sent < i; sent++) {
      const res = await send(round, all[sent]);
      expect({
        step: all[sent].type,
        status: res.status,
        body: res.status === 201 ? null : res.body,
      }).toEqual({
        step: all[sent].type,
        status: 201,
        body: null,
      });
    }
  };
  const refusedAndNothingStored = async (step: ShoesStep, status: number, rule: string) => {
    const before = { revision: round.revision, history: await historyLength(round.id) };
    const tables = await storedTables(round.id);
    const res = await send(round, step);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe('RULE_VIOLATED');
    expect(res.body.details.violations.map((v: { rule: string }) => v.rule)).toContain(rule);
    expect(round.revision).toBe(before.revision);
    expect(await historyLength(round.id)).toBe(before.history);
    expect(await storedTables(round.id)).toBe(tables);
    return res;
  };

  beforeAll(async () => {
    const opened = await api.post(CHAIR, '/api/negotiations', {
      workerPartyId: PARTIES.hengfengShoeUnion.id,
      employerPartyId: PARTIES.hengfengShoeAssociation.id,
      year,
      title: `${year}年度横峰街道制鞋行业工资集体协商 (test)`,
      policyProfileId: ZHEJIANG_DEFAULT_POLICY.id,
    });
    expect(opened.status).toBe(201);
    round.id = opened.body.id;
    round.revision = opened.body.revision;
  });

  it('is opened on the shoes machine', async () => {
    const view = await api.get(CHAIR, `/api/negotiations/${round.id}`);
    expect(view.body.machine).toEqual({ id: 'shoes', version: 1 });
  });

  it('refuses joint sessions before the hearing is held (422, nothing stored)', async () => {
    await sendUpTo(index('hearing.scheduled'));
    const res = await refusedAndNothingStored(
      all[index('session.opened')],
      422,
      'hearing.minutesNotSigned',
    );
    expect(res.body.message).toContain('hearing');
  });

  it('refuses a hearing below the minimum attendance (422, nothing stored)', async () => {
    await sendUpTo(index('hearing.attendanceRecorded'));
    const low = {
      ...all[index('hearing.attendanceRecorded')],
      payload: { workerRepresentatives: 56, employerRepresentatives: 40 },
    };
    const res = await refusedAndNothingStored(low, 422, 'hearing.belowMinimumAttendance');
    expect(res.body.details.violations).toEqual([
      expect.objectContaining({ field: 'employerRepresentatives' }),
    ]);
    expect(res.body.details.violations[0].message).toContain('51');
  });

  it('refuses joint sessions while only one chief has signed the hearing minutes (422, nothing stored)', async () => {
    await sendUpTo(index('hearing.minutesSigned', 1));
    await refusedAndNothingStored(all[index('session.opened')], 422, 'hearing.minutesNotSigned');
  });

  it('refuses a union offer line outside the band without a reason (422, no table stored)', async () => {
    await sendUpTo(index('offer.tabled'));
    const offer = all[index('offer.tabled')];
    const payload = offer.payload as { bandReasons: unknown[] };
    const res = await refusedAndNothingStored(
      { ...offer, payload: { ...payload, bandReasons: [] } },
      422,
      'offer.outsideIncreaseBand',
    );
    expect(res.body.details.violations).toHaveLength(1);
    expect(res.body.details.violations[0].message).toContain(FOREPART_LASTING);
  });

  it('refuses a reason that is not one (400, every field named, nothing stored)', async () => {
    const before = await historyLength(round.id);
    const offer = all[index('offer.tabled')];
    const bad = await api.post(CHAIR, `/api/negotiations/${round.id}/events`, {
      type: 'offer.tabled',
      expectedRevision: round.revision,
      payload: { ...(offer.payload as object), bandReasons: [{ processCode: FOREPART_LASTING }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('payload.bandReasons.0.reason');
    expect(await historyLength(round.id)).toBe(before);
  });

  it('takes the offer with its reason, and runs to a signed agreement', async () => {
    await sendUpTo(all.length);
    const view = await api.get(CHAIR, `/api/negotiations/${round.id}`);
    expect(view.body).toMatchObject({ state: 'signed', outcome: 'agreed' });
    const verify = await api.get(CHAIR, `/api/negotiations/${round.id}/history/verify`);
    expect(verify.body).toMatchObject({ valid: true });
    // The agreement covers all 234 processes, compared with the last signed round (2025).
    const table = await api.get(CHAIR, `/api/negotiations/${round.id}/agreement-table?format=json`);
    expect(table.status).toBe(200);
    expect(JSON.stringify(table.body)).toContain(shoesRound(2026).agreed[0].rate);
  });
});

describe('the enterprise rate survey against an attacker reading between records', () => {
  const items = ['SH-001', 'SH-002'];
  const enterprises = [
    { name: '甲鞋业 (test)', type: 'large', rates: ['0.1300', '0.2100'] },
    { name: '乙鞋业 (test)', type: 'large', rates: ['0.1250', '0.2050'] },
    { name: '丙鞋业 (test)', type: 'small', rates: ['0.1170', '0.1990'] },
    { name: '丁鞋业 (test)', type: 'small', rates: ['0.1110', '0.1930'] },
  ];
  const secrets = enterprises.flatMap((e) => e.rates);
  let surveyId = '';
  const read = async (who: string) => {
    const res = await api.get(who, `/api/enterprise-surveys/${surveyId}/statistics`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    const opened = await api.post(
      CHAIR,
      `/api/negotiations/${t.demo.rounds['shoes:2026'].id}/enterprise-surveys`,
      {
        itemKind: 'process',
        itemCodes: items,
        openedOn: '2026-06-20',
      },
    );
    expect(opened.status).toBe(201);
    surveyId = opened.body.id;
  });

  it('shows no figure to anyone before the close, however often it is read between records', async () => {
    const views: string[] = [];
    for (const [i, e] of enterprises.entries()) {
      for (const who of [CHIEF, 'wu.shoes', CHAIR]) views.push(JSON.stringify(await read(who)));
      const res = await api.post(CHAIR, `/api/enterprise-surveys/${surveyId}/enterprises`, {
        enterprise: { name: e.name },
        enterpriseType: e.type,
        figures: items.map((itemCode, j) => ({ itemCode, value: e.rates[j] })),
      });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      const after = await read(CHIEF);
      expect(after).toMatchObject({ status: 'open', enterprises: i + 1, items: [] });
      views.push(JSON.stringify(after));
    }
    for (const view of views) for (const secret of secrets) expect(view).not.toContain(secret);
    // A dump of the pool holds sealed bytes only: neither a rate nor a name in clear.
    const pool = (await ds.query(
      `SELECT sealed FROM enterprise_survey_answer WHERE survey_id = $1`,
      [surveyId],
    )) as { sealed: Buffer }[];
    expect(pool).toHaveLength(enterprises.length);
    for (const { sealed } of pool)
      for (const clear of [...secrets, ...enterprises.map((e) => e.name)])
        expect(sealed.includes(Buffer.from(clear))).toBe(false);
  });

  it('refuses the employer side recording, and an enterprise recorded twice', async () => {
    const body = {
      enterprise: { name: enterprises[0].name },
      enterpriseType: 'large',
      figures: [{ itemCode: 'SH-001', value: '0.1000' }],
    };
    const employer = await api.post(CHIEF, `/api/enterprise-surveys/${surveyId}/enterprises`, body);
    expect(employer.status).toBe(403);
    const twice = await api.post(CHAIR, `/api/enterprise-surveys/${surveyId}/enterprises`, {
      ...body,
      enterprise: { name: `  ${enterprises[0].name.toUpperCase()} ` },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('SURVEY_ALREADY_ANSWERED');
    // A party that is not an employer of this industry is no enterprise of the survey.
    const union = await api.post(CHAIR, `/api/enterprise-surveys/${surveyId}/enterprises`, {
      ...body,
      enterprise: { partyId: PARTIES.hengfengShoeUnion.id },
    });
    expect(union.status).toBe(422);
    expect(union.body.details.violations[0].rule).toBe('survey.enterpriseNotEmployer');
    const both = await api.post(CHAIR, `/api/enterprise-surveys/${surveyId}/enterprises`, {
      ...body,
      enterprise: { partyId: PARTIES.hengfengShoeAssociation.id, name: 'x' },
    });
    expect(both.status).toBe(422);
    expect(both.body.details.violations[0].rule).toBe('survey.enterprise');
  });

  it('publishes, at the close, only statistics of at least k enterprises, and freezes them', async () => {
    const closed = await api.post(CHAIR, `/api/enterprise-surveys/${surveyId}/close`, {
      closedOn: '2026-06-28',
    });
    expect(closed.status).toBe(200);
    const stats = await read(CHIEF);
    expect(stats.items[0]).toMatchObject({
      itemCode: 'SH-001',
      overall: { count: 4, high: '0.1300', low: '0.1110', median: '0.1210', mean: '0.1208' },
      // Two enterprises per type is under k = 3: the breakdown would give each pair away.
      byType: null,
    });
    // The pool is gone; what remains is what everyone may read.
    expect(
      (await ds.query(`SELECT 1 FROM enterprise_survey_answer WHERE survey_id = $1`, [surveyId]))
        .length,
    ).toBe(0);
    const late = await api.post(CHAIR, `/api/enterprise-surveys/${surveyId}/enterprises`, {
      enterprise: { name: '戊鞋业 (test)' },
      enterpriseType: 'small',
      figures: [{ itemCode: 'SH-001', value: '0.0900' }],
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('SURVEY_CLOSED');
    expect(await read(CHIEF)).toEqual(stats);
  });
});
