import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { LIMIT_SETTINGS, type LimitName, type Limits } from '../common/limits.js';

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
  // Keys that live outside the database on purpose (src/config/deployment-keys.ts): caucus notes
  // are sealed with NOTES_KEY (ADR 0014), survey participants keyed with SURVEY_KEY (ADR 0015).
  notesKey: KeySource;
  surveyKey: KeySource;
  // Keys the hashes of one-time codes and refresh tokens (ADR 0026): a dump alone cannot test guesses.
  accountsKey: KeySource;
  spreadsheet: SpreadsheetLimits;
  // The embedded database runs with fsync off: production needs DATABASE_URL unless this accepts the risk.
  embeddedDatabaseInProduction: boolean;
  // Logins and tokens (ADR 0017).
  authTokenIssuer: string;
  authTokenAudience: string;
  sessionCheck: { enabled: boolean; cacheMs: number };
  // A session refreshes while used within idleSeconds, and never past maxSeconds after login (ADR 0026).
  sessionLimits: { idleSeconds: number; maxSeconds: number };
  // How long an activation or reset code stays redeemable.
  oneTimeCodeTtlSeconds: number;
  loginThrottle: LoginThrottleSettings;
  passwordCheck: { concurrency: number; queue: number };
  // Fastify's trustProxy: false, true, a hop count, or a comma-separated list of proxy addresses.
  trustProxy: boolean | number | string;
  // --seed-demo on the command line; refused in production (its accounts share a published password).
  seedDemo: boolean;
  // --seed-demo=<codes>: whose demo rounds to seed (every catalog is seeded); null: every industry's.
  seedDemoIndustries: string[] | null;
  // Bounds on every list a request can grow, each its own LIMIT_* setting (docs/limits.md).
  limits: Limits;
}

export interface LoginThrottleSettings {
  freeFailures: number;
  delayBaseSeconds: number;
  delayMaxSeconds: number;
  pairWindowSeconds: number;
  addressMaxFailures: number;
  addressWindowSeconds: number;
}

