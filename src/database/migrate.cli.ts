import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { DataDirLockedError, openEmbeddedDatabase } from './embedded-database.js';

// `npm run migration:run`: the same migrations the server runs at boot, against DATABASE_URL or the
// embedded database (taking its lock, so it never runs beside a server on the same directory).
async function run(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? null : await openEmbeddedDatabase(config.dataDir);
  const ds = new DataSource(dataSourceOptions(config.databaseUrl ?? embedded!.url, 1));
  try {
    await ds.initialize();
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(
      applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date',
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await embedded?.close();
  }
}

run().catch((e) => {
  console.error(
    e instanceof ConfigError || e instanceof DataDirLockedError
      ? `cannot migrate: ${e.message}`
      : e,
  );
  process.exit(e instanceof ConfigError || e instanceof DataDirLockedError ? 2 : 1);
});
