import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { openEmbeddedDatabase } from '../../src/database/embedded-database.js';
import type { DatabaseTarget } from '../../src/database/database.module.js';
import { adminQuery, dbUrl } from './pg-target.js';

export const usesRealPostgres = (): boolean => process.env.TEST_DB_MODE === 'postgres';

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

// A database of the test file's own: a clone of the migrated template on the real server, or an
// in-memory embedded database when no server is reachable (outside CI).
export async function createTestDatabase(): Promise<TestDatabase> {
  if (usesRealPostgres()) {
    const name = `test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${process.env.TEST_TEMPLATE_DB}`);
    return {
      target: { url: dbUrl(name), kind: 'external' },
      drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const embedded = await openEmbeddedDatabase(null);
  const ds = new DataSource(dataSourceOptions(embedded.url, 1));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  return { target: { url: embedded.url, kind: 'embedded' }, drop: () => embedded.close() };
}
