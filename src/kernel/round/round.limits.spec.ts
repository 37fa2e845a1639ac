import { describe, expect, it } from '@jest/globals';
import { ZHEJIANG_DEFAULT_POLICY } from '../policy/policy-profile.js';
import { newRoundContext } from './round.context.js';
import { roundLimitReached, type RoundLimits } from './round.limits.js';
import type { RoundContext } from './round.types.js';

const LIMITS: RoundLimits = {
  agendaItems: 3,
  informationRequests: 3,
  caucuses: 3,
  jointSessions: 3,
  offersPerSession: 3,
  coordinationAgreements: 3,
  ballots: 3,
};

const base = newRoundContext({
  negotiationId: 'n',
  industryCode: 'wool-knitwear',
  regionCode: 'r',
  year: 2026,
  title: 't',
  policy: ZHEJIANG_DEFAULT_POLICY,
  parties: { worker: { partyId: 'w', name: 'w' }, employer: { partyId: 'e', name: 'e' } },
});

// A round whose list already holds `n` entries of the worker side (and, for lists kept per side,
// nine of the employer side's, which must not count).
const of = (n: number) => [
  ...Array(n).fill({ side: 'worker', proposedBy: 'worker', fromSide: 'worker' }),
  ...Array(9).fill({ side: 'employer', proposedBy: 'employer', fromSide: 'employer' }),
];
const session = (offers: object[]) => ({ offers }) as never;
type Holding = (n: number) => Partial<RoundContext>;
const CASES: [string, keyof RoundLimits, Holding][] = [
  ['agenda.itemAdded', 'agendaItems', (n) => ({ agenda: of(n) })],
  ['information.requested', 'informationRequests', (n) => ({ informationRequests: of(n) })],
  ['caucus.held', 'caucuses', (n) => ({ caucuses: of(n) })],
  ['session.opened', 'jointSessions', (n) => ({ sessions: Array(n).fill(session([])) })],
  ['offer.tabled', 'offersPerSession', (n) => ({ sessions: [session(of(9)), session(of(n))] })],
  [
    'coordination.concluded',
    'coordinationAgreements',
    (n) => ({ coordinationAgreements: Array(n) }),
  ],
  ['ballot.closed', 'ballots', (n) => ({ ballots: Array(n) })],
];

describe('round limits', () => {
  it.each(CASES)('%s may fill %s up to the limit and no further', (type, limit, holding) => {
    const at = (n: number) =>
      roundLimitReached(
        { ...base, ...holding(n) } as RoundContext,
        type as never,
        'worker',
        LIMITS,
      );
    // The side's third entry (the limit) is accepted; its fourth is refused, naming the limit. The other
    // side's nine entries of a list kept per side do not count.
    expect(at(LIMITS[limit] - 1)).toBeNull();
    expect(at(LIMITS[limit])).toEqual({ limit, max: 3 });
  });

  it('leaves events that grow no list unbounded', () => {
    const full = { ...base, agenda: Array(99).fill({}) };
    expect(roundLimitReached(full, 'minutes.recorded', 'worker', LIMITS)).toBeNull();
  });
});
