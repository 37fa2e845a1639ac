import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config/app-config.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-reference.js';
import { seedDemo } from '../../src/seed/demo-seed.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Logins and tokens (ADR 0017), over HTTP on a listening port, so concurrent requests really overlap;
// X-Forwarded-For (TRUST_PROXY=true) plays the client address.
const SECRET = 'test-secret-'.padEnd(40, 'x');
const ENV = {
  TRUST_PROXY: 'true',
  LOGIN_FREE_FAILURES: '2',
  LOGIN_DELAY_BASE_SECONDS: '1',
  LOGIN_ADDRESS_MAX_FAILURES: '6',
  // Revocation by direct SQL must show on the very next request.
  AUTH_SESSION_CACHE_MS: '0',
  LOGIN_KDF_CONCURRENCY: '1',
  LOGIN_KDF_QUEUE: '1',
};

interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: { code?: string; accessToken?: string; details?: Record<string, unknown> };
}

async function call(
  app: NestFastifyApplication,
  method: 'GET' | 'POST',
  url: string,
  opts: { token?: string; from?: string; body?: object } = {},
): Promise<Reply> {
  const server = app.getHttpServer();
  const req = method === 'GET' ? request(server).get(url) : request(server).post(url);
  if (opts.token) req.set('authorization', `Bearer ${opts.token}`);
  if (opts.from) req.set('x-forwarded-for', opts.from);
  const res = await (opts.body ? req.send(opts.body) : req);
  return { status: res.status, headers: res.headers, body: res.body ?? {} };
}

const login = (
  app: NestFastifyApplication,
  username: string,
  from: string,
  password = DEMO_PASSWORD,
) => call(app, 'POST', '/api/auth/login', { from, body: { username, password } });

const b64 = (x: object) => Buffer.from(JSON.stringify(x)).toString('base64url');
function signToken(header: { alg: string }, claims: object): string {
  const unsigned = `${b64({ typ: 'JWT', ...header })}.${b64(claims)}`;
  const hash = { HS256: 'sha256', HS512: 'sha512' }[header.alg];
  return `${unsigned}.${hash ? createHmac(hash, SECRET).update(unsigned).digest('base64url') : ''}`;
}
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

