import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config/app-config.js';
import type { DatabaseTarget } from '../../src/database/database.module.js';
import { openEmbeddedDatabase } from '../../src/database/embedded-database.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-reference.js';
import { seedDemo } from '../../src/seed/demo-seed.js';
import { adminQuery, dbUrl } from '../support/pg-target.js';
import { createTestDatabase, usesRealPostgres } from '../support/test-database.js';

// `npm run db:backup` / `db:restore` on both databases: the demo's rounds, backed up, restored into a
// fresh database, and verified there by an administrator (every chain valid, every head the same).

const dir = mkdtempSync(join(tmpdir(), 'wne-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(command: 'backup' | 'restore', file: string, env: Record<string, string>) {
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', 'src/database/backup.cli.ts', command, file],
    { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, stdio: 'pipe' },
  ).toString();
}

const refusalOf = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    const { status, stderr } = e as { status: number; stderr: Buffer };
    return `${status}: ${stderr.toString().trim()}`;
  }
  throw new Error('the command was not refused');
};

type Heads = Record<string, { valid: boolean; headHash: string; revision: number }>;

// Runs the app on the database, seeding it first if asked; returns every chain's verification.
async function verifyAll(database: DatabaseTarget, seed: boolean): Promise<Heads> {
  const config = loadConfig({ LOG_LEVEL: 'silent', AUTH_TOKEN_SECRET: 'x'.repeat(40) });
  const app = await createApp({ config, database, logger: createLogger('silent') });
  try {
    await app.getHttpAdapter().getInstance().ready();
    // Knitwear's rounds: every kind of chain the backup must carry, without the seed time of the rest.
    if (seed) await seedDemo(app, { industries: ['wool-knitwear'] });
    const server = app.getHttpServer();
    const login = await request(server)
      .post('/api/auth/login')
      .send({ username: 'admin', password: DEMO_PASSWORD });
    const auth = `Bearer ${login.body.accessToken}`;
    const list = await request(server)
      .get('/api/negotiations?limit=100')
      .set('authorization', auth);
    const heads: Heads = {};
    for (const { id } of list.body.items as { id: string }[]) {
      const v = await request(server)
        .get(`/api/negotiations/${id}/history/verify`)
        .set('authorization', auth);
      heads[id] = { valid: v.body.valid, headHash: v.body.headHash, revision: v.body.revision };
    }
    return heads;
  } finally {
    await app.close();
  }
}

const expectRestored = (before: Heads, after: Heads) => {
  expect(Object.keys(before).length).toBeGreaterThanOrEqual(2);
  expect(Object.values(before).every((h) => h.valid)).toBe(true);
  expect(after).toEqual(before);
};

describe('backup and restore', () => {
  (usesRealPostgres() ? it : it.skip)(
    'PostgreSQL: pg_dump, pg_restore into an empty database, every chain verifies with the same head',
    async () => {
      const source = await createTestDatabase();
      const restoredName = `test_restore_${randomBytes(4).toString('hex')}`;
      try {
        const before = await verifyAll(source.target, true);
        const file = join(dir, 'wages.dump');
        cli('backup', file, { DATABASE_URL: source.target.url });
        expect(statSync(file).mode & 0o777).toBe(0o600);

        await adminQuery(`CREATE DATABASE ${restoredName}`);
        const restored = { DATABASE_URL: dbUrl(restoredName) };
        cli('restore', file, restored);
        expectRestored(
          before,
          await verifyAll({ url: dbUrl(restoredName), kind: 'external' }, false),
        );

        expect(refusalOf(() => cli('restore', file, restored))).toMatch(
          /^2: cannot restore: the target database is not empty/,
        );
      } finally {
        await source.drop();
        await adminQuery(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
      }
    },
    120_000,
  );

  it('embedded: a dump of the stopped data directory, restored into a fresh DATA_DIR', async () => {
    const sourceDir = join(dir, 'source');
    const source = await openEmbeddedDatabase(sourceDir);
    let before: Heads;
    try {
      before = await verifyAll({ url: source.url, kind: 'embedded' }, true);
      // The lock keeps a backup from reading files a running server is writing.
      expect(
        refusalOf(() => cli('backup', join(dir, 'live.tar.gz'), { DATA_DIR: sourceDir })),
      ).toMatch(/^2: cannot backup: the data directory .* is in use by process/);
    } finally {
      await source.close();
    }
    const file = join(dir, 'wages.tar.gz');
    cli('backup', file, { DATA_DIR: sourceDir });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const restoredDir = join(dir, 'restored');
    cli('restore', file, { DATA_DIR: restoredDir });
    const restored = await openEmbeddedDatabase(restoredDir);
    try {
      expectRestored(before, await verifyAll({ url: restored.url, kind: 'embedded' }, false));
    } finally {
      await restored.close();
    }
    expect(refusalOf(() => cli('restore', file, { DATA_DIR: restoredDir }))).toMatch(
      /^2: cannot restore: DATA_DIR .* is not empty/,
    );
  }, 120_000);
});
