import { describe, it, expect } from '@jest/globals';
import type { PolicyProfile } from '../policy/policy-profile.js';
import { ratificationResult, type BallotCounts } from './ratification.js';

const TWO_THIRDS = { numerator: 2, denominator: 3 };
const strict: PolicyProfile['ratification'] = { quorum: TWO_THIRDS, passRule: 'moreThanHalfOfAll' };
const lenient: PolicyProfile['ratification'] = { quorum: TWO_THIRDS, passRule: 'atLeastHalfOfAll' };

const counts = (totalMembers: number, present: number, yes: number): BallotCounts => ({
  totalMembers,
  present,
  yes,
  no: present - yes,
  abstain: 0,
});

describe('ratificationResult: quorum', () => {
  it.each([
    // total, present, quorumRequired, hasQuorum
    [99, 66, 66, true],
    [99, 65, 66, false],
    [100, 67, 67, true],
    [100, 66, 67, false],
    [3, 2, 2, true],
    [3, 1, 2, false],
    [10, 7, 7, true],
    [10, 6, 7, false],
  ])(
    'with %i members and %i present needs %i present (quorum %s)',
    (total, present, quorumRequired, hasQuorum) => {
      const r = ratificationResult(strict, counts(total, present, present));
      expect(r.quorumRequired).toBe(quorumRequired);
      expect(r.hasQuorum).toBe(hasQuorum);
    },
  );

  it('rejects a ratification as noQuorum when fewer than two thirds of all members are present', () => {
    expect(ratificationResult(strict, counts(99, 65, 65)).outcome).toBe('noQuorum');
  });

  it('reports noQuorum even when the yes votes alone exceed half of all members', () => {
    // 60 of 100 voted yes (≥ 51), but 60 present is below the 67 quorum.
    expect(ratificationResult(strict, counts(100, 60, 60))).toEqual({
      hasQuorum: false,
      quorumRequired: 67,
      yesRequired: 51,
      outcome: 'noQuorum',
    });
  });

  it('uses the quorum fraction from the policy', () => {
    const half: PolicyProfile['ratification'] = {
      quorum: { numerator: 1, denominator: 2 },
      passRule: 'moreThanHalfOfAll',
    };
    // half of 101 is 50.5, so 51 are needed
    expect(ratificationResult(half, counts(101, 51, 51)).quorumRequired).toBe(51);
    expect(ratificationResult(half, counts(101, 50, 50)).outcome).toBe('noQuorum');
  });
});

describe('ratificationResult: pass rule', () => {
  it.each([
    // rule, total, yes, yesRequired, outcome
    ['moreThanHalfOfAll', 100, 51, 51, 'passed'],
    ['moreThanHalfOfAll', 100, 50, 51, 'rejected'],
    ['moreThanHalfOfAll', 99, 50, 50, 'passed'],
    ['moreThanHalfOfAll', 99, 49, 50, 'rejected'],
    ['atLeastHalfOfAll', 100, 50, 50, 'passed'],
    ['atLeastHalfOfAll', 100, 49, 50, 'rejected'],
    ['atLeastHalfOfAll', 99, 50, 50, 'passed'],
    ['atLeastHalfOfAll', 99, 49, 50, 'rejected'],
  ] as const)(
    '%s with %i members and %i yes needs %i yes and is %s',
    (rule, total, yes, yesRequired, outcome) => {
      const policy = rule === 'moreThanHalfOfAll' ? strict : lenient;
      // everyone attends, so quorum never decides these cases
      const r = ratificationResult(policy, counts(total, total, yes));
      expect(r.hasQuorum).toBe(true);
      expect(r.yesRequired).toBe(yesRequired);
      expect(r.outcome).toBe(outcome);
    },
  );

  it('counts yes votes against all members, not those present', () => {
    // 40 yes is a majority of the 70 present but not more than half of the 100 members.
    expect(ratificationResult(strict, counts(100, 70, 40))).toEqual({
      hasQuorum: true,
      quorumRequired: 67,
      yesRequired: 51,
      outcome: 'rejected',
    });
  });

  it('passes at exactly the quorum when the yes votes reach half of all members', () => {
    expect(ratificationResult(strict, counts(99, 66, 50))).toEqual({
      hasQuorum: true,
      quorumRequired: 66,
      yesRequired: 50,
      outcome: 'passed',
    });
  });
});
