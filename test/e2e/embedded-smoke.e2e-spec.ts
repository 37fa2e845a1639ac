import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config/app-config.js';
import {
  DataDirLockedError,
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../src/database/embedded-database.js';
import { seedDemo } from '../../src/seed/demo-seed.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-reference.js';

// Boots the app as `npm run demo` does: file-backed embedded PostgreSQL, migrations at boot, demo seed.
describe('smoke: the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wne-smoke-'));
  let db: EmbeddedDatabase | null = null;
  let app: NestFastifyApplication | null = null;

  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('boots, migrates, seeds twice without change, serves health and a login', async () => {
    db = await openEmbeddedDatabase(join(dir, 'data'));
    // No TCP port: a Unix socket in a directory only this OS user may enter (ADR 0020).
    expect(db.url).toBe(
      `postgres://postgres@${encodeURIComponent(join(dir, 'data', 'socket'))}/postgres`,
    );
    expect(statSync(join(dir, 'data', 'socket')).mode & 0o777).toBe(0o700);
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: join(dir, 'data') });
    app = await createApp({
      config,
      database: { url: db.url, kind: 'embedded' },
      logger: createLogger('silent'),
    });
    await app.getHttpAdapter().getInstance().ready();
    const first = await seedDemo(app);
    const second = await seedDemo(app);
    expect(second).toEqual(first);
    expect(first.rounds['2025'].state).toBe('signed');
    expect(first.rounds['2026'].state).toBe('negotiating.inSession');

    const server = app.getHttpServer();
    expect((await request(server).get('/api/health')).body).toMatchObject({
      status: 'ok',
      database: { status: 'up', kind: 'embedded' },
    });
    const login = await request(server)
      .post('/api/auth/login')
      .send({ username: 'qian.auditor', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const verify = await request(server)
      .get(`/api/negotiations/${first.rounds['2025'].id}/history/verify`)
      .set('authorization', `Bearer ${login.body.accessToken}`);
    expect(verify.body).toMatchObject({ valid: true, revision: first.rounds['2025'].revision });

    // The login throttle's counters and the sessions work on PGlite too (ADR 0017): a failure is
    // counted (401, not 500), a success clears it, and a logout ends the token.
    const wrong = await request(server)
      .post('/api/auth/login')
      .send({ username: 'qian.auditor', password: 'wrong' });
    expect(wrong.status).toBe(401);
    const again = await request(server)
      .post('/api/auth/login')
      .send({ username: 'qian.auditor', password: DEMO_PASSWORD });
    expect(again.status).toBe(200);
    const bearer = `Bearer ${again.body.accessToken}`;
    expect(
      (await request(server).post('/api/auth/logout').set('authorization', bearer)).status,
    ).toBe(204);
    expect((await request(server).get('/api/me').set('authorization', bearer)).status).toBe(401);

    // The pool replaces its one connection (as it does after ten idle seconds): the new connection
    // shares the PGlite session, and the throttle's named statements must not make logins fail.
    const pool = (app.get(DataSource).driver as unknown as { master: pg.Pool }).master;
    const held = await pool.connect();
    held.release(true); // destroyed, not returned
    const afterReconnect = await request(server)
      .post('/api/auth/login')
      .send({ username: 'qian.auditor', password: DEMO_PASSWORD });
    expect(afterReconnect.status).toBe(200);
  }, 60_000);

  it('refuses a second opener of the same data directory', async () => {
    await expect(openEmbeddedDatabase(join(dir, 'data'))).rejects.toBeInstanceOf(
      DataDirLockedError,
    );
  });
});
