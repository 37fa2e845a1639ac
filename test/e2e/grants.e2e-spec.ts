import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ACCOUNTS, DEMO_PASSWORD, PARTIES } from '../../src/seed/demo-reference.js';
import { ZHEJIANG_DEFAULT_POLICY } from '../../src/kernel/policy/policy-profile.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Grants proposed by an administrator take effect only when the party's chief or a second
// administrator approves (issue 9, ADR 0027); every step is logged and the holder is told.

// Several logins (each a bounded scrypt check) per test: more than the default 5 s on a busy machine.
jest.setTimeout(30_000);

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let ds: DataSource;
let caucusPath: string;

const PROPOSALS = '/api/administration/grant-proposals';
const idOf = (username: string) => ACCOUNTS.find((a) => a.username === username)!.id;

beforeAll(async () => {
  // No session cache: a token whose grants changed is refused on the very next request.
  t = await startTestApp({ AUTH_SESSION_CACHE_MS: '0' });
  api = httpClient(t);
  ds = t.app.get(DataSource);
  caucusPath = `/api/negotiations/${t.demo.rounds['2026'].id}/caucuses`;
}, 60_000);
afterAll(() => t?.close());

// An account with no roles, as the accounts API would create it.
async function newAccount(username: string): Promise<string> {
  const [row] = await ds.query(
    `INSERT INTO account (username, display_name, password_hash, member_ref)
     SELECT $1::text, $1::text, password_hash, $1::text FROM account WHERE username = 'admin' RETURNING id`,
    [username],
  );
  return row.id;
}

