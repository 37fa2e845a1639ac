import { createHmac, randomInt } from 'node:crypto';

// One-time codes (ADR 0026): 12 characters from 32 that cannot be confused on a phone keyboard or
// read aloud (no 0/O, 1/I), so 60 bits; shown in groups of four. Against the login throttle (a few
// free failures per username and address, then growing waits) guessing one is hopeless.
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 12;
const GROUP = 4;

export function generateOneTimeCode(): string {
  // randomInt draws without modulo bias.
  const chars = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(32)]);
  return formatOneTimeCode(chars.join(''));
}

export function formatOneTimeCode(canonical: string): string {
  const groups: string[] = [];
  for (let i = 0; i < canonical.length; i += GROUP) groups.push(canonical.slice(i, i + GROUP));
  return groups.join('-');
}

// What a person types: any case, with or without the dashes or spaces a phone inserts. A character
// that is not in the alphabet makes it no code at all (null), never a near miss.
export function parseOneTimeCode(typed: string): string | null {
  const canonical = typed.toUpperCase().replace(/[\s\-\u2010-\u2015\u2212]/g, '');
  if (canonical.length !== CODE_LENGTH) return null;
  for (const c of canonical) if (!CODE_ALPHABET.includes(c)) return null;
  return canonical;
}

// Keyed, so a dump of the table cannot be searched for a code without ACCOUNTS_KEY; the purpose
// separates code hashes from refresh-token hashes made with the same key.
export const keyedHash = (key: string, purpose: string, secret: string): string =>
  createHmac('sha256', key).update(`${purpose}\n${secret}`).digest('hex');
