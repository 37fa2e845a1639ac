import { PGlite } from '@electric-sql/pglite';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { DataDirLockedError, lockDataDir } from './embedded-database.js';

// `npm run db:backup -- FILE` and `npm run db:restore -- FILE` (docs/deployment.md, ADR 0020).
// PostgreSQL (DATABASE_URL): pg_dump's custom format, restored by pg_restore in one transaction into
// an empty database. Embedded (DATA_DIR): PGlite's own dump of its data directory, taken under the
// directory's lock (so never beside a running server), restored into a fresh DATA_DIR.

class BackupError extends Error {}

const PG_DUMP_MAGIC = 'PGDMP';
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

// The password goes to pg_dump through its environment, not its command line (visible in `ps`).
function pgClientArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (result.error)
    throw new BackupError(
      `${command} could not be run (${result.error.message}): install the PostgreSQL client tools of the server's major version`,
    );
  if (result.status !== 0)
    throw new BackupError(`${command} failed with exit code ${result.status}`);
}

async function backupPostgres(url: string, file: string): Promise<void> {
  const { dbname, env } = pgClientArgs(url);
  const partial = `${file}.partial`;
  // Private from the first byte: it holds every negotiation, caucus notes included.
  writeFileSync(partial, '', { mode: 0o600 });
  chmodSync(partial, 0o600);
  run('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], env);
  renameSync(partial, file); // a backup that exists is complete
}

async function restorePostgres(url: string, file: string, head: Buffer): Promise<void> {
  if (head.subarray(0, 5).toString('latin1') !== PG_DUMP_MAGIC)
    throw new BackupError(
      `${file} is not a pg_dump custom-format file${head.subarray(0, 2).equals(GZIP_MAGIC) ? ' (it looks like an embedded-database backup: restore it without DATABASE_URL, into a fresh DATA_DIR)' : ''}`,
    );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    if (rows[0].n > 0)
      throw new BackupError(
        'the target database is not empty: restore into a new database (createdb), then point DATABASE_URL at it',
      );
  } finally {
    await client.end();
  }
  const { dbname, env } = pgClientArgs(url);
  // One transaction: a restore that fails leaves the database empty, never half-restored.
  run(
    'pg_restore',
    [
      '--exit-on-error',
      '--single-transaction',
      '--no-owner',
      '--no-privileges',
      `--dbname=${dbname}`,
      file,
    ],
    env,
  );
}

async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  const pgDir = join(dataDir, 'pgdata');
  if (!existsSync(pgDir)) throw new BackupError(`${dataDir} holds no embedded database`);
  const unlock = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({ dataDir: pgDir });
    try {
      const dump = await db.dumpDataDir('gzip');
      writeFileSync(`${file}.partial`, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
      renameSync(`${file}.partial`, file);
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

async function restoreEmbedded(dataDir: string, file: string, head: Buffer): Promise<void> {
  if (!head.subarray(0, 2).equals(GZIP_MAGIC))
    throw new BackupError(
      `${file} is not an embedded-database backup${head.subarray(0, 5).toString('latin1') === PG_DUMP_MAGIC ? ' (it is a pg_dump file: set DATABASE_URL to an empty PostgreSQL database)' : ''}`,
    );
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new BackupError(`DATA_DIR ${dataDir} is not empty: restore into a new directory`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({
      dataDir: join(dataDir, 'pgdata'),
      loadDataDir: new Blob([readFileSync(file)]),
    });
    try {
      // The restored files must open as a database this engine made.
      await db.query('SELECT count(*) FROM schema_migration');
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

async function main(): Promise<void> {
  const [command, target] = process.argv.slice(2);
  if (!['backup', 'restore'].includes(command) || !target)
    throw new BackupError('usage: backup.cli.ts backup|restore FILE');
  const file = resolve(target);
  const config = loadConfig();
  if (command === 'backup') {
    if (existsSync(file)) throw new BackupError(`${file} exists: choose a new file name`);
    await (config.databaseUrl
      ? backupPostgres(config.databaseUrl, file)
      : backupEmbedded(config.dataDir, file));
  } else {
    if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
    const head = readFileSync(file).subarray(0, 8);
    await (config.databaseUrl
      ? restorePostgres(config.databaseUrl, file, head)
      : restoreEmbedded(config.dataDir, file, head));
  }
  const where = config.databaseUrl ? 'DATABASE_URL' : `the embedded database in ${config.dataDir}`;
  console.log(
    command === 'backup' ? `backed up ${where} to ${file}` : `restored ${file} into ${where}`,
  );
}

main().catch((e) => {
  const isExpected =
    e instanceof BackupError || e instanceof ConfigError || e instanceof DataDirLockedError;
  console.error(isExpected ? `cannot ${process.argv[2] ?? 'run'}: ${e.message}` : e);
  process.exit(isExpected ? 2 : 1);
});