describe('logins and tokens', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp(ENV);
    await t.app.listen(0, '127.0.0.1');
    ds = t.app.get(DataSource);
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers a login with a token that no cache keeps', async () => {
    const res = await login(t.app, 'chen.chair', '10.0.0.9');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['pragma']).toBe('no-cache');
    expect(claimsOf(res.body.accessToken!)).toMatchObject({
      iss: 'wage-negotiation-engine',
      aud: 'wage-negotiation-api',
      sid: expect.any(String),
      ver: expect.any(Number),
    });
  });

  it('delays a pair after its free failures, growing, while the account elsewhere and the address for others still log in', async () => {
    const from = '10.0.0.1';
    for (let i = 0; i < 2; i++) {
      const free = await login(t.app, 'wang.w1', from, 'wrong');
      expect(free.status).toBe(401);
      expect(free.headers['retry-after']).toBeUndefined();
    }
    const third = await login(t.app, 'wang.w1', from, 'wrong');
    expect(third.status).toBe(401);
    expect(third.body.details).toEqual({ retryAfterSeconds: 1 });

    // Even the right password waits: the throttle answers before the password is checked.
    const waiting = await login(t.app, 'wang.w1', from);
    expect(waiting.status).toBe(429);
    expect(waiting.body).toMatchObject({
      code: 'LOGIN_THROTTLED',
      details: { retryAfterSeconds: 1, scope: 'account-and-address' },
    });
    expect(waiting.headers['retry-after']).toBe('1');

    expect((await login(t.app, 'wang.w1', '10.0.0.2')).status).toBe(200);
    expect((await login(t.app, 'li.w2', from)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const fourth = await login(t.app, 'wang.w1', from, 'wrong');
    expect(fourth.body.details).toEqual({ retryAfterSeconds: 2 });
    const longer = await login(t.app, 'wang.w1', from);
    expect(longer.status).toBe(429);
    expect(longer.headers['retry-after']).toBe('2');
  });

  // Six or seven logins each, every one a bounded scrypt: seconds on two busy cores, so a longer timeout.
  it('clears the pair on a successful login', async () => {
    const from = '10.0.0.3';
    for (let i = 0; i < 2; i++)
      expect((await login(t.app, 'zhao.w3', from, 'wrong')).status).toBe(401);
    expect((await login(t.app, 'zhao.w3', from)).status).toBe(200);
    for (let i = 0; i < 2; i++)
      expect((await login(t.app, 'zhao.w3', from, 'wrong')).body.details).toEqual({});
    expect((await login(t.app, 'zhao.w3', from, 'wrong')).body.details).toEqual({
      retryAfterSeconds: 1,
    });
  }, 20_000);

  it('refuses an address that spent its failure budget, and only that address', async () => {
    const from = '10.0.0.4';
    for (let i = 1; i <= 6; i++)
      expect((await login(t.app, `nobody.${i}`, from, 'wrong')).status).toBe(401);
    const refused = await login(t.app, 'he.e1', from);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'LOGIN_THROTTLED', details: { scope: 'address' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(t.app, 'he.e1', '10.0.0.5')).status).toBe(200);
  }, 20_000);

  it('ends the session on logout at once, and only that session', async () => {
    const first = (await login(t.app, 'ye.recorder', '10.0.1.1')).body.accessToken!;
    const second = (await login(t.app, 'ye.recorder', '10.0.1.1')).body.accessToken!;
    expect((await call(t.app, 'GET', '/api/me', { token: first })).status).toBe(200);
    expect((await call(t.app, 'POST', '/api/auth/logout', { token: first })).status).toBe(204);
    const after = await call(t.app, 'GET', '/api/me', { token: first });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('AUTH_SESSION_ENDED');
    expect((await call(t.app, 'GET', '/api/me', { token: second })).status).toBe(200);
  });

  it('refuses a live token once its account is disabled by SQL, even after re-enabling', async () => {
    const token = (await login(t.app, 'guo.e2', '10.0.1.2')).body.accessToken!;
    expect((await call(t.app, 'GET', '/api/me', { token })).status).toBe(200);
    await ds.query(`UPDATE account SET disabled = true WHERE username = 'guo.e2'`);
    expect((await call(t.app, 'GET', '/api/me', { token })).body.code).toBe('AUTH_SESSION_ENDED');
    await ds.query(`UPDATE account SET disabled = false WHERE username = 'guo.e2'`);
    expect((await call(t.app, 'GET', '/api/me', { token })).status).toBe(401);
    expect((await login(t.app, 'guo.e2', '10.0.1.2')).status).toBe(200);
  });

  it('refuses a live token once a grant of its account is removed by SQL', async () => {
    const token = (await login(t.app, 'qian.auditor', '10.0.1.3')).body.accessToken!;
    expect((await call(t.app, 'GET', '/api/me', { token })).status).toBe(200);
    await ds.query(
      `DELETE FROM account_role WHERE role = 'auditor' AND account_id = (SELECT id FROM account WHERE username = 'qian.auditor')`,
    );
    expect((await call(t.app, 'GET', '/api/me', { token })).body.code).toBe('AUTH_SESSION_ENDED');
  });

  it('refuses tokens of another issuer or audience, without them, without expiry, or with another algorithm', async () => {
    const real = claimsOf((await login(t.app, 'liu.labour', '10.0.1.4')).body.accessToken!);
    const ok = await call(t.app, 'GET', '/api/me', { token: signToken({ alg: 'HS256' }, real) });
    expect(ok.status).toBe(200);
    const forged = [
      signToken({ alg: 'HS256' }, { ...real, iss: 'another-engine' }),
      signToken({ alg: 'HS256' }, { ...real, aud: 'another-api' }),
      signToken({ alg: 'HS256' }, { ...real, iss: undefined, aud: undefined }),
      signToken({ alg: 'HS256' }, { ...real, exp: undefined }),
      signToken({ alg: 'HS512' }, real),
      signToken({ alg: 'none' }, real),
    ];
    for (const token of forged) {
      const res = await call(t.app, 'GET', '/api/me', { token });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH_TOKEN_INVALID');
    }
  });

  it('refuses logins beyond the password-check bound quickly while /health answers', async () => {
    // Twelve pairs (one account, twelve addresses), so only the password-check bound refuses.
    const results = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => login(t.app, 'lin.chief', `10.0.2.${i + 1}`)),
      call(t.app, 'GET', '/api/health'),
    ]);
    const health = results.pop()!;
    expect(health.status).toBe(200);
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses).toContain(200);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(1);
    const shed = statuses.indexOf(503);
    expect(results[shed].body.code).toBe('LOGIN_BUSY');
    expect(results[shed].headers['retry-after']).toBe('1');
    // Load shedding is not a failed password: that pair was not charged, nor left marked busy.
    for (let i = 0; i < 2; i++)
      expect((await login(t.app, 'lin.chief', `10.0.2.${shed + 1}`, 'wrong')).body.details).toEqual(
        {},
      );
  });

  it('checks one password at a time per pair, so parallel guesses cannot outrun the waits', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => login(t.app, 'zhu.shoes', '10.0.3.1', `guess-${i}`)),
    );
    const statuses = guesses.map((r) => r.status);
    expect(statuses).toContain(401);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(guesses.find((r) => r.status === 429)!.body.code).toBe('LOGIN_THROTTLED');
    // Once the checks are over, the pair is free again (two free failures in these settings).
    expect((await login(t.app, 'zhu.shoes', '10.0.3.1')).status).toBe(200);
  });

  it('another instance with a session cache still sees its own logout at once', async () => {
    const other = await createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', AUTH_TOKEN_SECRET: SECRET }),
      database: t.db.target,
      logger: createLogger('silent'),
    });
    try {
      await other.listen(0, '127.0.0.1');
      const token = (await login(other, 'li.w2', '127.0.0.1')).body.accessToken!;
      // Tokens of one deployment are good on each of its instances.
      expect((await call(t.app, 'GET', '/api/me', { token })).status).toBe(200);
      expect((await call(other, 'GET', '/api/me', { token })).status).toBe(200);
      expect((await call(other, 'POST', '/api/auth/logout', { token })).status).toBe(204);
      expect((await call(other, 'GET', '/api/me', { token })).body.code).toBe('AUTH_SESSION_ENDED');
    } finally {
      await other.close();
    }
  });
});

describe('demo seeding', () => {
  // main.ts refuses --seed-demo in production through loadConfig (src/config/app-config.spec.ts);
  // the seeder also refuses on its own, for any other caller.
  it('refuses to seed a production app', async () => {
    const productionApp = { get: () => ({ isProduction: true }) } as unknown as INestApplication;
    await expect(seedDemo(productionApp)).rejects.toThrow('never seeded in production');
  });
});
