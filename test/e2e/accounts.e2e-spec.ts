import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { writeOnboardingXlsx } from '../../src/accounts/onboarding-template.js';
import { XLSX_TYPE } from '../../src/piece-rates/spreadsheet-upload.js';
import { ACCOUNTS, PARTIES } from '../../src/seed/demo-reference.js';
import { httpClient } from '../support/http.js';
import { ManualClock } from '../support/manual-clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Accounts (issue 9, ADR 0026): an administrator creates, disables, re-enables and resets accounts
// without ever learning a password; the person sets it with a one-time code; logins refresh.

const HOUR = 3_600_000;
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148';

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let ds: DataSource;
const clock = new ManualClock();
// Everything secret or personal a test hands out or receives, to look for in the log afterwards.
const secrets = new Set<string>();
const names = new Set<string>();

beforeAll(async () => {
  t = await startTestApp({}, undefined, clock);
  api = httpClient(t);
  ds = t.app.get(DataSource);
}, 60_000);
afterAll(() => t?.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const req = request(api.server).post(path);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req.send(body as object);
};

const login = (username: string, password: string) =>
  post('/api/auth/login', { username, password });

const redeem = (username: string, code: string, newPassword: string) =>
  post('/api/auth/code', { username, code, newPassword }, { 'user-agent': PHONE });

async function createAccount(username: string, fullName = `测试${username}`) {
  names.add(fullName);
  const res = await api.post('admin', '/api/accounts', {
    username,
    person: { fullName, phone: '138 0013 8000', organisationPartyId: PARTIES.xinheUnion.id },
  });
  expect(res.status).toBe(201);
  secrets.add(res.body.activationCode.code);
  return res.body as {
    account: { id: string; personId: string };
    activationCode: { code: string };
  };
}

const password = () => {
  const p = `pw-${randomUUID()}`;
  secrets.add(p);
  return p;
};

