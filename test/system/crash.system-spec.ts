import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashRun } from '../support/crash-run.js';
import { compileServer, type CompiledServer } from '../support/server-process.js';
import { createTestDatabase, usesRealPostgres } from '../support/test-database.js';

// kill -9 of the server during concurrent writes. `npm test` runs the bounded version; `npm run
// test:soak` sets CRASH_KILLS=50.
const kills = (name: string, fallback: number) => Number(process.env[name] || fallback);
const KILLS_POSTGRES = kills('CRASH_KILLS', 10);
const KILLS_EMBEDDED = Math.max(5, Math.round(KILLS_POSTGRES / 2));

describe('kill -9 during writes', () => {
  let server: CompiledServer;
  beforeAll(async () => {
    server = await compileServer();
  }, 60_000);
  afterAll(() => server?.remove());

  (usesRealPostgres() ? it : it.skip)(
    `on PostgreSQL (${KILLS_POSTGRES} kills): every acknowledged event survives, every chain verifies`,
    async () => {
      const db = await createTestDatabase();
      try {
        const report = await crashRun(server, { DATABASE_URL: db.target.url }, KILLS_POSTGRES);
        expect(report).toMatchObject({ kills: KILLS_POSTGRES, missing: [], invalidChains: [] });
        expect(report.acknowledged).toBeGreaterThanOrEqual(KILLS_POSTGRES);
        expect(report.negotiationsVerified).toBeGreaterThanOrEqual(2);
      } finally {
        await db.drop();
      }
    },
    60_000 + KILLS_POSTGRES * 20_000,
  );

  it(
    `on the embedded database (${KILLS_EMBEDDED} kills): the same, and the lock is taken over`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wne-crash-'));
      try {
        const report = await crashRun(server, { DATA_DIR: join(dir, 'data') }, KILLS_EMBEDDED);
        expect(report).toMatchObject({ kills: KILLS_EMBEDDED, missing: [], invalidChains: [] });
        expect(report.acknowledged).toBeGreaterThanOrEqual(KILLS_EMBEDDED);
        expect(report.negotiationsVerified).toBeGreaterThanOrEqual(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000 + KILLS_EMBEDDED * 20_000,
  );
});
