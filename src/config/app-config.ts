import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

// The only place that reads the environment. A missing or malformed setting stops start-up with a
// message naming it (ADR 0006).

export interface AppConfig {
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  authTokenSecret: string;
  authTokenSecretIsEphemeral: boolean;
  authTokenTtlSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  isProduction: boolean;
  // Keys that live outside the database on purpose (src/config/deployment-keys.ts): caucus notes
  // are sealed with NOTES_KEY (ADR 0014), survey participants keyed with SURVEY_KEY (ADR 0015).
  notesKey: KeySource;
  surveyKey: KeySource;
}

// A key given directly, or a file; outside production a missing key is generated into DATA_DIR/keys.
export type KeySource =
  { kind: 'value'; value: string } | { kind: 'file'; path: string; generate: boolean };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function intSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const isProduction = env.NODE_ENV === 'production';
  const port = intSetting(env, 'PORT', 3000, 0, 65535, problems);
  const authTokenTtlSeconds = intSetting(env, 'AUTH_TOKEN_TTL_SECONDS', 900, 60, 86400, problems);
  const bodyLimitBytes = intSetting(
    env,
    'HTTP_BODY_LIMIT_BYTES',
    1_048_576,
    1024,
    104_857_600,
    problems,
  );

  let databaseUrl: string | null = env.DATABASE_URL || null;
  const protocol = (url: string) => (URL.canParse(url) ? new URL(url).protocol : '');
  if (databaseUrl && !['postgres:', 'postgresql:'].includes(protocol(databaseUrl))) {
    problems.push(
      'DATABASE_URL must be a postgres:// or postgresql:// URL (unset it to use the embedded database)',
    );
    databaseUrl = null;
  }

  const logLevel = (env.LOG_LEVEL || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL="${env.LOG_LEVEL}" must be one of ${LOG_LEVELS.join(', ')}`);

  let authTokenSecret = env.AUTH_TOKEN_SECRET ?? '';
  const authTokenSecretIsEphemeral = authTokenSecret === '';
  if (authTokenSecret !== '' && authTokenSecret.length < 32)
    problems.push('AUTH_TOKEN_SECRET must be at least 32 characters');
  if (authTokenSecretIsEphemeral) {
    // A production server must not invalidate every login on restart or disagree across instances.
    if (isProduction) problems.push('AUTH_TOKEN_SECRET is required when NODE_ENV=production');
    authTokenSecret = randomBytes(32).toString('hex');
  }

  const dataDir = resolve(env.DATA_DIR || './data');
  // Unlike the token secret these cannot be random per process: notes sealed yesterday must open
  // today, and a restart must not let people answer a survey twice.
  const keySource = (name: string, file: string): KeySource => {
    const value = env[name] ?? '';
    const path = env[`${name}_FILE`] ?? '';
    if (value !== '' && path !== '') problems.push(`set ${name} or ${name}_FILE, not both`);
    if (value !== '') {
      if (value.length < 32) problems.push(`${name} must be at least 32 characters`);
      return { kind: 'value', value };
    }
    if (path !== '') return { kind: 'file', path: resolve(path), generate: false };
    if (isProduction) problems.push(`${name} or ${name}_FILE is required when NODE_ENV=production`);
    return { kind: 'file', path: join(dataDir, 'keys', file), generate: true };
  };
  const notesKey = keySource('NOTES_KEY', 'notes.key');
  const surveyKey = keySource('SURVEY_KEY', 'survey.key');

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    databaseUrl,
    dataDir,
    authTokenSecret,
    authTokenSecretIsEphemeral,
    authTokenTtlSeconds,
    logLevel,
    bodyLimitBytes,
    isProduction,
    notesKey,
    surveyKey,
  };
}
