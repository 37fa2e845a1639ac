import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

const SECRET_32 = 'abcdefghijklmnopqrstuvwxyz012345'; // exactly 32 characters

function configErrorOf(env: NodeJS.ProcessEnv): ConfigError {
  let caught: unknown = null;
  try {
    loadConfig(env);
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
      surveyKey: 'development-only-survey-key-do-not-use-in-production',
      surveyKeyIsDevelopmentDefault: true,
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
      surveyKey: SECRET_32,
      surveyKeyIsDevelopmentDefault: false,
    });
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

  it('requires AUTH_TOKEN_SECRET and SURVEY_KEY in production', () => {
    const error = configErrorOf({ NODE_ENV: 'production' });
    expect(error.problems).toEqual([
      'AUTH_TOKEN_SECRET is required when NODE_ENV=production',
      'SURVEY_KEY is required when NODE_ENV=production',
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
});

describe('HOST and API_DOCS', () => {
  const production = {
    NODE_ENV: 'production',
    AUTH_TOKEN_SECRET: SECRET_32,
    SURVEY_KEY: SECRET_32,
  };

  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
    expect(loadConfig({ HOST: 'api.internal' }).host).toBe('api.internal');
    expect(configErrorOf({ HOST: 'http://x/' }).problems[0]).toMatch(
      /^HOST="http:\/\/x\/" must be/,
    );
  });

  it('serves the API docs outside production, and in production only when API_DOCS=true', () => {
    expect(loadConfig(production).apiDocs).toBe(false);
    expect(loadConfig({ ...production, API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(loadConfig({ API_DOCS: 'false' }).apiDocs).toBe(false);
    expect(configErrorOf({ API_DOCS: 'yes' }).problems).toEqual([
      'API_DOCS="yes" must be true or false',
    ]);
  });
});
