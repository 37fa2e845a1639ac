import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { DEFAULT_LIMITS } from '../common/limits.js';
import { ConfigError, loadConfig } from './app-config.js';

const SECRET_32 = 'abcdefghijklmnopqrstuvwxyz012345'; // exactly 32 characters
// The least a production start needs; tests add or remove from it.
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_TOKEN_SECRET: SECRET_32,
  NOTES_KEY: SECRET_32,
  SURVEY_KEY: SECRET_32,
  ACCOUNTS_KEY: SECRET_32,
  DATABASE_URL: 'postgres://h/db',
};

function configErrorOf(env: NodeJS.ProcessEnv, argv: string[] = []): ConfigError {
  let caught: unknown = null;
  try {
    loadConfig(env, argv);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  return caught as ConfigError;
}

describe('loadConfig defaults', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      apiDocs: true,
      databaseUrl: null,
      dataDir: join(process.cwd(), 'data'),
      authTokenSecret: expect.any(String),
      authTokenSecretIsEphemeral: true,
      authTokenTtlSeconds: 900,
      logLevel: 'info',
      bodyLimitBytes: 1_048_576,
      isProduction: false,
      notesKey: {
        kind: 'file',
        path: join(process.cwd(), 'data', 'keys', 'notes.key'),
        generate: true,
      },
      surveyKey: {
        kind: 'file',
        path: join(process.cwd(), 'data', 'keys', 'survey.key'),
        generate: true,
      },
      accountsKey: {
        kind: 'file',
        path: join(process.cwd(), 'data', 'keys', 'accounts.key'),
        generate: true,
      },
      spreadsheet: {
        uploadLimitBytes: 8 * 1_048_576,
        maxZipEntries: 200,
        maxEntryBytes: 32 * 1_048_576,
        maxDecompressedBytes: 64 * 1_048_576,
        maxRows: 60_000,
        maxCells: 600_000,
        maxStringChars: 32_767,
        workers: 1,
        workerMemoryMb: 512,
        parseTimeoutMs: 20_000,
        readTimeoutMs: 60_000,
        maxConcurrentUploads: 4,
      },
      embeddedDatabaseInProduction: false,
      authTokenIssuer: 'wage-negotiation-engine',
      authTokenAudience: 'wage-negotiation-api',
      sessionCheck: { enabled: true, cacheMs: 1000 },
      sessionLimits: { idleSeconds: 7200, maxSeconds: 43200 },
      oneTimeCodeTtlSeconds: 72 * 3600,
      loginThrottle: {
        freeFailures: 5,
        delayBaseSeconds: 1,
        delayMaxSeconds: 900,
        pairWindowSeconds: 86_400,
        addressMaxFailures: 300,
        addressWindowSeconds: 900,
      },
      passwordCheck: { concurrency: 2, queue: 32 },
      trustProxy: false,
      seedDemo: false,
      seedDemoIndustries: null,
      limits: DEFAULT_LIMITS,
    });
  });

  it('generates a random 32-byte hex secret when none is configured, and flags it as ephemeral', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.authTokenSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(a.authTokenSecretIsEphemeral).toBe(true);
    expect(a.authTokenSecret).not.toBe(b.authTokenSecret);
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', LOG_LEVEL: '', DATA_DIR: '' });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.logLevel).toBe('info');
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
  });
});

