import { execFileSync } from 'node:child_process';
import pg from 'pg';

// CI's drift check: migrate a scratch database with the real migrations, then ask TypeORM whether the
// entities would generate anything more. `migration:generate --check` exits non-zero on any drift.
const ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `test_drift_${process.pid}`;
const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

try {
  await admin('SELECT 1');
} catch {
  if (process.env.CI === 'true') {
    console.error('drift check: CI=true but no PostgreSQL is reachable');
    process.exit(1);
  }
  console.warn('!!! drift check SKIPPED: no PostgreSQL reachable on 127.0.0.1:5432');
  process.exit(0);
}

await admin(`CREATE DATABASE ${name}`);
let failed = false;
try {
  const env = { ...process.env, DATABASE_URL: url };
  execFileSync(process.execPath, ['--import', 'tsx', 'src/database/migrate.cli.ts'], {
    env,
    stdio: 'inherit',
  });
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      './node_modules/typeorm/cli.js',
      'migration:generate',
      '--check',
      '-d',
      'src/database/cli-data-source.ts',
      'migrations/Drift',
    ],
    { env, stdio: 'inherit' },
  );
  console.log('drift check: entities and migrations agree');
} catch {
  failed = true;
  console.error(
    'drift check FAILED: the entities differ from the migrated schema; add a migration (npm run migration:generate)',
  );
} finally {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
process.exit(failed ? 1 : 0);
