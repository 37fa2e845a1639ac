import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { bootstrapAdministrator } from '../../src/accounts/bootstrap-administrator.js';
import { OneTimeCodeStore } from '../../src/accounts/one-time-code.store.js';
import { AdministrationLog } from '../../src/administration/administration-log.service.js';
import { SystemClock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/app-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// The first administrator of a fresh deployment (no demo seed): created once, refused after.

let db: TestDatabase;
let ds: DataSource;
let codes: OneTimeCodeStore;
let log: AdministrationLog;

beforeAll(async () => {
  db = await createTestDatabase();
  ds = new DataSource(dataSourceOptions(db.target.url, 2));
  await ds.initialize();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ACCOUNTS_KEY: 'test-accounts-key-'.padEnd(40, 'a'),
  });
  const clock = new SystemClock();
  codes = new OneTimeCodeStore({ accounts: 'k'.repeat(40) }, config, clock);
  log = new AdministrationLog(ds, config, clock);
}, 60_000);
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

describe('bootstrapping the first administrator', () => {
  it('creates person, account, role and a code, logged with the system as actor, and only once', async () => {
    const first = await bootstrapAdministrator(ds, codes, log, 'first.admin');
    expect(first.code.code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){2}$/);
    const [account] = await ds.query(
      `SELECT a.password_hash, a.person_id, r.role FROM account a JOIN account_role r ON r.account_id = a.id WHERE a.id = $1`,
      [first.accountId],
    );
    expect(account).toMatchObject({ password_hash: null, role: 'administrator' });
    const entries = await ds.query(
      `SELECT actor_account_id AS actor, action, details::text AS details FROM administration_log_entry ORDER BY seq`,
    );
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'account.created',
      'grant.bootstrapped',
    ]);
    expect(entries.every((e: { actor: null }) => e.actor === null)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(first.code.code.replaceAll('-', ''));

    await expect(bootstrapAdministrator(ds, codes, log, 'second.admin')).rejects.toMatchObject({
      code: 'ACCOUNT_ADMINISTRATOR_EXISTS',
    });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM account`);
    expect(n).toBe(1);
  });

  it('refuses a username that breaks the rule', async () => {
    await expect(bootstrapAdministrator(ds, codes, log, 'Has Spaces')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
