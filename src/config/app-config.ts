import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

// The only place that reads the environment. A missing or malformed setting stops start-up with a
// message naming it (ADR 0006).

export interface AppConfig {
  port: number;
  // The interface to listen on; loopback unless a reverse proxy on another host needs more.
  host: string;
  // Serve the OpenAPI description and Swagger UI at /docs and /docs-json.
  apiDocs: boolean;
  databaseUrl: string | null;
  dataDir: string;
  authTokenSecret: string;
  authTokenSecretIsEphemeral: boolean;
  authTokenTtlSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  isProduction: boolean;
  // Keys the rate-survey participant tags (ADR 0011); lives outside the database on purpose.
  surveyKey: string;
  surveyKeyIsDevelopmentDefault: boolean;
}

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

function booleanSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: boolean,
  problems: string[],
): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  problems.push(`${name}="${raw}" must be true or false`);
  return fallback;
}

// An IPv4 or IPv6 address or a host name; 0.0.0.0 or :: listen on every interface.
const HOST = /^(?:[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*|[0-9A-Fa-f:.]{2,45})$/;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const isProduction = env.NODE_ENV === 'production';
  const port = intSetting(env, 'PORT', 3000, 0, 65535, problems);
  const host = env.HOST || '127.0.0.1';
  if (!HOST.test(host))
    problems.push(
      `HOST="${host}" must be an IP address or a host name (0.0.0.0 listens on every interface)`,
    );
  // Public documentation of every route helps an attacker as much as a developer: off in production
  // unless asked for.
  const apiDocs = booleanSetting(env, 'API_DOCS', !isProduction, problems);
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

  const surveyKey = env.SURVEY_KEY ?? '';
  if (surveyKey !== '' && surveyKey.length < 32)
    problems.push('SURVEY_KEY must be at least 32 characters');
  // Unlike the token secret it cannot be random per process: a restart would let people answer twice.
  if (surveyKey === '' && isProduction)
    problems.push('SURVEY_KEY is required when NODE_ENV=production');

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    apiDocs,
    databaseUrl,
    dataDir: resolve(env.DATA_DIR || './data'),
    authTokenSecret,
    authTokenSecretIsEphemeral,
    authTokenTtlSeconds,
    logLevel,
    bodyLimitBytes,
    isProduction,
    surveyKey: surveyKey || 'development-only-survey-key-do-not-use-in-production',
    surveyKeyIsDevelopmentDefault: surveyKey === '',
  };
}
