import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config/app-config.js';
import { adminQuery } from '../support/pg-target.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { usesRealPostgres } from '../support/test-database.js';

// Security headers, no-store on authenticated answers, the docs setting and a health check that keeps
// database errors to the log (issue 8, item 7).

let t: TestApp;
let api: ReturnType<typeof httpClient>;

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
}, 60_000);
afterAll(() => t?.close());

const cspOf = (res: request.Response) =>
  Object.fromEntries(
    String(res.headers['content-security-policy'])
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

describe('security headers', () => {
  it('sends helmet’s headers and a same-origin, never-framed policy on API answers', async () => {
    const res = await api.get('chen.chair', '/api/me');
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'strict-transport-security': expect.stringContaining('max-age='),
      'referrer-policy': 'no-referrer',
    });
    expect(cspOf(res)).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'object-src': ["'none'"],
    });
  });

  it('marks every authenticated answer, refusals too, as not to be stored', async () => {
    expect((await api.get('chen.chair', '/api/me')).headers['cache-control']).toBe('no-store');
    const refused = await api.get('chen.chair', '/api/negotiations/not-a-uuid');
    expect(refused.status).toBe(400);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('keeps Swagger UI working under the policy: no inline script, every asset same-origin', async () => {
    const page = await request(api.server).get('/api/docs');
    expect(page.status).toBe(200);
    const html = page.text;
    // An inline <script> (one without src) would be blocked by script-src 'self'.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const url = new URL(asset, 'http://x/api/docs').pathname;
      expect({ url, status: (await request(api.server).get(url)).status }).toEqual({
        url,
        status: 200,
      });
    }
    expect((await request(api.server).get('/api/docs-json')).body.openapi).toMatch(/^3\./);
  });
});

describe('settings and health', () => {
  // A second app on the same database: only its settings differ.
  let off: NestFastifyApplication;
  beforeAll(async () => {
    off = await createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', API_DOCS: 'false' }),
      database: t.db.target,
      logger: createLogger('silent'),
    });
    await off.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => off?.close());

  it('serves no docs when API_DOCS=false', async () => {
    const server = off.getHttpServer();
    expect((await request(server).get('/api/docs')).status).toBe(404);
    expect((await request(server).get('/api/docs-json')).status).toBe(404);
  });

  // Terminating the app's connections is a real database failure; the embedded database has none.
  (usesRealPostgres() ? it : it.skip)(
    'answers 503 "database unreachable" without the driver’s text when the database fails',
    async () => {
      const server = off.getHttpServer();
      const url = new URL(t.db.target.url);
      const name = url.pathname.slice(1);
      await adminQuery(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      try {
        await adminQuery(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`,
        );
        const res = await request(server).get('/api/health');
        expect(res.status).toBe(503);
        expect(res.body).toEqual({
          status: 'degraded',
          database: { status: 'down', kind: 'external', error: 'database unreachable' },
        });
      } finally {
        await adminQuery(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
      }
    },
  );
});
