import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { chainEvent } from '../../src/negotiation/negotiation.store.js';
import { PARTIES, PEOPLE } from '../../src/seed/demo-reference.js';
import { seedDemo } from '../../src/seed/demo-seed.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openXinheRound, runSteps, type OpenRound } from '../support/use-cases.js';
import { xinheRoundScript } from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';

// The people registry and the history that names people by id (ADR 0025).

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let ds: DataSource;

beforeAll(async () => {
  // Every request checks its session, so an erasure's disabled account is refused at once.
  t = await startTestApp({ AUTH_SESSION_CACHE_MS: '0' });
  api = httpClient(t);
  ds = t.app.get(DataSource);
}, 120_000);
afterAll(() => t?.close());

const patch = async (as: string, path: string, body: object, key = randomUUID()) =>
  request(api.server)
    .patch(path)
    .set('authorization', `Bearer ${await api.token(as)}`)
    .set('idempotency-key', key)
    .send(body);

const logEntries = async () =>
  (await api.get('admin', '/api/administration/log?limit=1000')).body.items as {
    action: string;
    subject: { type: string; id: string };
    details: Record<string, unknown>;
  }[];

const ORIGINAL = { fullName: '蒋晓燕', phone: '0576-1111-2222', email: 'jiang@example.invalid' };
const CORRECTED = '蒋小燕';

