// Run with `node --import tsx` (it shares the tests' PostgreSQL helpers). Starts the built server (dist/) with the demo data for the browser tier, on a fresh database of its
// own on the machine's PostgreSQL (dropped again when Playwright stops this process). Playwright's
// webServer runs it; it waits for /api/health.
import { spawn } from 'node:child_process';
import { adminQuery as admin, dbUrl as databaseUrl } from '../support/pg-target.js';

const name = `test_browser_${Date.now()}_${process.pid}`;
const dbUrl = databaseUrl(name);

await admin(`CREATE DATABASE "${name}"`);
const server = spawn(process.execPath, ['dist/src/main.js', '--seed-demo'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  // Its own process group: Playwright signals ours, and this script passes one SIGTERM on.
  detached: true,
  env: {
    ...process.env,
    DATABASE_URL: dbUrl,
    PORT: process.env.BROWSER_TEST_PORT ?? '3197',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  },
});

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
  await new Promise<void>((r) => (server.exitCode !== null ? r() : server.once('exit', () => r())));
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  process.exit(0);
}
server.once('exit', (code) => {
  if (!stopping) {
    console.error(`the server stopped by itself (exit ${code})`);
    void admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => process.exit(1));
  }
});
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => void stop());
