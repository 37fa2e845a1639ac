import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { commitToNote, noteMatchesCommitment } from './caucus-commitment.js';

describe('the caucus note commitment', () => {
  it('binds the note: the disclosed note and salt match, any other note does not', () => {
    const salt = randomBytes(32);
    const c = commitToNote('我方底线3.5%', salt);
    expect(noteMatchesCommitment('我方底线3.5%', salt.toString('hex'), c)).toBe(true);
    expect(noteMatchesCommitment('我方底线3.6%', salt.toString('hex'), c)).toBe(false);
    expect(noteMatchesCommitment('我方底线3.5%', randomBytes(32).toString('hex'), c)).toBe(false);
  });

  it('hides the note: the same note gives unrelated commitments, none its plain SHA-256', () => {
    const a = commitToNote('我方底线3.5%', randomBytes(32));
    const b = commitToNote('我方底线3.5%', randomBytes(32));
    expect(a).not.toBe(b);
    expect([a, b]).not.toContain(createHash('sha256').update('我方底线3.5%').digest('hex'));
  });
});
