import { createHmac, timingSafeEqual } from 'node:crypto';

// A hiding commitment to a caucus note (ADR 0014): HMAC-SHA256 keyed by a 256-bit random salt that is
// kept, sealed, with the note. Without the salt nobody can test guesses against the commitment (an
// unsalted SHA-256 gave up "我方底线3.5%" in 106 guesses); with the note and its salt disclosed,
// anyone can check that it is the note recorded in the chain.
export const NOTE_COMMITMENT_SCHEME = 'hmac-sha256-salt256';

export function commitToNote(note: string, salt: Buffer): string {
  return createHmac('sha256', salt).update(note, 'utf8').digest('hex');
}

export function noteMatchesCommitment(note: string, saltHex: string, commitment: string): boolean {
  const salt = Buffer.from(saltHex, 'hex');
  if (salt.length !== 32 || !/^[0-9a-f]{64}$/.test(commitment)) return false;
  return timingSafeEqual(
    Buffer.from(commitToNote(note, salt), 'hex'),
    Buffer.from(commitment, 'hex'),
  );
}
