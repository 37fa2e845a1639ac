import { execFileSync } from 'node:child_process';
import pg from 'pg';

// Jest loads this file outside the test module system, so it imports nothing relative; the same
// admin URL rule as test/support/pg-target.ts.
const ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbUrl = (name: string) =>
  Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const isReachable = () =>
  adminQuery('SELECT 1').then(
    () => true,
    () => false,
  );

// Migrates one template database with the real migrations (through the real migration command);
// each test file clones it and owns its clone. Without a reachable PostgreSQL the suite falls back to
// the embedded one and says so, except under CI=true, where a missing PostgreSQL is a failure.
export default async function globalSetup(): Promise<void> {
  if (!(await isReachable())) {
    if (process.env.CI === 'true')
      throw new Error(
        'CI=true but no PostgreSQL is reachable at TEST_DATABASE_ADMIN_URL / 127.0.0.1:5432',
      );
    process.env.TEST_DB_MODE = 'embedded';
    console.warn(
      '\n\n  !!! No PostgreSQL reachable on 127.0.0.1:5432: tests run on the embedded database (PGlite).\n' +
        '  !!! SKIPPED: the concurrency races, which need a real multi-session server.\n\n',
    );
    return;
  }
  const template = `test_tpl_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${template}`);
  await adminQuery(`CREATE DATABASE ${template}`);
  execFileSync(process.execPath, ['--import', 'tsx', 'src/database/migrate.cli.ts'], {
    env: { ...process.env, DATABASE_URL: dbUrl(template), NODE_OPTIONS: '' },
    stdio: 'pipe',
  });
  process.env.TEST_DB_MODE = 'postgres';
  process.env.TEST_TEMPLATE_DB = template;
}
