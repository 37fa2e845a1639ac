import type { Fraction, PolicyProfile } from '../policy/policy-profile.js';
import type { Ballot } from './round.types.js';

export interface BallotCounts {
  totalMembers: number;
  present: number;
  yes: number;
  no: number;
  abstain: number;
}

export interface RatificationResult {
  hasQuorum: boolean;
  quorumRequired: number;
  yesRequired: number;
  outcome: Ballot['outcome'];
}

// Smallest whole number n with n / total >= fraction, in integers so 2/3 of 99 is exactly 66.
const atLeastShare = (total: number, f: Fraction): number =>
  Math.ceil((total * f.numerator) / f.denominator);

// CCR art. 36: at least two thirds of ALL members present, and more than half of ALL members (not of
// those present) voting yes. Both numbers come from the pinned policy; the outcome is never typed in.
export function ratificationResult(
  policy: PolicyProfile['ratification'],
  counts: BallotCounts,
): RatificationResult {
  const quorumRequired = atLeastShare(counts.totalMembers, policy.quorum);
  const yesRequired =
    policy.passRule === 'moreThanHalfOfAll'
      ? Math.floor(counts.totalMembers / 2) + 1
      : Math.ceil(counts.totalMembers / 2);
  const hasQuorum = counts.present >= quorumRequired;
  const outcome = !hasQuorum ? 'noQuorum' : counts.yes >= yesRequired ? 'passed' : 'rejected';
  return { hasQuorum, quorumRequired, yesRequired, outcome };
}