// A fresh login: the token carries the grants the account holds now.
async function login(username: string): Promise<string> {
  const res = await request(api.server)
    .post('/api/auth/login')
    .send({ username, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return res.body.accessToken;
}

const withToken = (token: string) => ({
  get: (path: string) => request(api.server).get(path).set('authorization', `Bearer ${token}`),
  post: (path: string, body: object = {}, key = randomUUID()) =>
    request(api.server)
      .post(path)
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', key)
      .send(body),
});

const propose = (who: string, body: Record<string, unknown>) => api.post(who, PROPOSALS, body);
const decide = (who: string, id: string, verb: 'approve' | 'reject' | 'withdraw', key?: string) =>
  api.post(who, `${PROPOSALS}/${id}/${verb}`, {}, key ?? randomUUID());
const revoke = async (who: string, grantId: string) =>
  request(api.server)
    .delete(`/api/administration/grants/${grantId}`)
    .set('authorization', `Bearer ${await api.token(who)}`)
    .set('idempotency-key', randomUUID());
const awaiting = async (who: string) =>
  (await api.get(who, `${PROPOSALS}?view=awaitingMe`)).body.items.map((p: { id: string }) => p.id);
const noticesOf = async (token: string) =>
  (await withToken(token).get('/api/me/notices')).body.items as {
    id: string;
    kind: string;
    subjects: Record<string, string>;
    readAt: string | null;
  }[];

// Shared by the revocation test: a representative made in the first test.
let representative: { accountId: string; grantId: string; token: string };

describe('a representative’s grant', () => {
  it('takes effect when the union chair approves: the grantee’s new token works for the side', async () => {
    const accountId = await newAccount('gr.rep1');
    const before = await login('gr.rep1');
    expect((await withToken(before).get(caucusPath)).status).toBe(404);

    const proposed = await propose('admin', {
      accountId,
      role: 'workerRepresentative',
      partyId: PARTIES.xinheUnion.id,
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'pending', grantId: null });
    const id = proposed.body.id;
    // Proposed is not granted.
    expect((await withToken(before).get(caucusPath)).status).toBe(404);
    expect(await awaiting('chen.chair')).toContain(id);
    expect(await awaiting('lin.chief')).not.toContain(id);
    expect(await awaiting('zhou.admin')).not.toContain(id);

    const wrongChief = await decide('lin.chief', id, 'approve');
    expect([wrongChief.status, wrongChief.body.code]).toEqual([403, 'GRANT_APPROVER_WRONG']);

    const key = randomUUID();
    const approved = await decide('chen.chair', id, 'approve', key);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: idOf('chen.chair') });
    const replay = await decide('chen.chair', id, 'approve', key);
    expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(replay.body).toEqual(approved.body);

    // The grant changed the account's token version: the old token is refused, a new one works.
    const stale = await withToken(before).get(caucusPath);
    expect([stale.status, stale.body.code]).toEqual([401, 'AUTH_SESSION_ENDED']);
    const token = await login('gr.rep1');
    expect((await withToken(token).get(caucusPath)).status).toBe(200);

    const grants = await api.get('admin', `/api/administration/accounts/${accountId}/grants`);
    expect(grants.body.grants).toEqual([
      expect.objectContaining({ id: approved.body.grantId, role: 'workerRepresentative' }),
    ]);
    representative = { accountId, grantId: approved.body.grantId, token };
  });

  it('tells the holder, who can mark the notice read', async () => {
    const [notice] = await noticesOf(representative.token);
    expect(notice).toMatchObject({
      kind: 'grant.approved',
      subjects: { grantId: representative.grantId },
      readAt: null,
    });
    const read = await withToken(representative.token).post(`/api/me/notices/${notice.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const unread = await withToken(representative.token).get('/api/me/notices?unread=true');
    expect(unread.body.items).toEqual([]);
    // Someone else's notice reads as absent.
    const other = await api.post('wang.w1', `/api/me/notices/${notice.id}/read`, {});
    expect([other.status, other.body.code]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('refusals', () => {
  it('refuses a grant outside the administrator’s own scope (403)', async () => {
    const accountId = await newAccount('gr.scope');
    const [yuhuanUnion] = await ds.query(
      `INSERT INTO party (side, kind, name_zh, name_en, industry_code, region_code)
       VALUES ('worker', 'industryUnion', '玉环市船舶修造行业工会', 'Yuhuan Shipbuilding Union', 'shipbuilding', 'yuhuan') RETURNING id`,
    );
    // zhou.admin administers Wenling only.
    for (const scope of [
      { role: 'auditor' },
      { role: 'auditor', regionCode: 'yuhuan' },
      { role: 'administrator' },
      { role: 'unionChair', partyId: yuhuanUnion.id },
    ]) {
      const res = await propose('zhou.admin', { accountId, ...scope });
      expect([scope, res.status, res.body.code]).toEqual([scope, 403, 'GRANT_OUT_OF_SCOPE']);
    }
    const notAdmin = await propose('chen.chair', {
      accountId,
      role: 'workerRepresentative',
      partyId: PARTIES.xinheUnion.id,
    });
    expect([notAdmin.status, notAdmin.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
  });

  it('refuses a party role without its party, or a scope that does not fit the role (400)', async () => {
    const accountId = await newAccount('gr.shape');
    for (const scope of [
      { role: 'workerRepresentative' },
      { role: 'workerRepresentative', partyId: PARTIES.xinheUnion.id, regionCode: 'wenling' },
      { role: 'employerRepresentative', partyId: PARTIES.xinheUnion.id },
      { role: 'auditor', partyId: PARTIES.xinheUnion.id },
    ]) {
      const res = await propose('admin', { accountId, ...scope });
      expect([scope, res.status, res.body.code]).toEqual([scope, 400, 'GRANT_SCOPE_INVALID']);
    }
  });

  it('refuses duplicates (409) and a grant on the other side of a pair (422)', async () => {
    const held = await propose('admin', {
      accountId: idOf('wang.w1'),
      role: 'workerRepresentative',
      partyId: PARTIES.xinheUnion.id,
    });
    expect([held.status, held.body.code]).toEqual([409, 'GRANT_DUPLICATE']);

    const accountId = await newAccount('gr.dup');
    const body = {
      accountId,
      role: 'recorder',
      industryCode: 'wool-knitwear',
      regionCode: 'wenling-xinhe',
    };
    const first = await propose('admin', body);
    expect(first.status).toBe(201);
    const again = await propose('admin', body);
    expect([again.status, again.body.code]).toEqual([409, 'GRANT_DUPLICATE']);

    const otherSide = await propose('admin', {
      accountId: idOf('wang.w1'),
      role: 'employerRepresentative',
      partyId: PARTIES.xinheAssociation.id,
    });
    expect([otherSide.status, otherSide.body.code]).toEqual([422, 'GRANT_BOTH_SIDES']);

    // Only the proposer withdraws; a withdrawn proposal can no longer be decided.
    const foreign = await decide('zhou.admin', first.body.id, 'withdraw');
    expect([foreign.status, foreign.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    expect((await decide('admin', first.body.id, 'withdraw')).body.status).toBe('withdrawn');
    const late = await decide('zhou.admin', first.body.id, 'approve');
    expect([late.status, late.body.code]).toEqual([409, 'GRANT_PROPOSAL_NOT_PENDING']);
  });
});

describe('an administrator’s attempt to grant themselves a side', () => {
  it('is held for the chief’s approval, and the chief can reject it', async () => {
    const proposed = await propose('admin', {
      accountId: idOf('admin'),
      role: 'workerRepresentative',
      partyId: PARTIES.xinheUnion.id,
    });
    expect([proposed.status, proposed.body.status]).toEqual([201, 'pending']);
    const id = proposed.body.id;

    const own = await decide('admin', id, 'approve');
    expect([own.status, own.body.code]).toEqual([403, 'GRANT_APPROVER_WRONG']);
    const byColleague = await decide('zhou.admin', id, 'approve');
    expect([byColleague.status, byColleague.body.code]).toEqual([403, 'GRANT_APPROVER_WRONG']);
    const caucus = await api.get('admin', caucusPath);
    expect([caucus.status, caucus.body.code]).toEqual([403, 'CAUCUS_CONFIDENTIAL']);

    const rejected = await decide('chen.chair', id, 'reject');
    expect([rejected.status, rejected.body.status]).toEqual([200, 'rejected']);
    const after = await api.get('admin', caucusPath);
    expect([after.status, after.body.code]).toEqual([403, 'CAUCUS_CONFIDENTIAL']);
    const late = await decide('chen.chair', id, 'approve');
    expect([late.status, late.body.code]).toEqual([409, 'GRANT_PROPOSAL_NOT_PENDING']);
    const notices = await noticesOf(await api.token('admin'));
    expect(notices).toContainEqual(
      expect.objectContaining({
        kind: 'grant.rejected',
        subjects: expect.objectContaining({ grantProposalId: id }),
      }),
    );
  });
});

describe('grants outside a party, and chiefs', () => {
  it('need a second administrator whose scope covers them', async () => {
    const auditorId = await newAccount('gr.auditor');
    const auditor = await propose('admin', {
      accountId: auditorId,
      role: 'auditor',
      regionCode: 'wenling',
    });
    expect(auditor.status).toBe(201);
    for (const who of ['admin', 'chen.chair', 'qian.auditor']) {
      const res = await decide(who, auditor.body.id, 'approve');
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'GRANT_APPROVER_WRONG']);
    }
    expect(await awaiting('zhou.admin')).toContain(auditor.body.id);
    expect((await decide('zhou.admin', auditor.body.id, 'approve')).status).toBe(200);
    const log = await withToken(await login('gr.auditor')).get('/api/administration/log/verify');
    expect([log.status, log.body.valid]).toEqual([200, true]);

    const bureauId = await newAccount('gr.bureau');
    const bureau = await propose('zhou.admin', {
      accountId: bureauId,
      role: 'labourOfficer',
      regionCode: 'wenling',
    });
    expect((await decide('zhou.admin', bureau.body.id, 'approve')).status).toBe(403);
    expect((await decide('admin', bureau.body.id, 'approve')).status).toBe(200);
  });

  it('a party without a chief holds its representatives until a chief, made by two administrators, approves', async () => {
    const association = PARTIES.hengfengShoeAssociation.id;
    const repId = await newAccount('gr.shoe-rep');
    const rep = await propose('admin', {
      accountId: repId,
      role: 'employerRepresentative',
      partyId: association,
    });
    expect(rep.status).toBe(201);
    expect(await awaiting('zhou.admin')).not.toContain(rep.body.id);
    expect((await decide('zhou.admin', rep.body.id, 'approve')).body.code).toBe(
      'GRANT_APPROVER_WRONG',
    );

    const chiefId = await newAccount('gr.shoe-chief');
    const chief = await propose('admin', {
      accountId: chiefId,
      role: 'associationChief',
      partyId: association,
    });
    expect((await decide('zhou.admin', chief.body.id, 'approve')).status).toBe(200);

    const chiefToken = await login('gr.shoe-chief');
    const mine = await withToken(chiefToken).get(`${PROPOSALS}?view=awaitingMe`);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([rep.body.id]);
    expect((await withToken(chiefToken).post(`${PROPOSALS}/${rep.body.id}/approve`)).status).toBe(
      200,
    );
  });

  it('lets one of two concurrent approvals win; the other gets 409', async () => {
    const accountId = await newAccount('gr.race');
    const p = await propose('admin', {
      accountId,
      role: 'recorder',
      industryCode: 'wool-knitwear',
      regionCode: 'wenling',
    });
    const results = await Promise.all([
      decide('zhou.admin', p.body.id, 'approve'),
      decide('zhou.admin', p.body.id, 'approve'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('GRANT_PROPOSAL_NOT_PENDING');
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM account_role WHERE account_id = $1`,
      [accountId],
    );
    expect(n).toBe(1);
  });
});

