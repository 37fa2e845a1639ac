import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { ConfigError, type AppConfig, type KeySource } from './app-config.js';

export const DEPLOYMENT_KEYS = Symbol('DEPLOYMENT_KEYS');

// Secrets that must live outside the database (a pg_dump alone must not open caucus notes or name
// survey participants): one mechanism for every such key.
export interface DeploymentKeys {
  // Seals caucus notes at rest (AES-256-GCM, subkey derived by HKDF: src/common/sealing.ts).
  notes: string;
  // Keys survey participant tags and receipts, and seals unmerged answers (ADR 0015).
  survey: string;
  // Keys the stored hashes of one-time codes and refresh tokens (ADR 0026).
  accounts: string;
}

const MIN_KEY_LENGTH = 32;

export function resolveDeploymentKeys(
  config: Pick<AppConfig, 'notesKey' | 'surveyKey' | 'accountsKey'>,
): DeploymentKeys {
  return {
    notes: resolveKey('NOTES_KEY', config.notesKey),
    survey: resolveKey('SURVEY_KEY', config.surveyKey),
    accounts: resolveKey('ACCOUNTS_KEY', config.accountsKey),
  };
}

export function resolveKey(setting: string, source: KeySource): string {
  if (source.kind === 'value') return source.value;
  let text: string | null = readKeyFile(setting, source.path);
  if (text === null) {
    if (!source.generate)
      throw new ConfigError([
        `${setting}_FILE=${source.path} does not exist; create it (at least ${MIN_KEY_LENGTH} characters, mode 0600)`,
      ]);
    text = createKeyFile(source.path);
  }
  if (text.length < MIN_KEY_LENGTH)
    throw new ConfigError([
      `the key in ${source.path} (${setting}) must be at least ${MIN_KEY_LENGTH} characters`,
    ]);
  return text;
}

function readKeyFile(setting: string, path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError([`cannot read the ${setting} key file ${path}: ${(e as Error).message}`]);
  }
}

// Written whole to a private temporary file, then linked into place: link() fails if another
// instance won the race, and nobody ever reads a half-written key.
function createKeyFile(path: string): string {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('hex');
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${key}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readFileSync(path, 'utf8').trim();
  } finally {
    unlinkSync(tmp);
  }
}
