import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.factory.js';
import { API_PREFIX } from './common/api-prefix.js';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, type AppLogger } from './common/logger.js';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import {
  DataDirLockedError,
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from './database/embedded-database.js';
import { seedDemo } from './seed/demo-seed.js';

// What has to be closed, in this order, however the process ends: the HTTP server and Nest (in-flight
// requests finish), then the database, then the data directory's lock. A lock left behind would stop
// the next start wherever pids repeat (a container's server is pid 1 every time).
let app: NestFastifyApplication | null = null;
let embedded: EmbeddedDatabase | null = null;
let startup: Promise<void> = Promise.resolve();
let isStopping = false;
let hasConsole = false;
let closing: Promise<void> | null = null;

// Once only: a signal and a failing start may both ask, and both must wait for the same close.
function closeAll(): Promise<void> {
  closing ??= (async () => {
    await app?.close().catch((e: unknown) => console.error('closing the server failed:', e));
    await embedded?.close().catch((e: unknown) => console.error('closing the database failed:', e));
  })();
  return closing;
}

function onSignal(signal: NodeJS.Signals): void {
  if (isStopping) {
    // A second signal: the operator wants out now; the lock of a dead pid is taken over at next start.
    console.error(`${signal} again: exiting without waiting for the shutdown`);
    process.exit(130);
  }
  isStopping = true;
  console.log(`${signal}: finishing requests, closing the database`);
  // Opening the database and migrating finish first, so nothing is left half-open.
  void startup
    .catch(() => {})
    .then(closeAll)
    .then(() => process.exit(0));
}

async function start(config: AppConfig, logger: AppLogger): Promise<'embedded' | 'external'> {
  if (!config.databaseUrl) embedded = await openEmbeddedDatabase(config.dataDir);
  const database = config.databaseUrl
    ? { url: config.databaseUrl, kind: 'external' as const }
    : { url: embedded!.url, kind: 'embedded' as const };
  // main.js runs compiled, from dist/src/: the console's build sits beside it in dist/web.
  const consoleDir = fileURLToPath(new URL('../web/', import.meta.url));
  app = await createApp({ config, database, logger, consoleDir });
  hasConsole = existsSync(`${consoleDir}index.html`);
  return database.kind;
}

async function main(): Promise<void> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.databaseUrl && config.embeddedDatabaseInProduction)
    logger.warn(
      'NODE_ENV=production on the embedded database (EMBEDDED_DATABASE_IN_PRODUCTION): fsync is off, a power cut can lose acknowledged events',
    );
  const starting = start(config, logger);
  startup = starting.then(() => {});
  const databaseKind = await starting;
  if (isStopping || !app) return;
  if (config.authTokenSecretIsEphemeral)
    logger.warn(
      'AUTH_TOKEN_SECRET is not set: tokens are signed with a random key and end with this process',
    );
  for (const [name, source] of [
    ['NOTES_KEY', config.notesKey],
    ['SURVEY_KEY', config.surveyKey],
    ['ACCOUNTS_KEY', config.accountsKey],
  ] as const)
    if (source.kind === 'file' && source.generate)
      logger.warn(
        `${name} is not set: using the per-deployment key file ${source.path} (generated on first start; back it up apart from the data)`,
      );
  if (config.seedDemo) {
    const summary = await seedDemo(
      app,
      config.seedDemoIndustries ? { industries: config.seedDemoIndustries } : {},
    );
    logger.info(summary, 'demo data ready');
  }
  await app.listen({ port: config.port, host: config.host });
  const shown = ['0.0.0.0', '::', '127.0.0.1'].includes(config.host) ? 'localhost' : config.host;
  const origin = `http://${shown.includes(':') ? `[${shown}]` : shown}:${config.port}`;
  const base = `${origin}/${API_PREFIX}`;
  console.log(
    [
      '',
      `  Wage negotiation engine listening on ${origin} (API under ${base})`,
      hasConsole
        ? `  Console:   ${origin}/   (中文 / English)`
        : '  Console:   not built (npm run build builds it into dist/web)',
      `  Contract:  ${base}/openapi.json`,
      config.apiDocs
        ? `  API docs:  ${base}/docs   (OpenAPI JSON: ${base}/docs-json)`
        : '  API docs:  off (API_DOCS=true serves them)',
      `  Health:    ${base}/health`,
      `  Database:  ${databaseKind === 'embedded' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'DATABASE_URL'}`,
      config.seedDemo
        ? '  Demo logins: see README.md ("Demo accounts"), password demo-password'
        : '',
      '',
    ].join('\n'),
  );
}

main().catch(async (e) => {
  await closeAll();
  if (isStopping) return; // a signal stopped the start; its handler exits
  if (e instanceof ConfigError || e instanceof DataDirLockedError) {
    console.error(`cannot start: ${e.message}`);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