describe('loadConfig with settings', () => {
  it('reads every setting it is given', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      API_DOCS: 'true',
      DATABASE_URL: 'postgresql://app:pw@db.internal:5432/wages',
      DATA_DIR: '/var/lib/wages',
      AUTH_TOKEN_SECRET: SECRET_32,
      AUTH_TOKEN_TTL_SECONDS: '3600',
      LOG_LEVEL: 'debug',
      HTTP_BODY_LIMIT_BYTES: '2048',
      SURVEY_KEY: SECRET_32,
      ACCOUNTS_KEY: SECRET_32,
      NOTES_KEY_FILE: '/etc/wages/notes.key',
      AUTH_SESSION_IDLE_SECONDS: '1800',
      AUTH_SESSION_MAX_SECONDS: '28800',
      ONE_TIME_CODE_TTL_HOURS: '24',
      AUTH_TOKEN_ISSUER: 'https://wages.example.org',
      AUTH_TOKEN_AUDIENCE: 'wages-api',
      AUTH_SESSION_CACHE_MS: '0',
      LOGIN_FREE_FAILURES: '3',
      LOGIN_DELAY_BASE_SECONDS: '2',
      LOGIN_DELAY_MAX_SECONDS: '600',
      LOGIN_PAIR_WINDOW_SECONDS: '3600',
      LOGIN_ADDRESS_MAX_FAILURES: '1000',
      LOGIN_ADDRESS_WINDOW_SECONDS: '600',
      LOGIN_KDF_CONCURRENCY: '1',
      LOGIN_KDF_QUEUE: '8',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      LIMIT_CAUCUSES: '40',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      apiDocs: true,
      databaseUrl: 'postgresql://app:pw@db.internal:5432/wages',
      dataDir: '/var/lib/wages',
      authTokenSecret: SECRET_32,
      authTokenSecretIsEphemeral: false,
      authTokenTtlSeconds: 3600,
      logLevel: 'debug',
      bodyLimitBytes: 2048,
      isProduction: true,
      notesKey: { kind: 'file', path: '/etc/wages/notes.key', generate: false },
      surveyKey: { kind: 'value', value: SECRET_32 },
      accountsKey: { kind: 'value', value: SECRET_32 },
      spreadsheet: expect.objectContaining({ uploadLimitBytes: 8 * 1_048_576 }),
      embeddedDatabaseInProduction: false,
      authTokenIssuer: 'https://wages.example.org',
      authTokenAudience: 'wages-api',
      sessionCheck: { enabled: true, cacheMs: 0 },
      sessionLimits: { idleSeconds: 1800, maxSeconds: 28800 },
      oneTimeCodeTtlSeconds: 24 * 3600,
      loginThrottle: {
        freeFailures: 3,
        delayBaseSeconds: 2,
        delayMaxSeconds: 600,
        pairWindowSeconds: 3600,
        addressMaxFailures: 1000,
        addressWindowSeconds: 600,
      },
      passwordCheck: { concurrency: 1, queue: 8 },
      trustProxy: '10.0.0.0/8,127.0.0.1',
      seedDemo: false,
      seedDemoIndustries: null,
      limits: { ...DEFAULT_LIMITS, caucuses: 40 },
    });
  });

  it('reads the spreadsheet limits (ADR 0016)', () => {
    const config = loadConfig({
      SPREADSHEET_UPLOAD_LIMIT_BYTES: '4096',
      SPREADSHEET_MAX_CELLS: '1000',
      SPREADSHEET_WORKERS: '2',
    });
    expect(config.spreadsheet).toMatchObject({
      uploadLimitBytes: 4096,
      maxCells: 1000,
      workers: 2,
    });
    expect(configErrorOf({ SPREADSHEET_WORKERS: '0' }).problems).toEqual([
      'SPREADSHEET_WORKERS="0" must be a whole number from 1 to 64',
    ]);
  });

  it.each(['postgres://localhost/db', 'postgresql://u@h:5432/db'])(
    'accepts the DATABASE_URL %s',
    (url) => {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    },
  );

  it.each(['0', '65535'])('accepts PORT=%s at the edge of the range', (port) => {
    expect(loadConfig({ PORT: port }).port).toBe(Number(port));
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
  ])('reads TRUST_PROXY=%s', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toBe(expected);
  });

  it('lets the benchmark turn the session check off, outside production only', () => {
    expect(loadConfig({ AUTH_SESSION_CHECK: 'off' }).sessionCheck.enabled).toBe(false);
  });

  it('accepts a secret of exactly 32 characters', () => {
    expect(loadConfig({ AUTH_TOKEN_SECRET: SECRET_32 }).authTokenSecretIsEphemeral).toBe(false);
  });
});

