import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password.js';
import { ACCOUNTS, DEMO_PASSWORD, PARTIES } from '../../src/seed/demo-reference.js';
import {
  xinheRoundScript,
  DEMO_ACCOUNT,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const AS = DEMO_ACCOUNT;

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let signedId: string;
let liveId: string;

beforeAll(async () => {
  t = await startTestApp({}, undefined, undefined, [], undefined, ['wool-knitwear', 'shoes']);
  api = httpClient(t);
  liveId = t.demo.rounds['2026'].id;
  // Log in once up front: the slow password hash would otherwise eat the first test's time.
  for (const a of ACCOUNTS) await api.token(a.username);
}, 120_000);
afterAll(() => t?.close());

const revisionOf = async (id: string) =>
  (await api.get('chen.chair', `/api/negotiations/${id}`)).body.revision as number;

describe('a whole round over HTTP with the demo accounts', () => {
  // About 40 requests: 3 s alone, past the 5 s default while the whole suite shares two cores.
  it('runs from opening to a signed agreement that an auditor can read and verify', async () => {
    const opened = await api.post('chen.chair', '/api/negotiations', {
      workerPartyId: PARTIES.xinheUnion.id,
      employerPartyId: PARTIES.xinheAssociation.id,
      year: 2027,
      title: '2027年度新河镇羊毛衫行业工资集体协商',
    });
    expect(opened.status).toBe(201);
    signedId = opened.body.id;

    const script = xinheRoundScript(2027);
    let revision = 1;
    for (const step of [...script.toSecondSession, ...script.toSignature]) {
      const res = await api.post(AS[step.as], `/api/negotiations/${signedId}/events`, {
        type: step.type,
        expectedRevision: revision,
        payload: step.payload,
      });
      expect({ step: step.type, status: res.status, body: res.body }).toMatchObject({
        status: 201,
      });
      revision = res.body.revision;
      if (step.type === 'offer.sent') {
        // Whose move the reply is: the receiving chief's, not the sender's ("my work", issue 11).
        const reply = async (who: string) =>
          (await api.get(who, `/api/negotiations/${signedId}`)).body.deadlines.find(
            (d: { kind: string }) => d.kind === 'offer.reply',
          );
        const receiver = AS[step.as] === 'chen.chair' ? 'lin.chief' : 'chen.chair';
        expect(await reply(receiver)).toMatchObject({ status: 'open', yourMove: true });
        expect(await reply(AS[step.as])).toMatchObject({ status: 'open', yourMove: false });
        expect(await reply('wang.w1')).toMatchObject({ yourMove: false });
      }
    }

    const view = await api.get('qian.auditor', `/api/negotiations/${signedId}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      state: 'signed',
      outcome: 'agreed',
      youMaySend: [],
      description: { zh: expect.stringContaining('协议已签订') },
    });
    expect(view.body.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'offer.reply', status: 'met', metOn: '2027-07-15' }),
        expect.objectContaining({
          kind: 'filing.submit',
          startsOn: '2027-08-25',
          dueOn: '2027-09-01',
          status: 'open',
          yourMove: false,
        }),
      ]),
    );
    // The employer side files the signed agreement: the association's chief's move, nobody else's.
    const filing = async (who: string) =>
      (await api.get(who, `/api/negotiations/${signedId}`)).body.deadlines.find(
        (d: { kind: string }) => d.kind === 'filing.submit',
      ).yourMove;
    expect([await filing('lin.chief'), await filing('chen.chair')]).toEqual([true, false]);
    const history = await api.get(
      'qian.auditor',
      `/api/negotiations/${signedId}/history?limit=1000`,
    );
    expect(history.body.items).toHaveLength(revision);
    expect(history.body.items[0]).toMatchObject({
      seq: 1,
      type: 'round.opened',
      stateBefore: null,
    });
    const verified = await api.get('qian.auditor', `/api/negotiations/${signedId}/history/verify`);
    expect(verified.body).toMatchObject({ valid: true, revision });
  }, 30_000);

  it('shows the live 2026 round in its second joint session, with what each caller may send', async () => {
    const chair = await api.get('chen.chair', `/api/negotiations/${liveId}`);
    expect(chair.body.state).toBe('negotiating.inSession');
    expect(chair.body.sessions).toHaveLength(2);
    expect(chair.body.youMaySend).toEqual(
      expect.arrayContaining(['offer.tabled', 'session.closed']),
    );
    expect(chair.body.youMaySend).not.toContain('minutes.recorded');
    const recorder = await api.get('ye.recorder', `/api/negotiations/${liveId}`);
    // v2 (ADR 0030): the recorder may also amend minutes once recorded (the rules refuse it before).
    expect(recorder.body.youMaySend).toEqual(['minutes.amended', 'minutes.recorded']);
  });

  it('lists negotiations by industry, region, year and state, scoped to the caller', async () => {
    const all = await api.get(
      'chen.chair',
      '/api/negotiations?industry=wool-knitwear&region=wenling',
    );
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const live = await api.get(
      'chen.chair',
      '/api/negotiations?state=negotiating.inSession&year=2026',
    );
    expect(live.body.items.map((n: { id: string }) => n.id)).toEqual([liveId]);
    const auditor = await api.get('qian.auditor', '/api/negotiations');
    expect(auditor.body.items.every((n: { outcome: string }) => n.outcome === 'agreed')).toBe(true);
    // The shoe union's chair sees the shoe rounds (issue 12's demo) and nothing of knitwear.
    const shoes = await api.get('zhu.shoes', '/api/negotiations');
    expect(shoes.body.items.map((n: { id: string }) => n.id).sort()).toEqual(
      [t.demo.rounds['shoes:2025'].id, t.demo.rounds['shoes:2026'].id].sort(),
    );
  });
});

describe('caucus notes stay with their side', () => {
  it('lets each side read only its own notes, and nobody else read any', async () => {
    const script = xinheRoundScript(2028);
    const opened = await api.post('chen.chair', '/api/negotiations', {
      workerPartyId: PARTIES.xinheUnion.id,
      employerPartyId: PARTIES.xinheAssociation.id,
      year: 2028,
      title: 'caucus test',
    });
    const id = opened.body.id;
    let revision = 1;
    for (const step of script.toSecondSession.slice(
      0,
      script.toSecondSession.findIndex((s) => s.type === 'agenda.itemAdded'),
    )) {
      revision = (
        await api.post(AS[step.as], `/api/negotiations/${id}/events`, {
          type: step.type,
          expectedRevision: revision,
          payload: step.payload,
        })
      ).body.revision;
    }
    const w = await api.post('wang.w1', `/api/negotiations/${id}/caucuses`, {
      expectedRevision: revision,
      heldOn: '2028-07-20',
      notes: '底线：KN-01 不低于 1.26 元',
    });
    expect(w.status).toBe(201);
    const e = await api.post('lin.chief', `/api/negotiations/${id}/caucuses`, {
      expectedRevision: w.body.revision,
      heldOn: '2028-07-21',
      notes: '最多让到 +3%',
    });
    expect(e.status).toBe(201);

    const workerNotes = await api.get('chen.chair', `/api/negotiations/${id}/caucuses`);
    expect(workerNotes.body.items.map((n: { body: string }) => n.body)).toEqual([
      '底线：KN-01 不低于 1.26 元',
    ]);
    const employerNotes = await api.get('he.e1', `/api/negotiations/${id}/caucuses`);
    expect(employerNotes.body.items.map((n: { body: string }) => n.body)).toEqual(['最多让到 +3%']);
    for (const outsider of ['ye.recorder', 'liu.labour', 'admin'])
      expect((await api.get(outsider, `/api/negotiations/${id}/caucuses`)).body.code).toBe(
        'CAUCUS_CONFIDENTIAL',
      );
    // The history carries only the hash of a note, never its text.
    const history = await api.get('lin.chief', `/api/negotiations/${id}/history`);
    expect(JSON.stringify(history.body)).not.toContain('1.26');
  });
});

describe('what each role may never do (domain.md §4)', () => {
  const offer = {
    type: 'offer.tabled',
    payload: { items: [{ processCode: 'KN-01', rate: '1.3000' }], note: null },
  };
  const send = async (who: string, body: { type: string; payload: unknown }) =>
    api.post(who, `/api/negotiations/${liveId}/events`, {
      ...body,
      expectedRevision: await revisionOf(liveId),
    });

  it.each([
    [
      'a worker representative tables an offer (speaks for the side)',
      'wang.w1',
      offer,
      403,
      'EVENT_FORBIDDEN',
    ],
    [
      'an employer representative tables a counteroffer for the chief',
      'he.e1',
      offer,
      403,
      'EVENT_FORBIDDEN',
    ],
    ['the labour administration changes the content', 'liu.labour', offer, 403, 'EVENT_FORBIDDEN'],
    ['the recorder tables an offer', 'ye.recorder', offer, 403, 'EVENT_FORBIDDEN'],
    ['an administrator tables an offer', 'admin', offer, 403, 'EVENT_FORBIDDEN'],
    [
      'an administrator signs a draft',
      'admin',
      { type: 'draft.signed', payload: {} },
      403,
      'EVENT_FORBIDDEN',
    ],
    [
      'an administrator records a vote',
      'admin',
      {
        type: 'ballot.closed',
        payload: { present: 1, yes: 1, no: 0, abstain: 0, closedOn: '2026-08-20' },
      },
      403,
      'EVENT_FORBIDDEN',
    ],
    ['another industry’s union chair acts here', 'zhu.shoes', offer, 404, 'NEGOTIATION_NOT_FOUND'],
    ['an auditor changes a round under way', 'qian.auditor', offer, 404, 'NEGOTIATION_NOT_FOUND'],
  ])('refuses when %s', async (_what, who, body, status, code) => {
    const res = await send(who, body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  });

  it('refuses an auditor any change to a signed round', async () => {
    const res = await api.post(
      'qian.auditor',
      `/api/negotiations/${t.demo.rounds['2025'].id}/events`,
      {
        type: 'agreement.signed',
        expectedRevision: t.demo.rounds['2025'].revision,
        payload: { signedOn: '2025-08-26' },
      },
    );
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 403,
      code: 'EVENT_FORBIDDEN',
    });
  });

  it('hides a round from another industry’s chair and from an auditor while it is under way (404, not 403)', async () => {
    expect((await api.get('zhu.shoes', `/api/negotiations/${liveId}`)).status).toBe(404);
    expect((await api.get('qian.auditor', `/api/negotiations/${liveId}`)).status).toBe(404);
  });

  it('keeps caucus notes from an auditor even on a signed round', async () => {
    const res = await api.get(
      'qian.auditor',
      `/api/negotiations/${t.demo.rounds['2025'].id}/caucuses`,
    );
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 403,
      code: 'CAUCUS_CONFIDENTIAL',
    });
  });

  it('refuses a round for an industry without a released procedure, and an association chief opening any round', async () => {
    // An industry the deployment does not run, with a pair and a union chair of its own.
    const ds = t.app.get(DataSource);
    const [union, association, person, account] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    await ds.query(
      `INSERT INTO industry (code, name_zh, name_en) VALUES ('furniture', '家具', 'Furniture') ON CONFLICT DO NOTHING`,
    );
    await ds.query(
      `INSERT INTO party (id, side, kind, name_zh, name_en, industry_code, region_code) VALUES
         ($1, 'worker', 'industryUnion', '家具工会', 'Furniture union', 'furniture', 'wenling-hengfeng'),
         ($2, 'employer', 'industryAssociation', '家具协会', 'Furniture association', 'furniture', 'wenling-hengfeng')`,
      [union, association],
    );
    await ds.query(
      `INSERT INTO person (id, full_name, organisation_party_id) VALUES ($1, $2, $3)`,
      [person, 'furniture chair', union],
    );
    await ds.query(
      `INSERT INTO account (id, username, display_name, password_hash, member_ref, person_id) VALUES ($1, 'furniture.chair', 'furniture chair', $2, 'furniture.chair', $3)`,
      [account, await hashPassword(DEMO_PASSWORD), person],
    );
    await ds.query(
      `INSERT INTO account_role (account_id, role, party_id) VALUES ($1, 'unionChair', $2)`,
      [account, union],
    );
    const shoes = await api.post('furniture.chair', '/api/negotiations', {
      workerPartyId: union,
      employerPartyId: association,
      year: 2026,
      title: '家具 2026',
    });
    expect({ status: shoes.status, body: shoes.body }).toMatchObject({
      status: 422,
      body: { code: 'INDUSTRY_PROCEDURE_MISSING' },
    });
    // Only a union chair opens rounds.
    const res = await api.post('lin.chief', '/api/negotiations', {
      workerPartyId: PARTIES.hengfengShoeUnion.id,
      employerPartyId: PARTIES.hengfengShoeAssociation.id,
      year: 2026,
      title: 'x',
    });
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 403,
      code: 'ROLE_FORBIDDEN',
    });
  });

  it('refuses to let a union chair open a round for another union', async () => {
    const res = await api.post('chen.chair', '/api/negotiations', {
      workerPartyId: PARTIES.hengfengShoeUnion.id,
      employerPartyId: PARTIES.hengfengShoeAssociation.id,
      year: 2026,
      title: 'x',
    });
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 403,
      code: 'ROLE_FORBIDDEN',
    });
  });
});

describe('bad input gets a clear 4xx and writes nothing', () => {
  it('refuses mass assignment of state or revision (400)', async () => {
    const res = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, {
      ...{ type: 'session.closed', payload: {} },
      expectedRevision: 1,
      state: 'signed',
      revision: 99,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['state', 'revision']),
    );
    // The payload is read only after admission (ADR 0028): at the current revision, by its sender.
    const inPayload = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, {
      type: 'offer.tabled',
      expectedRevision: await revisionOf(liveId),
      payload: { items: [{ processCode: 'KN-01', rate: '1.0' }], note: null, side: 'employer' },
    });
    expect({ status: inPayload.status, field: inPayload.body.details.fields[0].field }).toEqual({
      status: 400,
      field: 'payload.side',
    });
  });

  it('answers a stale revision with 409 and the current revision', async () => {
    const current = await revisionOf(liveId);
    const res = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, {
      type: 'offer.tabled',
      expectedRevision: current - 1,
      payload: offerPayload(),
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'NEGOTIATION_STALE_REVISION',
      details: { currentRevision: current },
    });
  });

  it('answers an event the state does not take with 409 and the events it would take', async () => {
    const res = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, {
      type: 'draft.agreed',
      expectedRevision: await revisionOf(liveId),
      payload: { text: 'x', items: [{ processCode: 'A', rate: '1' }] },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EVENT_NOT_ACCEPTED_IN_STATE');
    expect(res.body.details.acceptedEvents).toEqual(
      expect.arrayContaining(['offer.tabled', 'session.closed']),
    );
  });

  it.each([
    ['a rate as a JSON number', { items: [{ processCode: 'KN-01', rate: 1.3 }], note: null }],
    ['a negative rate', { items: [{ processCode: 'KN-01', rate: '-1' }], note: null }],
    ['an over-precise rate', { items: [{ processCode: 'KN-01', rate: '1.00001' }], note: null }],
    ['no items', { items: [], note: null }],
  ])('refuses %s with 400', async (_what, payload) => {
    const before = await revisionOf(liveId);
    const res = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, {
      type: 'offer.tabled',
      expectedRevision: before,
      payload,
    });
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(await revisionOf(liveId)).toBe(before);
  });

  it('refuses a duplicate process code with 422 naming the rule', async () => {
    const res = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, {
      type: 'offer.tabled',
      expectedRevision: await revisionOf(liveId),
      payload: {
        items: [
          { processCode: 'A', rate: '1' },
          { processCode: 'A', rate: '2' },
        ],
        note: null,
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.details.violations[0].rule).toBe('rates.duplicate');
  });

  it('requires an Idempotency-Key, replays a retry, and refuses the key for another request', async () => {
    const body = {
      type: 'offer.tabled',
      expectedRevision: await revisionOf(liveId),
      payload: offerPayload(),
    };
    expect(
      (await api.post('chen.chair', `/api/negotiations/${liveId}/events`, body, null)).body.code,
    ).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const key = randomUUID();
    const first = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, body, key);
    expect(first.status).toBe(201);
    const again = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, body, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await revisionOf(liveId)).toBe(first.body.revision);
    const other = await api.post(
      'chen.chair',
      `/api/negotiations/${liveId}/events`,
      { ...body, payload: offerPayload('1.9999') },
      key,
    );
    expect({ status: other.status, code: other.body.code }).toEqual({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('answers unauthenticated, malformed and unknown requests with coded errors', async () => {
    expect((await request(api.server).get('/api/negotiations')).body.code).toBe('AUTH_REQUIRED');
    expect(
      (await request(api.server).get('/api/negotiations').set('authorization', 'Bearer nope')).body
        .code,
    ).toBe('AUTH_TOKEN_INVALID');
    expect(
      (
        await request(api.server)
          .post('/api/auth/login')
          .send({ username: 'chen.chair', password: 'wrong' })
      ).body.code,
    ).toBe('AUTH_INVALID_CREDENTIALS');
    expect((await api.get('chen.chair', '/api/negotiations/not-a-uuid')).status).toBe(400);
    expect((await api.get('chen.chair', `/api/negotiations/${randomUUID()}`)).body.code).toBe(
      'NEGOTIATION_NOT_FOUND',
    );
    const broken = await request(api.server)
      .post(`/api/negotiations/${liveId}/events`)
      .set('authorization', `Bearer ${await api.token('chen.chair')}`)
      .set('idempotency-key', 'k')
      .set('content-type', 'application/json')
      .send('{"type":');
    expect({ status: broken.status, code: broken.body.code }).toEqual({
      status: 400,
      code: 'MALFORMED_REQUEST',
    });
    expect((await api.get('chen.chair', '/no-such-route')).body.code).toBe('NOT_FOUND');
  });

  it('refuses an oversized body with 413', async () => {
    const big = {
      type: 'minutes.recorded',
      expectedRevision: 1,
      payload: { minutes: 'x'.repeat(1_100_000) },
    };
    const res = await api.post('ye.recorder', `/api/negotiations/${liveId}/events`, big);
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });
});

describe('public endpoints', () => {
  it('serves health, and the OpenAPI description without a token', async () => {
    expect((await request(api.server).get('/api/health')).body).toMatchObject({
      status: 'ok',
      database: { status: 'up' },
    });
    const docs = await request(api.server).get('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/negotiations',
        '/api/negotiations/{id}/events',
        '/api/auth/login',
      ]),
    );
  });

  // ADR 0021: the API lives under /api, the console owns the rest.
  it('serves the API under /api only, and describes its paths with the prefix exactly once', async () => {
    const docs = (await request(api.server).get('/api/docs-json')).body;
    const paths = Object.keys(docs.paths);
    expect(paths.filter((p) => !p.startsWith('/api/') || p.startsWith('/api/api'))).toEqual([]);
    // A client joins the server url (trailing slash dropped) and the path: that must be the route.
    expect(docs.servers).toEqual([{ url: '/' }]);
    const login = `${docs.servers[0].url.replace(/\/$/, '')}${paths.find((p) => p.endsWith('/auth/login'))}`;
    expect(login).toBe('/api/auth/login');
    const res = await request(api.server)
      .post(login)
      .send({ username: 'chen.chair', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    for (const outside of ['/health', '/negotiations', '/docs', '/auth/login'])
      expect(await request(api.server).get(outside)).toMatchObject({
        status: 404,
        body: { code: 'NOT_FOUND' },
      });
  });
});

function offerPayload(rate = '1.2900') {
  return { items: [{ processCode: 'KN-01', rate }], note: null };
}

describe('the holiday calendar', () => {
  it('lets an administrator add a make-up working day, and nobody else', async () => {
    const key = randomUUID();
    const put = await request(api.server)
      .put('/api/calendar/days/2027-02-07')
      .set('authorization', `Bearer ${await api.token('admin')}`)
      .set('idempotency-key', key)
      .send({ kind: 'workday', name: '春节调休上班 (make-up workday)' });
    expect(put.status).toBe(200);
    const days = await api.get('chen.chair', '/api/calendar/days?year=2027');
    expect(days.body.items).toEqual(
      expect.arrayContaining([
        { day: '2027-02-07', kind: 'workday', name: '春节调休上班 (make-up workday)' },
      ]),
    );
    const chair = await request(api.server)
      .put('/api/calendar/days/2027-02-08')
      .set('authorization', `Bearer ${await api.token('chen.chair')}`)
      .set('idempotency-key', randomUUID())
      .send({ kind: 'holiday', name: 'x' });
    expect({ status: chair.status, code: chair.body.code }).toEqual({
      status: 403,
      code: 'ROLE_FORBIDDEN',
    });
    const bad = await request(api.server)
      .put('/api/calendar/days/2027-02-30')
      .set('authorization', `Bearer ${await api.token('admin')}`)
      .set('idempotency-key', randomUUID())
      .send({ kind: 'holiday', name: 'x' });
    expect(bad.status).toBe(400);
  });
});