// Bounds on an uploaded XLSX/CSV (ADR 0016), sized for a 工价表 of a few thousand lines, a catalog
// of a few hundred processes, and an enterprise list of tens of thousands of rows later.
export interface SpreadsheetLimits {
  uploadLimitBytes: number;
  maxZipEntries: number;
  maxEntryBytes: number;
  maxDecompressedBytes: number;
  maxRows: number;
  maxCells: number;
  maxStringChars: number;
  workers: number;
  workerMemoryMb: number;
  parseTimeoutMs: number;
  readTimeoutMs: number;
  maxConcurrentUploads: number;
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

export const ACCEPT_EMBEDDED_IN_PRODUCTION = 'accept-data-loss-risk';

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

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): AppConfig {
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

  const limits = Object.fromEntries(
    (Object.keys(LIMIT_SETTINGS) as LimitName[]).map((name) => {
      const s = LIMIT_SETTINGS[name];
      return [name, intSetting(env, s.setting, s.default, 1, s.ceiling, problems)];
    }),
  ) as Limits;

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
  const accountsKey = keySource('ACCOUNTS_KEY', 'accounts.key');

  const MiB = 1_048_576;
  const spreadsheet: SpreadsheetLimits = {
    uploadLimitBytes: intSetting(
      env,
      'SPREADSHEET_UPLOAD_LIMIT_BYTES',
      8 * MiB,
      1024,
      100 * MiB,
      problems,
    ),
    maxZipEntries: intSetting(env, 'SPREADSHEET_MAX_ZIP_ENTRIES', 200, 4, 10_000, problems),
    maxEntryBytes: intSetting(
      env,
      'SPREADSHEET_MAX_ENTRY_BYTES',
      32 * MiB,
      1024,
      1024 * MiB,
      problems,
    ),
    maxDecompressedBytes: intSetting(
      env,
      'SPREADSHEET_MAX_DECOMPRESSED_BYTES',
      64 * MiB,
      1024,
      2048 * MiB,
      problems,
    ),
    maxRows: intSetting(env, 'SPREADSHEET_MAX_ROWS', 60_000, 10, 10_000_000, problems),
    maxCells: intSetting(env, 'SPREADSHEET_MAX_CELLS', 600_000, 10, 100_000_000, problems),
    // Excel's own limit for one cell.
    maxStringChars: intSetting(
      env,
      'SPREADSHEET_MAX_STRING_CHARS',
      32_767,
      16,
      10_000_000,
      problems,
    ),
    workers: intSetting(env, 'SPREADSHEET_WORKERS', 1, 1, 64, problems),
    workerMemoryMb: intSetting(env, 'SPREADSHEET_WORKER_MEMORY_MB', 512, 32, 16_384, problems),
    parseTimeoutMs: intSetting(env, 'SPREADSHEET_PARSE_TIMEOUT_MS', 20_000, 100, 600_000, problems),
    // A client trickling its body would hold one of the concurrent uploads for as long as it likes.
    readTimeoutMs: intSetting(
      env,
      'SPREADSHEET_READ_TIMEOUT_MS',
      60_000,
      1000,
      3_600_000,
      problems,
    ),
    maxConcurrentUploads: intSetting(
      env,
      'SPREADSHEET_MAX_CONCURRENT_UPLOADS',
      4,
      1,
      1000,
      problems,
    ),
  };

  const embeddedInProduction = env.EMBEDDED_DATABASE_IN_PRODUCTION ?? '';
  if (embeddedInProduction !== '' && embeddedInProduction !== ACCEPT_EMBEDDED_IN_PRODUCTION)
    problems.push(
      `EMBEDDED_DATABASE_IN_PRODUCTION="${embeddedInProduction}" must be unset or "${ACCEPT_EMBEDDED_IN_PRODUCTION}"`,
    );
  const embeddedDatabaseInProduction = embeddedInProduction === ACCEPT_EMBEDDED_IN_PRODUCTION;
  // PGlite acknowledges commits before they reach the disk: a power cut can lose agreed events.
  if (isProduction && !env.DATABASE_URL && !embeddedDatabaseInProduction)
    problems.push(
      'NODE_ENV=production needs DATABASE_URL: the embedded database runs with fsync off and can lose ' +
        `acknowledged events on a power cut or OS crash (set EMBEDDED_DATABASE_IN_PRODUCTION=${ACCEPT_EMBEDDED_IN_PRODUCTION} to accept that risk)`,
    );

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
  const sessionLimits = {
    idleSeconds: intSetting(env, 'AUTH_SESSION_IDLE_SECONDS', 7_200, 60, 604_800, problems),
    maxSeconds: intSetting(env, 'AUTH_SESSION_MAX_SECONDS', 43_200, 60, 2_592_000, problems),
  };
  if (sessionLimits.idleSeconds > sessionLimits.maxSeconds)
    problems.push('AUTH_SESSION_IDLE_SECONDS must not exceed AUTH_SESSION_MAX_SECONDS');
  const oneTimeCodeTtlSeconds =
    intSetting(env, 'ONE_TIME_CODE_TTL_HOURS', 72, 1, 720, problems) * 3600;
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
  // --seed-demo seeds every industry's demo rounds; --seed-demo=wool-knitwear,shoes only those.
  const seedFlag = argv.find((a) => a === '--seed-demo' || a.startsWith('--seed-demo='));
  const seedDemo = seedFlag !== undefined;
  const seedDemoIndustries = seedFlag?.includes('=')
    ? seedFlag
        .slice('--seed-demo='.length)
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)
    : null;
  if (seedDemo && isProduction)
    problems.push(
      '--seed-demo creates accounts with the published password "demo-password" and is refused when NODE_ENV=production; start without --seed-demo',
    );

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    apiDocs,
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
    accountsKey,
    spreadsheet,
    embeddedDatabaseInProduction,
    authTokenIssuer,
    authTokenAudience,
    sessionCheck,
    sessionLimits,
    oneTimeCodeTtlSeconds,
    loginThrottle,
    passwordCheck,
    trustProxy,
    seedDemo,
    seedDemoIndustries,
    limits,
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