describe('loadConfig rejects a malformed setting, naming it', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '80a' }],
    ['PORT', { PORT: '65536' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '3000.5' }],
    ['PORT', { PORT: ' 3000' }],
    ['AUTH_TOKEN_TTL_SECONDS', { AUTH_TOKEN_TTL_SECONDS: '59' }],
    ['AUTH_TOKEN_TTL_SECONDS', { AUTH_TOKEN_TTL_SECONDS: '86401' }],
    ['HTTP_BODY_LIMIT_BYTES', { HTTP_BODY_LIMIT_BYTES: '1023' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
    ['DATABASE_URL', { DATABASE_URL: 'https://db.example.com/db' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['AUTH_TOKEN_SECRET', { AUTH_TOKEN_SECRET: 'too-short' }],
    ['AUTH_TOKEN_SECRET', { AUTH_TOKEN_SECRET: SECRET_32.slice(1) }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'INFO' }],
    ['AUTH_SESSION_CHECK', { AUTH_SESSION_CHECK: 'no' }],
    ['AUTH_SESSION_CACHE_MS', { AUTH_SESSION_CACHE_MS: '10001' }],
    ['LOGIN_FREE_FAILURES', { LOGIN_FREE_FAILURES: '0' }],
    ['LOGIN_DELAY_BASE_SECONDS', { LOGIN_DELAY_BASE_SECONDS: '0.5' }],
    ['LOGIN_KDF_CONCURRENCY', { LOGIN_KDF_CONCURRENCY: '0' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'yes please' }],
  ])('%s (%j)', (name, env) => {
    const error = configErrorOf(env);
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain(name);
    expect(error.message).toContain(name);
  });

  it('reports several problems together', () => {
    const error = configErrorOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/db',
      AUTH_TOKEN_SECRET: 'short',
      LOG_LEVEL: 'loud',
    });
    expect(error.problems).toHaveLength(4);
    for (const name of ['PORT', 'DATABASE_URL', 'AUTH_TOKEN_SECRET', 'LOG_LEVEL'])
      expect(error.message).toContain(name);
  });

  it('requires AUTH_TOKEN_SECRET, NOTES_KEY, SURVEY_KEY and ACCOUNTS_KEY in production', () => {
    const error = configErrorOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db' });
    expect(error.problems).toEqual([
      'AUTH_TOKEN_SECRET is required when NODE_ENV=production',
      'NOTES_KEY or NOTES_KEY_FILE is required when NODE_ENV=production',
      'SURVEY_KEY or SURVEY_KEY_FILE is required when NODE_ENV=production',
      'ACCOUNTS_KEY or ACCOUNTS_KEY_FILE is required when NODE_ENV=production',
    ]);
  });

  it('refuses a key given both directly and as a file', () => {
    expect(configErrorOf({ NOTES_KEY: SECRET_32, NOTES_KEY_FILE: '/k' }).problems).toEqual([
      'set NOTES_KEY or NOTES_KEY_FILE, not both',
    ]);
  });

  // The embedded database: production without DATABASE_URL.
  const { DATABASE_URL: _url, ...EMBEDDED_PRODUCTION } = PRODUCTION;

  it('refuses the embedded database in production, saying how to accept the risk', () => {
    const [problem] = configErrorOf(EMBEDDED_PRODUCTION).problems;
    expect(problem).toContain('NODE_ENV=production needs DATABASE_URL');
    expect(problem).toContain('fsync off');
    expect(problem).toContain('EMBEDDED_DATABASE_IN_PRODUCTION=accept-data-loss-risk');
  });

  it('runs the embedded database in production only when the risk is accepted in those words', () => {
    const config = loadConfig({
      ...EMBEDDED_PRODUCTION,
      EMBEDDED_DATABASE_IN_PRODUCTION: 'accept-data-loss-risk',
    });
    expect(config).toMatchObject({ databaseUrl: null, embeddedDatabaseInProduction: true });
    expect(
      configErrorOf({ ...EMBEDDED_PRODUCTION, EMBEDDED_DATABASE_IN_PRODUCTION: 'yes' }).problems,
    ).toEqual([
      'EMBEDDED_DATABASE_IN_PRODUCTION="yes" must be unset or "accept-data-loss-risk"',
      expect.stringContaining('NODE_ENV=production needs DATABASE_URL'),
    ]);
  });

  it('refuses --seed-demo and an unchecked session in production', () => {
    expect(loadConfig(PRODUCTION, ['node', 'main.js']).seedDemo).toBe(false);
    expect(configErrorOf({ ...PRODUCTION }, ['node', 'main.js', '--seed-demo']).problems).toEqual([
      expect.stringContaining('--seed-demo'),
    ]);
    expect(loadConfig({}, ['node', 'main.js', '--seed-demo'])).toMatchObject({
      seedDemo: true,
      seedDemoIndustries: null,
    });
    // Only some industries' demo rounds; refused in production all the same.
    expect(loadConfig({}, ['node', 'main.js', '--seed-demo=wool-knitwear, shoes'])).toMatchObject({
      seedDemo: true,
      seedDemoIndustries: ['wool-knitwear', 'shoes'],
    });
    expect(
      configErrorOf({ ...PRODUCTION }, ['node', 'main.js', '--seed-demo=shoes']).problems,
    ).toEqual([expect.stringContaining('--seed-demo')]);
    expect(configErrorOf({ ...PRODUCTION, AUTH_SESSION_CHECK: 'off' }).problems).toEqual([
      'AUTH_SESSION_CHECK=off is not allowed when NODE_ENV=production',
    ]);
  });

  it('refuses a SURVEY_KEY shorter than 32 characters', () => {
    expect(configErrorOf({ SURVEY_KEY: 'short' }).problems).toEqual([
      'SURVEY_KEY must be at least 32 characters',
    ]);
  });

  it('does not require AUTH_TOKEN_SECRET outside production', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).isProduction).toBe(false);
  });

  it('reads each list bound from its LIMIT_* setting and refuses one past its ceiling', () => {
    expect(loadConfig({ LIMIT_AGENDA_ITEMS: '7' }).limits.agendaItems).toBe(7);
    expect(loadConfig({}).limits).toEqual(DEFAULT_LIMITS);
    expect(configErrorOf({ LIMIT_RATE_TABLE_LINES: '20001', LIMIT_BALLOTS: '0' }).problems).toEqual(
      [
        'LIMIT_BALLOTS="0" must be a whole number from 1 to 1000',
        'LIMIT_RATE_TABLE_LINES="20001" must be a whole number from 1 to 20000',
      ],
    );
  });
});

describe('HOST and API_DOCS', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
    expect(loadConfig({ HOST: 'api.internal' }).host).toBe('api.internal');
    expect(configErrorOf({ HOST: 'http://x/' }).problems[0]).toMatch(
      /^HOST="http:\/\/x\/" must be/,
    );
  });

  it('serves the API docs outside production, and in production only when API_DOCS=true', () => {
    expect(loadConfig(PRODUCTION).apiDocs).toBe(false);
    expect(loadConfig({ ...PRODUCTION, API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(loadConfig({ API_DOCS: 'false' }).apiDocs).toBe(false);
    expect(configErrorOf({ API_DOCS: 'yes' }).problems).toEqual([
      'API_DOCS="yes" must be true or false',
    ]);
  });
});
