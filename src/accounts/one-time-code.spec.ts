import { describe, expect, it } from '@jest/globals';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  formatOneTimeCode,
  generateOneTimeCode,
  keyedHash,
  parseOneTimeCode,
} from './one-time-code.js';

describe('one-time codes', () => {
  it('are twelve unambiguous characters shown in three groups of four', () => {
    const code = generateOneTimeCode();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[01IO]/);
    expect(parseOneTimeCode(code)).toHaveLength(CODE_LENGTH);
  });

  it('differ from one another (60 bits each)', () => {
    const codes = new Set(Array.from({ length: 2000 }, generateOneTimeCode));
    expect(codes.size).toBe(2000);
    // Every character of the alphabet turns up: the draw is not stuck on a subset.
    const seen = new Set([...codes].join('').replaceAll('-', ''));
    expect(seen.size).toBe(32);
  });

  it('read what a person types on a phone: lower case, spaces, dashes or none', () => {
    const canonical = 'ABCD2345WXYZ';
    expect(formatOneTimeCode(canonical)).toBe('ABCD-2345-WXYZ');
    for (const typed of ['ABCD-2345-WXYZ', 'abcd 2345 wxyz', 'abcd2345wxyz', ' AbCd–2345—WxYz '])
      expect(parseOneTimeCode(typed)).toBe(canonical);
  });

  it('refuse text that cannot be a code rather than guess at it', () => {
    for (const typed of [
      '',
      'ABCD-2345-WXY',
      'ABCD-2345-WXYZ2',
      'ABCD-2345-WXY0',
      'ABCD-2345-WXYI',
    ])
      expect(parseOneTimeCode(typed)).toBeNull();
  });

  it('are stored as a keyed hash that depends on the key and the purpose', () => {
    const h = keyedHash('k'.repeat(32), 'one-time-code', 'ABCD2345WXYZ');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain('ABCD');
    expect(keyedHash('j'.repeat(32), 'one-time-code', 'ABCD2345WXYZ')).not.toBe(h);
    expect(keyedHash('k'.repeat(32), 'refresh-token', 'ABCD2345WXYZ')).not.toBe(h);
  });
});
