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
  if (config.seedDemo) {
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
  await app.listen({ port: config.port, host: '0.0.0.0' });
  const base = `http://localhost:${config.port}`;
  console.log(
    [
      '',
      `  Wage negotiation engine listening on ${base}`,
      `  API docs:  ${base}/docs   (OpenAPI JSON: ${base}/docs-json)`,
      `  Health:    ${base}/health`,
      `  Database:  ${database.kind === 'embedded' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'DATABASE_URL'}`,
      config.seedDemo
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
