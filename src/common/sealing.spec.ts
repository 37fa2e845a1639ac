import { describe, expect, it } from '@jest/globals';
import { seal, sealingKey, unseal } from './sealing.js';

const key = sealingKey('a deployment key of at least 32 characters', 'test/v1');

describe('sealing at rest', () => {
  it('opens what it sealed, and the sealed bytes do not carry the text', () => {
    const sealed = seal(key, '我方底线3.5%', 'caucus_note:1');
    expect(sealed.toString('utf8')).not.toContain('底线');
    expect(unseal(key, sealed, 'caucus_note:1')).toBe('我方底线3.5%');
    expect(seal(key, '我方底线3.5%', 'caucus_note:1').equals(sealed)).toBe(false);
  });

  it('refuses a value moved to another row, altered, or opened with another key or purpose', () => {
    const sealed = seal(key, 'note', 'caucus_note:1');
    expect(() => unseal(key, sealed, 'caucus_note:2')).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => unseal(key, altered, 'caucus_note:1')).toThrow();
    expect(() =>
      unseal(
        sealingKey('another deployment key, 32+ chars long', 'test/v1'),
        sealed,
        'caucus_note:1',
      ),
    ).toThrow();
    expect(() =>
      unseal(
        sealingKey('a deployment key of at least 32 characters', 'other/v1'),
        sealed,
        'caucus_note:1',
      ),
    ).toThrow();
  });
});
