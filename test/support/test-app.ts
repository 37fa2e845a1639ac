import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import type { Clock } from '../../src/common/clock.js';
import { createLogger, type AppLogger } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config/app-config.js';
import { seedDemo } from '../../src/seed/demo-seed.js';
import { INDUSTRY_DEFINITIONS } from '../../src/industries/index.js';
import type { IndustryDefinition } from '../../src/kernel/round/procedure.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  demo: Awaited<ReturnType<typeof seedDemo>>;
  close(): Promise<void>;
}

// The production app (pipes, guard, filter, body limit) on the test file's own database, with the
// demo data seeded through the write path.
export async function startTestApp(
  env: Record<string, string> = {},
  logger: AppLogger = createLogger('silent'),
  clock?: Clock,
  // Industries beyond the built-in list (a test-only procedure proving the plug-in seam).
  extraIndustries: readonly IndustryDefinition[] = [],
  // A built console to serve at / (the console-serving test gives a directory of its own).
  consoleDir?: string,
  // Whose demo rounds to seed (every catalog is seeded regardless): knitwear's unless a spec plays
  // another industry's, since each industry's rounds cost every spec that starts an app.
  demoIndustries: readonly string[] | 'all' = ['wool-knitwear'],
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    AUTH_TOKEN_SECRET: 'test-secret-'.padEnd(40, 'x'),
    // Given, so tests never write key files into the working tree's ./data.
    NOTES_KEY: 'test-notes-key-'.padEnd(40, 'n'),
    SURVEY_KEY: 'test-survey-key-'.padEnd(40, 'k'),
    ACCOUNTS_KEY: 'test-accounts-key-'.padEnd(40, 'a'),
    ...env,
  });
  const app = await createApp({
    config,
    database: db.target,
    logger,
    clock,
    industries: [...INDUSTRY_DEFINITIONS, ...extraIndustries],
    consoleDir,
  });
  await app.getHttpAdapter().getInstance().ready();
  const demo = await seedDemo(app, demoIndustries === 'all' ? {} : { industries: demoIndustries });
  return {
    app,
    db,
    demo,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
