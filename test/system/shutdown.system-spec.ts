import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileServer, startServer, type CompiledServer } from '../support/server-process.js';

// The server as operators run it: a process on a data directory, stopped by a signal.
describe('the server process on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wne-shutdown-'));
  const dataDir = join(dir, 'data');
  let server: CompiledServer;

  beforeAll(async () => {
    server = await compileServer();
  }, 60_000);

  afterAll(() => {
    server?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'releases the data directory on %s, so the next start on it succeeds',
    async (signal) => {
      const running = await startServer(server, { DATA_DIR: dataDir });
      expect(readFileSync(join(dataDir, 'engine.lock'), 'utf8')).toBe(String(running.child.pid));
      // The database is served on a socket only this OS user can reach, not on a loopback port.
      expect(statSync(join(dataDir, 'socket')).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'socket', '.s.PGSQL.5432')).isSocket()).toBe(true);

      running.child.kill(signal);
      expect(await running.exited).toBe(0);
      expect(existsSync(join(dataDir, 'engine.lock'))).toBe(false);
      expect(existsSync(join(dataDir, 'socket'))).toBe(false);
    },
    120_000,
  );

  it('refuses to start in production on the embedded database, naming the setting', async () => {
    const child = spawn(process.execPath, [server.mainPath], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        AUTH_TOKEN_SECRET: 'x'.repeat(32),
        SURVEY_KEY: 'y'.repeat(32),
        DATA_DIR: join(dir, 'production'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('NODE_ENV=production needs DATABASE_URL');
    expect(stderr).toContain('EMBEDDED_DATABASE_IN_PRODUCTION=accept-data-loss-risk');
    // Refused before anything was opened or created.
    expect(existsSync(join(dir, 'production'))).toBe(false);
  }, 60_000);
});
