import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { createLogger } from './common/logger.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import {
  DataDirLockedError,
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from './database/embedded-database.js';
import { seedDemo } from './seed/demo-seed.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) embedded = await openEmbeddedDatabase(config.dataDir);
  const database = config.databaseUrl
    ? { url: config.databaseUrl, kind: 'external' as const }
    : { url: embedded!.url, kind: 'embedded' as const };

  const app = await createApp({ config, database, logger });
  if (config.authTokenSecretIsEphemeral)
    logger.warn(
      'AUTH_TOKEN_SECRET is not set: tokens are signed with a random key and end with this process',
    );
  if (config.surveyKeyIsDevelopmentDefault)
    logger.warn('SURVEY_KEY is not set: rate-survey participant tags use a development key');
  if (process.argv.includes('--seed-demo')) {
    const summary = await seedDemo(app);
    logger.info(summary, 'demo data ready');
  }
  const shutdown = async () => {
    await app.close();
    await embedded?.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  const shown = ['0.0.0.0', '::', '127.0.0.1'].includes(config.host) ? 'localhost' : config.host;
  const base = `http://${shown.includes(':') ? `[${shown}]` : shown}:${config.port}`;
  console.log(
    [
      '',
      `  Wage negotiation engine listening on ${base}`,
      config.apiDocs
        ? `  API docs:  ${base}/docs   (OpenAPI JSON: ${base}/docs-json)`
        : '  API docs:  off (API_DOCS=true serves them)',
      `  Health:    ${base}/health`,
      `  Database:  ${database.kind === 'embedded' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'DATABASE_URL'}`,
      process.argv.includes('--seed-demo')
        ? '  Demo logins: see README.md ("Demo accounts"), password demo-password'
        : '',
      '',
    ].join('\n'),
  );
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof DataDirLockedError) {
    console.error(`cannot start: ${e.message}`);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