describe('revoking a grant', () => {
  it('takes effect at once and tells the holder', async () => {
    const wrong = await revoke('lin.chief', representative.grantId);
    expect([wrong.status, wrong.body.code]).toEqual([403, 'GRANT_APPROVER_WRONG']);
    const revoked = await revoke('chen.chair', representative.grantId);
    expect([revoked.status, revoked.body.revoked]).toEqual([200, true]);

    const stale = await withToken(representative.token).get(caucusPath);
    expect([stale.status, stale.body.code]).toEqual([401, 'AUTH_SESSION_ENDED']);
    const token = await login('gr.rep1');
    expect((await withToken(token).get(caucusPath)).status).toBe(404);
    expect((await noticesOf(token))[0]).toMatchObject({
      kind: 'grant.revoked',
      subjects: { grantId: representative.grantId },
    });
    expect((await revoke('chen.chair', representative.grantId)).status).toBe(404);
  });
});

describe('profiles and calendars through the administration API', () => {
  it('adds a validated new profile version beside the old one', async () => {
    const next = {
      ...structuredClone(ZHEJIANG_DEFAULT_POLICY),
      id: 'zj-wage-2027',
      name: '浙江省工资集体协商规则 2027',
      basedOnId: ZHEJIANG_DEFAULT_POLICY.id,
    };
    next.deadlines.offerReplyDays = 15;
    const created = await api.post('admin', '/api/policy-profiles', next);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'zj-wage-2027', basedOnId: 'zj-wage-2026' });

    const read = await api.get('chen.chair', '/api/policy-profiles/zj-wage-2027');
    expect(read.body.body.deadlines.offerReplyDays).toBe(15);
    const old = await api.get('chen.chair', '/api/policy-profiles/zj-wage-2026');
    expect(old.body.body.deadlines.offerReplyDays).toBe(20);
    const [round] = await ds.query(
      `SELECT policy_profile_id AS id FROM negotiation WHERE id = $1`,
      [t.demo.rounds['2026'].id],
    );
    expect(round.id).toBe('zj-wage-2026');

    const again = await api.post('admin', '/api/policy-profiles', next);
    expect([again.status, again.body.code]).toEqual([409, 'POLICY_PROFILE_EXISTS']);
    const invalid = structuredClone({ ...next, id: 'zj-wage-bad' });
    invalid.representatives.minPerSide = 0;
    const bad = await api.post('admin', '/api/policy-profiles', invalid);
    expect([bad.status, bad.body.code]).toEqual([422, 'POLICY_VALUE_OUT_OF_RANGE']);
    const shapeless = await api.post('admin', '/api/policy-profiles', {
      id: 'zj-bare',
      name: 'bare',
    });
    expect([shapeless.status, shapeless.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const chair = await api.post('chen.chair', '/api/policy-profiles', { ...next, id: 'zj-chair' });
    expect([chair.status, chair.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
  });

  it('logs a calendar change', async () => {
    const res = await request(api.server)
      .put('/api/calendar/days/2027-10-01')
      .set('authorization', `Bearer ${await api.token('admin')}`)
      .set('idempotency-key', randomUUID())
      .send({ kind: 'holiday', name: '国庆节' });
    expect(res.status).toBe(200);
  });
});

describe('the administration log', () => {
  it('records every step, names no one, and verifies', async () => {
    const res = await api.get('qian.auditor', '/api/administration/log?limit=1000');
    const items = res.body.items as { action: string; subject: { type: string; id: string } }[];
    const actions = new Set(items.map((e) => e.action));
    for (const action of [
      'grant.proposed',
      'grant.approved',
      'grant.rejected',
      'grant.withdrawn',
      'grant.revoked',
      'policyProfile.created',
      'calendarDay.marked',
      'catalog.created',
    ])
      expect([action, actions.has(action)]).toEqual([action, true]);
    expect(items).toContainEqual(
      expect.objectContaining({
        action: 'grant.revoked',
        subject: { type: 'grant', id: representative.grantId },
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        action: 'calendarDay.marked',
        subject: { type: 'calendarDay', id: '2027-10-01' },
      }),
    );
    const text = JSON.stringify(items);
    for (const name of ['gr.rep1', '陈国强', DEMO_PASSWORD]) expect(text).not.toContain(name);

    const verified = await api.get('admin', '/api/administration/log/verify');
    expect(verified.body).toMatchObject({ valid: true, entries: items.length, firstBreak: null });
  });
});
