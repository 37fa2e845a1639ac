import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module.js';
import { openApiDocument } from '../app.factory.js';
import { API_PREFIX } from '../common/api-prefix.js';
import { createLogger } from '../common/logger.js';
import { loadConfig } from '../config/app-config.js';

// The committed description and the typed client are generated from these paths (ADR 0024).
export const DESCRIPTION_PATH = 'docs/api/openapi.json';
export const SCHEMA_TYPES_PATH = 'web/src/api/schema.d.ts';
export const RELEASED_DIR = 'docs/api/released';
export const CHANGES_PATH = 'docs/api/CHANGES.md';

// The description without a database: Nest's preview mode scans the real modules and controllers and
// resolves their dependencies but instantiates nothing, so no connection is opened and nothing is
// migrated. Routes and the prefix are the ones createApp serves; a test compares the two.
export async function describeApi(): Promise<OpenAPIObject> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    // Given, so nothing is generated or read from a key file; nothing is signed or sealed in preview.
    AUTH_TOKEN_SECRET: 'description-only-'.padEnd(40, 'x'),
    NOTES_KEY: 'description-only-'.padEnd(40, 'n'),
    SURVEY_KEY: 'description-only-'.padEnd(40, 'k'),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config,
      database: { url: 'postgres://description-only.invalid/none', kind: 'external' },
      logger: createLogger('silent'),
    }),
    new FastifyAdapter(),
    { preview: true, logger: ['error'], abortOnError: false },
  );
  try {
    app.setGlobalPrefix(API_PREFIX);
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}

// Keys sorted at every level, two-space indent, final newline: the same description always gives
// the same bytes, so a diff shows only what changed. Array order is meaningful and kept.
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
    );
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}