describe('the people registry', () => {
  let id: string;

  it('lets an administrator add a person, once per key, and logs ids and field names only', async () => {
    const body = { ...ORIGINAL, organisationPartyId: PARTIES.xinheUnion.id, position: '挡车工' };
    const key = randomUUID();
    const created = await api.post('admin', '/api/people', body, key);
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toEqual({
      id,
      fields: ['fullName', 'phone', 'email', 'organisationPartyId', 'position'],
    });
    const replay = await api.post('admin', '/api/people', body, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(created.body);
    const [entry] = (await logEntries()).filter((e) => e.subject.id === id);
    expect(entry).toMatchObject({ action: 'person.created', subject: { type: 'person', id } });
    expect(JSON.stringify(entry)).not.toMatch(/蒋|1111|jiang|挡车工/);

    expect((await api.post('chen.chair', '/api/people', body)).body.code).toBe('ROLE_FORBIDDEN');
    const bad = await api.post('admin', '/api/people', { ...body, phone: 'call me' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const noParty = await api.post('admin', '/api/people', {
      fullName: 'x',
      organisationPartyId: randomUUID(),
    });
    expect([noParty.status, noParty.body.code]).toEqual([422, 'UNKNOWN_REFERENCE']);
  });

  it('shows phone and e-mail to administrators and the person only; a chief reads names and positions of their own organisation', async () => {
    const full = await api.get('admin', `/api/people/${id}`);
    expect(full.body).toMatchObject({ ...ORIGINAL, position: '挡车工', erased: false });

    const chair = await api.get('chen.chair', `/api/people/${id}`);
    expect(chair.status).toBe(200);
    expect(Object.keys(chair.body).sort()).toEqual(
      ['erased', 'fullName', 'id', 'organisationPartyId', 'position'].sort(),
    );
    const chairList = await api.get('chen.chair', '/api/people?limit=100');
    expect(chairList.body.items.map((p: { id: string }) => p.id)).toContain(id);
    // Only the chair's own record carries a phone number.
    const others = chairList.body.items.filter(
      (p: { id: string }) => p.id !== PEOPLE['chen.chair'].id,
    );
    expect(others.length).toBeGreaterThan(5);
    expect(JSON.stringify(others)).not.toMatch(/0576-|@example/);
    expect(
      chairList.body.items.every(
        (p: { organisationPartyId: string }) => p.organisationPartyId === PARTIES.xinheUnion.id,
      ),
    ).toBe(true);

    // Another organisation's chief, a representative, an auditor: as if the person did not exist.
    for (const who of ['lin.chief', 'wang.w1', 'qian.auditor', 'zhu.shoes']) {
      const res = await api.get(who, `/api/people/${id}`);
      expect([who, res.status, res.body.code]).toEqual([who, 404, 'PERSON_NOT_FOUND']);
    }
    const foreign = await api.get('lin.chief', `/api/people?partyId=${PARTIES.xinheUnion.id}`);
    expect([foreign.status, foreign.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    expect((await api.get('wang.w1', '/api/people')).status).toBe(403);

    // The login and the token name the caller's person (ADR 0025).
    const login = await request(api.server)
      .post('/api/auth/login')
      .send({ username: 'wang.w1', password: 'demo-password' });
    expect(login.body.account.personId).toBe(PEOPLE['wang.w1'].id);
    expect((await api.get('wang.w1', '/api/me')).body.personId).toBe(PEOPLE['wang.w1'].id);
    const me = await api.get('wang.w1', '/api/people/me');
    expect(me.body).toMatchObject({ id: PEOPLE['wang.w1'].id, phone: PEOPLE['wang.w1'].phone });

    const found = await api.get('admin', `/api/people?name=${encodeURIComponent('晓燕')}`);
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  it('pages the list by offset and limit in the one envelope, with the total', async () => {
    const first = await api.get('admin', '/api/people?limit=2');
    expect(first.body.page).toEqual({ limit: 2, next: 2 });
    expect(first.body.total).toBeGreaterThan(4);
    const second = await api.get('admin', '/api/people?limit=2&offset=2');
    expect(second.body.items.map((p: { id: string }) => p.id)).not.toContain(
      first.body.items[0].id,
    );
    const last = await api.get('admin', `/api/people?limit=2&offset=${first.body.total - 1}`);
    expect([last.body.items.length, last.body.page.next]).toEqual([1, null]);
    const old = await api.get('admin', '/api/people?pageSize=2');
    expect([old.status, old.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const bad = await api.get('admin', '/api/people/not-a-uuid');
    expect(bad.body.details.fields).toEqual([
      { field: 'path.personId', problems: ['must be a UUID'] },
    ]);
  });

  it('corrects a name; the log names the field, never the old or new value', async () => {
    expect((await patch('chen.chair', `/api/people/${id}`, { fullName: CORRECTED })).status).toBe(
      403,
    );
    const res = await patch('admin', `/api/people/${id}`, { fullName: CORRECTED, phone: null });
    expect([res.status, res.body]).toEqual([200, { id, fields: ['fullName', 'phone'] }]);
    expect((await api.get('admin', `/api/people/${id}`)).body).toMatchObject({
      fullName: CORRECTED,
      phone: null,
    });
    const entries = (await logEntries()).filter((e) => e.subject.id === id);
    expect(entries.map((e) => [e.action, e.details.fields])).toEqual([
      ['person.created', ['fullName', 'phone', 'email', 'organisationPartyId', 'position']],
      ['person.corrected', ['fullName', 'phone']],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/蒋|1111/);
    const cleared = await patch('admin', `/api/people/${id}`, { fullName: null });
    expect([cleared.status, cleared.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const missing = await patch('admin', `/api/people/${randomUUID()}`, { fullName: 'x' });
    expect([missing.status, missing.body.code]).toEqual([404, 'PERSON_NOT_FOUND']);
  });
});

describe('a round that names its delegation by person id', () => {
  let round: OpenRound;
  let delegate: string;
  const appoint = (personId: string) =>
    api.post('chen.chair', `/api/negotiations/${round.id}/events`, {
      type: 'delegate.appointed',
      expectedRevision: round.revision,
      payload: { personId, isChief: false, isExpert: false, appointedOn: '2040-07-01' },
    });
  const view = async () => (await api.get('chen.chair', `/api/negotiations/${round.id}`)).body;
  const verify = async () =>
    (await api.get('chen.chair', `/api/negotiations/${round.id}/history/verify`)).body;

  beforeAll(async () => {
    round = await openXinheRound(t.app, 2040);
    await runSteps(t.app, round, xinheRoundScript(2040).toSecondSession.slice(0, 1));
    delegate = (
      await api.post('admin', '/api/people', {
        fullName: '韩梅',
        organisationPartyId: PARTIES.xinheUnion.id,
      })
    ).body.id;
  });

  it('refuses to appoint a person the registry does not hold', async () => {
    const res = await appoint(randomUUID());
    expect([res.status, res.body.code]).toEqual([422, 'PERSON_UNKNOWN']);
    const named = await api.post('chen.chair', `/api/negotiations/${round.id}/events`, {
      type: 'delegate.appointed',
      expectedRevision: round.revision,
      payload: {
        personId: 'han.mei',
        name: '韩梅',
        isChief: false,
        isExpert: false,
        appointedOn: '2040-07-01',
      },
    });
    expect([named.status, named.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('appoints by id, shows the name read now, and still verifies after a correction', async () => {
    expect((await appoint(delegate)).status).toBe(201);
    round.revision++;
    expect((await view()).delegations.worker).toEqual([
      {
        personId: delegate,
        name: '韩梅',
        erased: false,
        isChief: false,
        isExpert: false,
        appointedOn: '2040-07-01',
      },
    ]);
    await patch('admin', `/api/people/${delegate}`, { fullName: '韩梅梅' });
    expect((await view()).delegations.worker[0].name).toBe('韩梅梅');
    expect((await verify()).valid).toBe(true);
    const history = (await api.get('chen.chair', `/api/negotiations/${round.id}/history`)).body;
    const appointed = history.items.find((e: { type: string }) => e.type === 'delegate.appointed');
    expect(appointed.payload).toEqual({
      personId: delegate,
      isChief: false,
      isExpert: false,
      appointedOn: '2040-07-01',
    });
    expect(appointed.actor).toEqual({
      accountId: expect.any(String),
      personId: PEOPLE['chen.chair'].id,
      capacity: 'chief',
      side: 'worker',
    });
    expect(history.people[delegate]).toEqual({ name: '韩梅梅', erased: false });
    expect(history.people[PEOPLE['chen.chair'].id]).toEqual({ name: '陈国强', erased: false });
  });

  it('shows an erased delegate as erased, keeps the chain valid, and refuses them a new seat', async () => {
    const erased = await api.post('admin', `/api/people/${delegate}/erasure`, {});
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ id: delegate, disabledAccountId: null });
    expect((await view()).delegations.worker[0]).toMatchObject({
      personId: delegate,
      name: null,
      erased: true,
    });
    expect((await verify()).valid).toBe(true);
    const left = (
      await api.post('admin', '/api/people', {
        fullName: '李雷',
        organisationPartyId: PARTIES.xinheUnion.id,
      })
    ).body.id;
    await api.post('admin', `/api/people/${left}/erasure`, {});
    const again = await appoint(left);
    expect([again.status, again.body.code]).toEqual([422, 'PERSON_ERASED']);
    const corrected = await patch('admin', `/api/people/${delegate}`, { fullName: '韩梅' });
    expect([corrected.status, corrected.body.code]).toEqual([422, 'PERSON_ERASED']);
  });
});

describe('erasing a person who holds an account', () => {
  it('blanks the record, disables the account at once, and leaves the demo round verifiable', async () => {
    const wang = PEOPLE['wang.w1'];
    expect((await api.get('wang.w1', '/api/people/me')).status).toBe(200);
    const res = await api.post('admin', `/api/people/${wang.id}/erasure`, {});
    expect(res.status).toBe(200);
    const accountId = res.body.disabledAccountId as string;
    expect(accountId).toEqual(expect.any(String));

    expect((await api.get('admin', `/api/people/${wang.id}`)).body).toMatchObject({
      fullName: null,
      phone: null,
      email: null,
      position: null,
      erased: true,
    });
    expect((await api.get('wang.w1', '/api/people/me')).status).toBe(401);
    // The username and member handle spelled the name in pinyin: neither survives.
    const [account] = await ds.query(
      `SELECT username, member_ref AS "memberRef", display_name AS "displayName" FROM account WHERE id = $1`,
      [accountId],
    );
    expect(account).toEqual({
      username: `erased.${accountId}`,
      memberRef: `erased.${accountId}`,
      displayName: '(erased)',
    });
    const entries = (await logEntries()).filter((e) => [wang.id, accountId].includes(e.subject.id));
    expect(entries.map((e) => e.action)).toEqual(['person.erased', 'account.disabled']);

    const id = t.demo.rounds['2025'].id;
    const round = (await api.get('chen.chair', `/api/negotiations/${id}`)).body;
    expect(
      round.delegations.worker.find((d: { personId: string }) => d.personId === wang.id),
    ).toMatchObject({ name: null, erased: true });
    expect(
      (await api.get('qian.auditor', `/api/negotiations/${id}/history/verify`)).body.valid,
    ).toBe(true);
    const admin = (await api.get('admin', '/api/administration/log/verify')).body;
    expect(admin.valid).toBe(true);
  });
});

describe('what the database keeps', () => {
  it('holds no person’s name or phone number in the history, the rounds, the log or the idempotency records', async () => {
    const dump = (
      await Promise.all([
        ds.query(
          `SELECT payload::text || actor_account_id || coalesce(actor_member_ref, '') || coalesce(actor_person_id::text, '') AS t FROM negotiation_event`,
        ),
        ds.query(`SELECT snapshot::text AS t FROM negotiation`),
        ds.query(`SELECT details::text || subject_id AS t FROM administration_log_entry`),
        ds.query(
          `SELECT request_hash || coalesce(response_body::text, '') AS t FROM idempotency_record`,
        ),
      ])
    )
      .flat()
      .map((r: { t: string }) => r.t)
      .join('\n');
    expect(dump.length).toBeGreaterThan(10_000);
    const names = [
      ...Object.values(PEOPLE).flatMap((p) => [p.fullName, p.phone, p.email]),
      ORIGINAL.fullName,
      ORIGINAL.phone,
      CORRECTED,
      '韩梅',
      '李雷',
    ];
    expect(names.filter((n) => dump.includes(n))).toEqual([]);
    // The dump does hold the people, by id.
    expect(dump).toContain(PEOPLE['chen.chair'].id);
  });
});

// A round stored before ADR 0025: its snapshot and events name people by member handle. It comes after
// the search of the database above, since it holds names by design.
describe('a round recorded before people were named by id', () => {
  it('restores, shows its inline names, lets its handle-named recorder act, and its mixed chain verifies', async () => {
    const round = await openXinheRound(t.app, 2041);
    const fixture = JSON.parse(
      readFileSync('test/fixtures/snapshots/wool-knitwear@1/negotiating.inSession.json', 'utf8'),
    ).persisted;
    const [head] = await ds.query(`SELECT head_hash FROM negotiation WHERE id = $1`, [round.id]);
    const [chen] = await ds.query(`SELECT id FROM account WHERE username = 'chen.chair'`);
    const legacy = chainEvent(
      {
        negotiationId: round.id,
        seq: 2,
        type: 'delegate.appointed',
        payload: { memberRef: 'wang.w1', name: '王丽 (Wang Li)', isChief: false },
        actor: { accountId: chen.id, memberRef: 'chen.chair', capacity: 'chief', side: 'worker' },
        stateBefore: 'constituting',
        stateAfter: 'negotiating.inSession',
        machine: 'wool-knitwear@1',
        occurredAt: '2025-07-01T02:00:00.000Z',
      },
      head.head_hash,
    );
    await ds.query(
      `INSERT INTO negotiation_event (negotiation_id, seq, type, payload, actor_account_id, actor_member_ref, actor_capacity,
          actor_side, state_before, state_after, machine_id, machine_version, occurred_at, prev_hash, hash)
       VALUES ($1, 2, $2, $3, $4, 'chen.chair', 'chief', 'worker', $5, $6, 'wool-knitwear', 1, $7, $8, $9)`,
      [
        round.id,
        legacy.type,
        JSON.stringify(legacy.payload),
        chen.id,
        legacy.stateBefore,
        legacy.stateAfter,
        legacy.occurredAt,
        legacy.prevHash,
        legacy.hash,
      ],
    );
    await ds.query(
      `UPDATE negotiation SET snapshot = $2, state = 'negotiating.inSession', revision = 2, head_hash = $3, machine_version = 1 WHERE id = $1`,
      [round.id, JSON.stringify(fixture), legacy.hash],
    );

    const view = (await api.get('ye.recorder', `/api/negotiations/${round.id}`)).body;
    expect(view.delegations.worker[1]).toEqual({
      personId: 'wang.w1',
      name: '王丽 (Wang Li)',
      erased: false,
      isChief: false,
      isExpert: false,
      appointedOn: '2025-07-01',
    });
    expect(view.recorder).toEqual({
      personId: 'ye.recorder',
      name: '叶文 (Ye Wen, recorder)',
      erased: false,
    });
    expect(view.youMaySend).toContain('minutes.recorded');
    const recorded = await api.post('ye.recorder', `/api/negotiations/${round.id}/events`, {
      type: 'minutes.recorded',
      expectedRevision: 2,
      payload: { minutes: '第一次协商' },
    });
    expect(recorded.status).toBe(201);
    const verified = (await api.get('chen.chair', `/api/negotiations/${round.id}/history/verify`))
      .body;
    expect(verified).toMatchObject({ valid: true, revision: 3 });
    const { items: events } = (await api.get('chen.chair', `/api/negotiations/${round.id}/history`))
      .body;
    expect(events.map((e: { actor: object }) => Object.keys(e.actor).sort())).toEqual([
      ['accountId', 'capacity', 'personId', 'side'],
      ['accountId', 'capacity', 'memberRef', 'side'],
      ['accountId', 'capacity', 'personId', 'side'],
    ]);
  });
});

describe('seeding the demo again', () => {
  it('refuses, saying what to do, a database whose demo rounds were seeded before ADR 0025', async () => {
    const key = 'demo-2025-step-1';
    const [{ request_hash: hash }] = await ds.query(
      `SELECT request_hash FROM idempotency_record WHERE key = $1`,
      [key],
    );
    // As an older seed would have left it: the same key, another request.
    await ds.query(`UPDATE idempotency_record SET request_hash = $2 WHERE key = $1`, [
      key,
      'f'.repeat(64),
    ]);
    try {
      await expect(seedDemo(t.app)).rejects.toThrow(/older demo .* remove DATA_DIR/);
    } finally {
      await ds.query(`UPDATE idempotency_record SET request_hash = $2 WHERE key = $1`, [key, hash]);
    }
  });
});
