import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ConfigError } from './app-config.js';
import { resolveKey } from './deployment-keys.js';

const dir = mkdtempSync(join(tmpdir(), 'deployment-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deployment keys', () => {
  it('generates a private random key on first start and reads the same key afterwards', () => {
    const path = join(dir, 'keys', 'notes.key');
    const first = resolveKey('NOTES_KEY', { kind: 'file', path, generate: true });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(resolveKey('NOTES_KEY', { kind: 'file', path, generate: true })).toBe(first);
    const other = resolveKey('NOTES_KEY', {
      kind: 'file',
      path: join(dir, 'elsewhere', 'notes.key'),
      generate: true,
    });
    expect(other).not.toBe(first);
  });

  it('refuses a missing key file that was named explicitly, and a short key', () => {
    const missing = join(dir, 'missing.key');
    expect(() => resolveKey('NOTES_KEY', { kind: 'file', path: missing, generate: false })).toThrow(
      ConfigError,
    );
    const short = join(dir, 'short.key');
    writeFileSync(short, 'too short\n');
    expect(() => resolveKey('NOTES_KEY', { kind: 'file', path: short, generate: false })).toThrow(
      /at least 32 characters/,
    );
    expect(readFileSync(short, 'utf8')).toBe('too short\n');
  });
});
