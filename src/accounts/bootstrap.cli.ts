import { DataSource } from 'typeorm';
import { AdministrationLog } from '../administration/administration-log.service.js';
import { SystemClock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { resolveKey } from '../config/deployment-keys.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { DataDirLockedError, openEmbeddedDatabase } from '../database/embedded-database.js';
import { bootstrapAdministrator } from './bootstrap-administrator.js';
import { OneTimeCodeStore } from './one-time-code.store.js';

// `npm run account:bootstrap -- <username>`: the first administrator of a deployment. Prints the
// one-time code the administrator redeems at POST /api/auth/code to choose a password. Runs the
// migrations first, so it works on a fresh database; takes the embedded database's lock like the
// server, so it refuses to run beside a running server on the same data directory.
async function run(): Promise<void> {
  const username = process.argv[2];
  if (!username)
    throw new DomainError('VALIDATION_FAILED', 'usage: npm run account:bootstrap -- <username>');
  const config = loadConfig();
  const embedded = config.databaseUrl ? null : await openEmbeddedDatabase(config.dataDir);
  const ds = new DataSource(dataSourceOptions(config.databaseUrl ?? embedded!.url, 1));
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const clock = new SystemClock();
    // Only the key it needs: the command must not generate the other key files.
    const keys = { accounts: resolveKey('ACCOUNTS_KEY', config.accountsKey) };
    const codes = new OneTimeCodeStore(keys, config, clock);
    const log = new AdministrationLog(ds, config, clock);
    const { accountId, code } = await bootstrapAdministrator(ds, codes, log, username);
    console.log(
      [
        `administrator "${username}" created (account ${accountId})`,
        `one-time code: ${code.code}   (valid until ${code.expiresAt})`,
        'redeem it at POST /api/auth/code with the username and a new password; it is shown only now',
      ].join('\n'),
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await embedded?.close();
  }
}

run().catch((e) => {
  const known =
    e instanceof ConfigError || e instanceof DataDirLockedError || e instanceof DomainError;
  console.error(known ? `cannot bootstrap: ${e.message}` : e);
  process.exit(known ? 2 : 1);
});
