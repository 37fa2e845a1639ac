import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password.js';
import { ZHEJIANG_DEFAULT_POLICY } from '../../src/kernel/policy/policy-profile.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-reference.js';
import { TEA_TASTING } from '../industries/tea-tasting/tea-tasting.industry.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { usesRealPostgres } from '../support/test-database.js';

// ADR 0028: an industry is a folder. A procedure defined only under test/ (tea tasting, with an event
// of its own) is handed to the app at start and driven over HTTP through the door; no engine file
// names it. Knitwear rounds in the same app refuse its event, and it refuses theirs.

usesRealPostgres();
let t: TestApp;
let api: ReturnType<typeof httpClient>;
const WORKER = randomUUID();
const EMPLOYER = randomUUID();
let roundId: string;
let revision: number;

beforeAll(async () => {
  t = await startTestApp({}, undefined, undefined, [TEA_TASTING]);
  api = httpClient(t);
  const ds = t.app.get(DataSource);
  // Reference data an administrator would enter: the industry, its two parties, their chiefs.
  await ds.query(
    `INSERT INTO industry (code, name_zh, name_en) VALUES ('tea-tasting', '品茶', 'Tea tasting')`,
  );
  await ds.query(
    `INSERT INTO party (id, side, kind, name_zh, name_en, industry_code, region_code) VALUES
       ($1, 'worker', 'union', '品茶工会', 'Tea union', 'tea-tasting', 'wenling-xinhe'),
       ($2, 'employer', 'association', '茶叶协会', 'Tea association', 'tea-tasting', 'wenling-xinhe')`,
    [WORKER, EMPLOYER],
  );
  for (const [username, role, party] of [
    ['tea.chair', 'unionChair', WORKER],
    ['tea.chief', 'associationChief', EMPLOYER],
  ]) {
    const person = randomUUID();
    const account = randomUUID();
    await ds.query(
      `INSERT INTO person (id, full_name, organisation_party_id) VALUES ($1, $2, $3)`,
      [person, username, party],
    );
    await ds.query(
      `INSERT INTO account (id, username, display_name, password_hash, member_ref, person_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [account, username, username, await hashPassword(DEMO_PASSWORD), username, person],
    );
    await ds.query(`INSERT INTO account_role (account_id, role, party_id) VALUES ($1, $2, $3)`, [
      account,
      role,
      party,
    ]);
  }
}, 120_000);
afterAll(() => t?.close());

const send = async (as: string, type: string, payload: unknown) => {
  const res = await api.post(as, `/api/negotiations/${roundId}/events`, {
    type,
    expectedRevision: revision,
    payload,
  });
  if (res.status === 201) revision = res.body.revision;
  return res;
};

describe('an industry defined only in a test', () => {
  it('publishes its procedure, with its own event and payload schema', async () => {
    const res = await api.get('tea.chair', '/api/industries/tea-tasting/procedure');
    expect(res.status).toBe(200);
    expect(res.body.machineId).toBe('tea-tasting');
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual([
      'parties.registered',
      'round.abandoned',
      'sample.tasted',
      'tasting.agreed',
    ]);
    expect(res.body.events.find((e: { type: string }) => e.type === 'sample.tasted')).toMatchObject(
      {
        payloadSchema: 'SampleTastedPayload',
        description: { zh: '品鉴一批样品', en: 'A sample was tasted' },
      },
    );
  });

  it('opens a round on its machine and takes its own event through the door', async () => {
    const opened = await api.post('tea.chair', '/api/negotiations', {
      workerPartyId: WORKER,
      employerPartyId: EMPLOYER,
      year: 2026,
      title: '2026 tea tasting',
      policyProfileId: ZHEJIANG_DEFAULT_POLICY.id,
    });
    expect(opened.status).toBe(201);
    roundId = opened.body.id;
    revision = opened.body.revision;
    const registered = await send('tea.chair', 'parties.registered', {
      worker: { representedCount: 40, standing: 'tea union' },
      employer: { representedCount: 12, standing: 'tea association' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body.state).toBe('tasting');

    const tasted = await send('tea.chief', 'sample.tasted', { batch: 'longjing-1', score: 8 });
    expect(tasted.status).toBe(201);
    expect(tasted.body).toMatchObject({ type: 'sample.tasted', state: 'tasting' });

    const view = await api.get('tea.chair', `/api/negotiations/${roundId}`);
    expect(view.body).toMatchObject({
      machine: { id: 'tea-tasting', version: 1 },
      state: 'tasting',
    });
    expect(view.body.description).toEqual({ zh: '品鉴中', en: 'Tasting' });
    expect(view.body.youMaySend).toEqual(['round.abandoned', 'sample.tasted', 'tasting.agreed']);
  });

  it('applies its own payload class (400) and its own rule (422), storing nothing', async () => {
    const before = revision;
    const bad = await send('tea.chief', 'sample.tasted', { batch: 'longjing-2', score: 11 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('payload.score');
    const twice = await send('tea.chief', 'sample.tasted', { batch: 'longjing-1', score: 7 });
    expect(twice.status).toBe(422);
    expect(twice.body.details.violations[0].rule).toBe('tasting.once');
    expect(revision).toBe(before);
    const history = await api.get('tea.chair', `/api/negotiations/${roundId}/history`);
    expect(history.body.items).toHaveLength(before);
  });

  it('keeps its who-may-send: the other side cannot conclude it (403)', async () => {
    const res = await send('tea.chief', 'tasting.agreed', {});
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('EVENT_FORBIDDEN');
  });

  it('refuses an event of another industry’s procedure with 422 EVENT_NOT_IN_PROCEDURE', async () => {
    const res = await send('tea.chair', 'offer.sent', {
      content: 'x',
      proposedTime: '2026-08-01T01:00:00.000Z',
      proposedPlace: 'x',
      sentOn: '2026-07-01',
      receivedOn: '2026-07-01',
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('EVENT_NOT_IN_PROCEDURE');
    expect(res.body.details.procedureEvents).toContain('sample.tasted');
  });

  it('is refused by a knitwear round in the same app', async () => {
    const list = await api.get('chen.chair', '/api/negotiations?limit=1');
    const knitwear = list.body.items[0];
    const res = await api.post('chen.chair', `/api/negotiations/${knitwear.id}/events`, {
      type: 'sample.tasted',
      expectedRevision: knitwear.revision,
      payload: { batch: 'x', score: 5 },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('EVENT_NOT_IN_PROCEDURE');
  });

  it('ends on its own final state with a history that verifies', async () => {
    const done = await send('tea.chair', 'tasting.agreed', {});
    expect(done.status).toBe(201);
    expect(done.body.state).toBe('agreed');
    const verify = await api.get('tea.chair', `/api/negotiations/${roundId}/history/verify`);
    expect(verify.body).toMatchObject({ valid: true });
    const view = await api.get('tea.chair', `/api/negotiations/${roundId}`);
    expect(view.body.outcome).toBe('agreed');
  });
});