describe('creating an account and activating it with a one-time code', () => {
  it('gives the administrator a code, not a password, and the person logs in after redeeming it on a phone', async () => {
    const { account, activationCode } = await createAccount('zhang.rep');
    expect(activationCode.code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){2}$/);
    expect(JSON.stringify(account)).not.toMatch(/password_?hash|scrypt/i);
    expect(account).toMatchObject({ hasPassword: false, disabled: false, grants: [] });

    // No password exists yet: nothing logs in.
    expect((await login('zhang.rep', '')).status).toBe(400);
    expect((await login('zhang.rep', 'anything-at-all')).body.code).toBe(
      'AUTH_INVALID_CREDENTIALS',
    );

    // Typed on a phone: lower case, spaces where the dashes were.
    const typed = activationCode.code.toLowerCase().replaceAll('-', ' ');
    const chosen = password();
    const res = await redeem('zhang.rep', typed, chosen);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ tokenType: 'Bearer', account: { username: 'zhang.rep' } });
    expect(res.body.refreshToken).toEqual(expect.any(String));
    const me = await request(api.server)
      .get('/api/me')
      .set('authorization', `Bearer ${res.body.accessToken}`);
    expect(me.body.username).toBe('zhang.rep');

    expect((await login('zhang.rep', chosen)).status).toBe(200);
    const read = await api.get('admin', `/api/accounts/${account.id}`);
    expect(read.body).toMatchObject({ hasPassword: true, openCode: null });
  });

  it('answers a retry of the same request without creating anything twice, and without the code', async () => {
    const key = randomUUID();
    const body = { username: 'retry.rep', person: { fullName: '重试' } };
    names.add('重试');
    const first = await api.post('admin', '/api/accounts', body, key);
    expect(first.status).toBe(201);
    secrets.add(first.body.activationCode.code);
    const again = await api.post('admin', '/api/accounts', body, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.account.id).toBe(first.body.account.id);
    expect(again.body.activationCode).toMatchObject({ code: null, withheld: true });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM account WHERE username = $1`, [
      'retry.rep',
    ]);
    expect(n).toBe(1);
    const stored = await ds.query(`SELECT response_body::text AS b FROM idempotency_record`);
    expect(JSON.stringify(stored)).not.toContain(first.body.activationCode.code);
  });

  it('refuses a username already taken with 409 ACCOUNT_USERNAME_TAKEN, and an unknown or taken person', async () => {
    await createAccount('dup.rep');
    const dup = await api.post('admin', '/api/accounts', {
      username: 'dup.rep',
      person: { fullName: '另一个人' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ACCOUNT_USERNAME_TAKEN');
    const seeded = await api.post('admin', '/api/accounts', {
      username: 'chen.chair',
      person: { fullName: '另一个人' },
    });
    expect(seeded.body.code).toBe('ACCOUNT_USERNAME_TAKEN');
    // Nothing of the refused request was kept, not even its person.
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM person WHERE full_name = '另一个人'`,
    );
    expect(n).toBe(0);

    const unknown = await api.post('admin', '/api/accounts', {
      username: 'ghost.rep',
      personId: randomUUID(),
    });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_REFERENCE']);
    const zhang = await api.get('admin', '/api/accounts?limit=1000');
    const personId = zhang.body.items.find(
      (a: { username: string }) => a.username === 'zhang.rep',
    ).personId;
    const taken = await api.post('admin', '/api/accounts', { username: 'zhang.two', personId });
    expect([taken.status, taken.body.code]).toEqual([409, 'ACCOUNT_PERSON_HAS_ACCOUNT']);

    const bad = await api.post('admin', '/api/accounts', { username: 'Bad Name', personId });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('gives one of two administrators racing for a username the account, the other a 409', async () => {
    names.add('竞争甲');
    names.add('竞争乙');
    const [a, b] = await Promise.all([
      api.post('admin', '/api/accounts', { username: 'race.rep', person: { fullName: '竞争甲' } }),
      api.post('admin', '/api/accounts', { username: 'race.rep', person: { fullName: '竞争乙' } }),
    ]);
    for (const r of [a, b]) if (r.status === 201) secrets.add(r.body.activationCode.code);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.code).toBe('ACCOUNT_USERNAME_TAKEN');
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM person WHERE full_name IN ('竞争甲', '竞争乙')`,
    );
    expect(n).toBe(1);
  });

  it('creates an account for a person already registered', async () => {
    const [person] = await ds.query(
      `INSERT INTO person (full_name) VALUES ('登记过的人') RETURNING id`,
    );
    names.add('登记过的人');
    const res = await api.post('admin', '/api/accounts', {
      username: 'known.person',
      personId: person.id,
    });
    expect(res.status).toBe(201);
    secrets.add(res.body.activationCode.code);
    expect(res.body.account).toMatchObject({ personId: person.id, displayName: '登记过的人' });
  });

  it('lists accounts a page at a time, by username, in the one list envelope', async () => {
    const first = await api.get('admin', '/api/accounts?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.page).toEqual({ limit: 2, next: 2 });
    const next = await api.get('admin', `/api/accounts?limit=2&offset=${first.body.page.next}`);
    expect(next.body.items[0].username > first.body.items[1].username).toBe(true);
    const last = await api.get('admin', `/api/accounts?limit=2&offset=${first.body.total - 1}`);
    expect(last.body.items).toHaveLength(1);
    expect(last.body.page.next).toBeNull();
    const old = await api.get('admin', '/api/accounts?after=a');
    expect([old.status, old.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('one-time codes that no longer work', () => {
  it('refuses a reused code, a wrong code and an unknown username, the last two alike', async () => {
    const { activationCode } = await createAccount('reuse.rep');
    expect((await redeem('reuse.rep', activationCode.code, password())).status).toBe(200);
    const again = await redeem('reuse.rep', activationCode.code, password());
    expect([again.status, again.body.code]).toEqual([401, 'ONE_TIME_CODE_USED']);

    const wrong = await redeem('reuse.rep', 'ABCD-EFGH-JKLM', password());
    const nobody = await redeem('nobody.here', activationCode.code, password());
    expect([wrong.status, wrong.body.code]).toEqual([401, 'ONE_TIME_CODE_INVALID']);
    expect(nobody.body).toEqual(wrong.body);
  });

  it('refuses an expired code (the app clock moved past 72 h) and keeps it unused', async () => {
    const { activationCode } = await createAccount('late.rep');
    clock.advance(73 * HOUR);
    try {
      const res = await redeem('late.rep', activationCode.code, password());
      expect([res.status, res.body.code]).toEqual([401, 'ONE_TIME_CODE_EXPIRED']);
    } finally {
      clock.advance(-73 * HOUR);
    }
    const [{ used }] = await ds.query(
      `SELECT bool_or(c.used_at IS NOT NULL) AS used FROM one_time_code c JOIN account a ON a.id = c.account_id WHERE a.username = 'late.rep'`,
    );
    expect(used).toBe(false);
  });

  it('throttles code guesses like password guesses', async () => {
    await createAccount('guess.rep');
    const answers: string[] = [];
    for (let i = 0; i < 7; i++)
      answers.push((await redeem('guess.rep', `ZZZZ-ZZZZ-ZZZ${i + 2}`, password())).body.code);
    expect(answers.slice(0, 5)).toEqual(Array(5).fill('ONE_TIME_CODE_INVALID'));
    expect(answers).toContain('LOGIN_THROTTLED');
  });
});

describe('disabling, re-enabling and resetting', () => {
  it('ends the sessions of a disabled account at once, refuses its login, and lets it back after re-enabling', async () => {
    const { account, activationCode } = await createAccount('off.rep');
    const chosen = password();
    const signedIn = (await redeem('off.rep', activationCode.code, chosen)).body;
    const me = () =>
      request(api.server).get('/api/me').set('authorization', `Bearer ${signedIn.accessToken}`);
    expect((await me()).status).toBe(200);

    const off = await api.post('admin', `/api/accounts/${account.id}/disable`, {});
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ changed: true, account: { disabled: true } });
    expect((await me()).body.code).toBe('AUTH_SESSION_ENDED');
    expect((await login('off.rep', chosen)).body.code).toBe('AUTH_INVALID_CREDENTIALS');
    const refreshed = await post('/api/auth/refresh', { refreshToken: signedIn.refreshToken });
    expect(refreshed.status).toBe(401);

    const on = await api.post('admin', `/api/accounts/${account.id}/enable`, {});
    expect(on.body).toMatchObject({ changed: true, account: { disabled: false } });
    // The old login stays ended; a new one works.
    expect((await me()).status).toBe(401);
    expect((await login('off.rep', chosen)).status).toBe(200);

    const self = await api.post('admin', `/api/accounts/${adminId()}/disable`, {});
    expect(self.body.code).toBe('RULE_VIOLATED');
  });

  it('resets with a fresh code: the earlier code dies, the old password works until the new code is redeemed', async () => {
    const { account, activationCode } = await createAccount('reset.rep');
    const first = password();
    expect((await redeem('reset.rep', activationCode.code, first)).status).toBe(200);

    const r1 = await api.post('admin', `/api/accounts/${account.id}/password-reset`, {});
    const r2 = await api.post('admin', `/api/accounts/${account.id}/password-reset`, {});
    for (const r of [r1, r2]) {
      expect(r.status).toBe(200);
      secrets.add(r.body.resetCode.code);
      expect(JSON.stringify(r.body)).not.toMatch(/password_?hash|scrypt|"password"/i);
    }
    expect(r2.body.account.openCode).toMatchObject({ purpose: 'reset' });
    expect((await login('reset.rep', first)).status).toBe(200);

    const old = await redeem('reset.rep', r1.body.resetCode.code, password());
    expect([old.status, old.body.code]).toEqual([401, 'ONE_TIME_CODE_EXPIRED']);
    const second = password();
    expect((await redeem('reset.rep', r2.body.resetCode.code, second)).status).toBe(200);
    expect((await login('reset.rep', first)).status).toBe(401);
    expect((await login('reset.rep', second)).status).toBe(200);
  });

  it('answers 404 for an unknown account and 400 for an id that is not one', async () => {
    const missing = await api.post('admin', `/api/accounts/${randomUUID()}/password-reset`, {});
    expect([missing.status, missing.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
    expect((await api.get('admin', '/api/accounts/not-a-uuid')).status).toBe(400);
  });
});

describe('refresh tokens', () => {
  it('rotate on each use, and a replayed old token ends the login', async () => {
    const { activationCode } = await createAccount('fresh.rep');
    const signedIn = (await redeem('fresh.rep', activationCode.code, password())).body;
    const r1 = await post('/api/auth/refresh', { refreshToken: signedIn.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(signedIn.refreshToken);
    const r2 = await post('/api/auth/refresh', { refreshToken: r1.body.refreshToken });
    expect(r2.status).toBe(200);
    const me = (token: string) =>
      request(api.server).get('/api/me').set('authorization', `Bearer ${token}`);
    expect((await me(r2.body.accessToken)).status).toBe(200);

    // The first token again: someone kept a copy. The whole login ends, the newest token too.
    const replay = await post('/api/auth/refresh', { refreshToken: signedIn.refreshToken });
    expect([replay.status, replay.body.code]).toEqual([401, 'AUTH_REFRESH_REUSED']);
    expect((await me(r2.body.accessToken)).status).toBe(401);
    const after = await post('/api/auth/refresh', { refreshToken: r2.body.refreshToken });
    expect(after.body.code).toBe('AUTH_REFRESH_INVALID');

    const junk = await post('/api/auth/refresh', { refreshToken: 'not-a-token' });
    expect([junk.status, junk.body.code]).toEqual([401, 'AUTH_REFRESH_INVALID']);
  });

  it('end with logout, after the idle limit, and after the absolute limit', async () => {
    const { activationCode } = await createAccount('idle.rep');
    const chosen = password();
    await redeem('idle.rep', activationCode.code, chosen);

    const out = (await login('idle.rep', chosen)).body;
    await request(api.server)
      .post('/api/auth/logout')
      .set('authorization', `Bearer ${out.accessToken}`)
      .expect(204);
    expect((await post('/api/auth/refresh', { refreshToken: out.refreshToken })).status).toBe(401);

    // Sessions keep database time; the test ages the rows instead of waiting.
    const age = async (refreshToken: string, column: string, by: string) =>
      ds.query(`UPDATE auth_session SET ${column} = ${column} - $2::interval WHERE id = $1`, [
        refreshToken.split('.')[0],
        by,
      ]);
    const idle = (await login('idle.rep', chosen)).body;
    await age(idle.refreshToken, 'last_refreshed_at', '2 hours 1 minute');
    const idleRes = await post('/api/auth/refresh', { refreshToken: idle.refreshToken });
    expect([idleRes.status, idleRes.body.code]).toEqual([401, 'AUTH_SESSION_ENDED']);

    const old = (await login('idle.rep', chosen)).body;
    await age(old.refreshToken, 'created_at', '12 hours 1 minute');
    expect((await post('/api/auth/refresh', { refreshToken: old.refreshToken })).status).toBe(401);
  });
});

const upload = async (username: string, file: Buffer, key = randomUUID()) =>
  request(api.server)
    .post('/api/accounts/onboarding')
    .set('authorization', `Bearer ${await api.token(username)}`)
    .set('idempotency-key', key)
    .set('content-type', XLSX_TYPE)
    .send(file);

describe('onboarding a delegation from an XLSX list', () => {
  it('stores every representative of a good list, each with a code that works', async () => {
    const rows = [
      [
        '孙一',
        '138 0000 1001',
        'sun1@example.cn',
        'sun.one',
        '新河镇羊毛衫行业工会',
        '挡车工',
        '职工代表',
      ],
      ['孙二', '13800001002', '', 'sun.two', PARTIES.xinheUnion.id, '', 'workerRepresentative'],
      ['钱三', '13800001003', '', 'qian.three', '新河镇羊毛衫行业协会', '厂长', '企业代表'],
    ];
    rows.forEach((r) => names.add(r[0]));
    const key = randomUUID();
    const file = await writeOnboardingXlsx(rows);
    const res = await upload('admin', file, key);
    expect(res.status).toBe(201);
    expect(res.body.accounts).toEqual([
      expect.objectContaining({ row: 2, username: 'sun.one', roleWanted: 'workerRepresentative' }),
      expect.objectContaining({
        row: 3,
        username: 'sun.two',
        organisationPartyId: PARTIES.xinheUnion.id,
      }),
      expect.objectContaining({
        row: 4,
        username: 'qian.three',
        roleWanted: 'employerRepresentative',
        organisationPartyId: PARTIES.xinheAssociation.id,
      }),
    ]);
    for (const a of res.body.accounts) secrets.add(a.activationCode.code);
    const [person] = await ds.query(
      `SELECT p.phone, p.position, p.organisation_party_id AS org FROM person p JOIN account a ON a.person_id = p.id WHERE a.username = 'sun.one'`,
    );
    expect(person).toEqual({
      phone: '138 0000 1001',
      position: '挡车工',
      org: PARTIES.xinheUnion.id,
    });
    const code = res.body.accounts[2].activationCode.code;
    expect((await redeem('qian.three', code, password())).status).toBe(200);

    // Each seat the list asks for is proposed with the account and waits for the party's chief.
    const seats = await ds.query(
      `SELECT a.username, g.role, g.party_id AS "partyId", g.status, g.id FROM grant_proposal g JOIN account a ON a.id = g.account_id
        WHERE a.username IN ('sun.one', 'sun.two', 'qian.three') ORDER BY a.username`,
    );
    expect(seats.map((g: { id: string }) => ({ ...g, id: undefined }))).toEqual([
      {
        username: 'qian.three',
        role: 'employerRepresentative',
        partyId: PARTIES.xinheAssociation.id,
        status: 'pending',
        id: undefined,
      },
      {
        username: 'sun.one',
        role: 'workerRepresentative',
        partyId: PARTIES.xinheUnion.id,
        status: 'pending',
        id: undefined,
      },
      {
        username: 'sun.two',
        role: 'workerRepresentative',
        partyId: PARTIES.xinheUnion.id,
        status: 'pending',
        id: undefined,
      },
    ]);
    expect(
      res.body.accounts.map((a: { grantProposalId: string }) => a.grantProposalId).sort(),
    ).toEqual(seats.map((g: { id: string }) => g.id).sort());
    const sunOne = seats.find((g: { username: string }) => g.username === 'sun.one');
    const approved = await api.post(
      'chen.chair',
      `/api/administration/grant-proposals/${sunOne.id}/approve`,
      {},
    );
    expect(approved.status).toBe(200);
    const signedIn = await redeem('sun.one', res.body.accounts[0].activationCode.code, password());
    expect(signedIn.body.account.grants).toEqual([
      expect.objectContaining({ role: 'workerRepresentative', partyId: PARTIES.xinheUnion.id }),
    ]);

    // The same upload retried: nothing twice, no codes in the replay.
    const again = await upload('admin', file, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(
      again.body.accounts.map((a: { activationCode: { code: null } }) => a.activationCode.code),
    ).toEqual([null, null, null]);
  });

  it('refuses a list with three bad rows, listing all three, and stores nothing', async () => {
    const before = await ds.query(
      `SELECT (SELECT count(*) FROM account) AS a, (SELECT count(*) FROM person) AS p, (SELECT count(*) FROM one_time_code) AS c`,
    );
    const rows = [
      ['周一', '13800002001', '', 'zhou.one', '新河镇羊毛衫行业工会', '', '职工代表'],
      ['周二', 'not a phone', '', 'zhou.two', '新河镇羊毛衫行业工会', '', '职工代表'],
      ['周三', '13800002003', '', 'zhou.one', '新河镇羊毛衫行业工会', '', '职工代表'],
      ['周四', '13800002004', '', 'chen.chair', '新河镇羊毛衫行业工会', '', '职工代表'],
    ];
    const res = await upload('admin', await writeOnboardingXlsx(rows));
    expect([res.status, res.body.code]).toEqual([422, 'ONBOARDING_FILE_INVALID']);
    expect(res.body.details.rows).toEqual([
      { row: 3, column: '手机', problem: expect.any(String) },
      { row: 4, column: '用户名', problem: expect.stringContaining('already on row 2') },
      { row: 5, column: '用户名', problem: expect.stringContaining('already taken') },
    ]);
    const after = await ds.query(
      `SELECT (SELECT count(*) FROM account) AS a, (SELECT count(*) FROM person) AS p, (SELECT count(*) FROM one_time_code) AS c`,
    );
    expect(after).toEqual(before);
  });

  it('refuses a file that is not a spreadsheet as a bad list', async () => {
    const res = await upload('admin', Buffer.from('PK not really a zip'));
    expect([res.status, res.body.code]).toEqual([422, 'ONBOARDING_FILE_INVALID']);
    expect(res.body.details.rows).toHaveLength(1);
  });
});

describe('who may administer accounts', () => {
  it('refuses everyone but administrators, on every route', async () => {
    const id = adminId();
    for (const username of ['chen.chair', 'qian.auditor', 'liu.labour']) {
      const routes = [
        await api.get(username, '/api/accounts'),
        await api.get(username, `/api/accounts/${id}`),
        await api.post(username, '/api/accounts', { username: 'x.rep', person: { fullName: 'x' } }),
        await api.post(username, `/api/accounts/${id}/disable`, {}),
        await api.post(username, `/api/accounts/${id}/enable`, {}),
        await api.post(username, `/api/accounts/${id}/password-reset`, {}),
        await upload(username, await writeOnboardingXlsx([])),
      ];
      for (const r of routes) expect([r.status, r.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    }
  });
});

describe('the administration log', () => {
  it('records every action with ids and facts, never a code, a password or a name', async () => {
    const res = await api.get('admin', '/api/administration/log?limit=1000');
    const actions = new Set(res.body.items.map((e: { action: string }) => e.action));
    for (const a of [
      'account.created',
      'account.passwordChosen',
      'account.disabled',
      'account.enabled',
      'account.resetCodeIssued',
    ])
      expect(actions).toContain(a);
    const text = JSON.stringify(res.body);
    const canonical = (c: string) => c.replaceAll('-', '');
    for (const s of secrets) {
      expect(text).not.toContain(s);
      expect(text).not.toContain(canonical(s));
    }
    for (const n of names) expect(text).not.toContain(n);
    expect(text).not.toContain('138 0013 8000');
    expect((await api.get('admin', '/api/administration/log/verify')).body.valid).toBe(true);
  });
});

function adminId(): string {
  return ACCOUNTS.find((a) => a.username === 'admin')!.id;
}
