import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

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
  // Keys the rate-survey participant tags (ADR 0011); lives outside the database on purpose.
  surveyKey: string;
  surveyKeyIsDevelopmentDefault: boolean;
  // Logins and tokens (ADR 0017).
  authTokenIssuer: string;
  authTokenAudience: string;
  sessionCheck: { enabled: boolean; cacheMs: number };
  loginThrottle: LoginThrottleSettings;
  passwordCheck: { concurrency: number; queue: number };
  // Fastify's trustProxy: false, true, a hop count, or a comma-separated list of proxy addresses.
  trustProxy: boolean | number | string;
  // --seed-demo on the command line; refused in production (its accounts share a published password).
  seedDemo: boolean;
}

export interface LoginThrottleSettings {
  freeFailures: number;
  delayBaseSeconds: number;
  delayMaxSeconds: number;
  pairWindowSeconds: number;
  addressMaxFailures: number;
  addressWindowSeconds: number;
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

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): AppConfig {
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

  const surveyKey = env.SURVEY_KEY ?? '';
  if (surveyKey !== '' && surveyKey.length < 32)
    problems.push('SURVEY_KEY must be at least 32 characters');
  // Unlike the token secret it cannot be random per process: a restart would let people answer twice.
  if (surveyKey === '' && isProduction)
    problems.push('SURVEY_KEY is required when NODE_ENV=production');

  const authTokenIssuer = env.AUTH_TOKEN_ISSUER || 'wage-negotiation-engine';
  const authTokenAudience = env.AUTH_TOKEN_AUDIENCE || 'wage-negotiation-api';
  const sessionCheckRaw = env.AUTH_SESSION_CHECK || 'on';
  if (!['on', 'off'].includes(sessionCheckRaw))
    problems.push(`AUTH_SESSION_CHECK="${sessionCheckRaw}" must be on or off`);
  // Off exists only so the benchmark can measure what the check costs.
  if (sessionCheckRaw === 'off' && isProduction)
    problems.push('AUTH_SESSION_CHECK=off is not allowed when NODE_ENV=production');
  const sessionCheck = {
    enabled: sessionCheckRaw !== 'off',
    cacheMs: intSetting(env, 'AUTH_SESSION_CACHE_MS', 1000, 0, 10_000, problems),
  };
  const loginThrottle: LoginThrottleSettings = {
    freeFailures: intSetting(env, 'LOGIN_FREE_FAILURES', 5, 1, 100, problems),
    delayBaseSeconds: intSetting(env, 'LOGIN_DELAY_BASE_SECONDS', 1, 1, 60, problems),
    delayMaxSeconds: intSetting(env, 'LOGIN_DELAY_MAX_SECONDS', 900, 1, 86_400, problems),
    pairWindowSeconds: intSetting(env, 'LOGIN_PAIR_WINDOW_SECONDS', 86_400, 60, 604_800, problems),
    addressMaxFailures: intSetting(env, 'LOGIN_ADDRESS_MAX_FAILURES', 300, 1, 1_000_000, problems),
    addressWindowSeconds: intSetting(env, 'LOGIN_ADDRESS_WINDOW_SECONDS', 900, 1, 86_400, problems),
  };
  const passwordCheck = {
    concurrency: intSetting(env, 'LOGIN_KDF_CONCURRENCY', 2, 1, 64, problems),
    queue: intSetting(env, 'LOGIN_KDF_QUEUE', 32, 0, 10_000, problems),
  };
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  const seedDemo = argv.includes('--seed-demo');
  if (seedDemo && isProduction)
    problems.push(
      '--seed-demo creates accounts with the published password "demo-password" and is refused when NODE_ENV=production; start without --seed-demo',
    );

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
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
    authTokenIssuer,
    authTokenAudience,
    sessionCheck,
    loginThrottle,
    passwordCheck,
    trustProxy,
    seedDemo,
  };
}

// Off by default: only behind a reverse proxy may X-Forwarded-For name the client address, or any
// client could pick the address the login throttle counts against.
function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((x) => x.trim());
  if (entries.every((x) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(x))) return entries.join(',');
  problems.push(
    `TRUST_PROXY="${raw}" must be false, true, a number of proxy hops, or comma-separated proxy addresses/CIDRs`,
  );
  return false;
}
