import type { RoundEventType } from './round.events.js';
import type { RoundContext, Side } from './round.types.js';

// Bounds on the lists an event adds to (ADR 0018): passed in as data by the write path, which reads
// them from settings, so the kernel stays free of configuration.
export interface RoundLimits {
  agendaItems: number;
  informationRequests: number;
  caucuses: number;
  jointSessions: number;
  offersPerSession: number;
  coordinationAgreements: number;
  ballots: number;
}

export type RoundLimitName = keyof RoundLimits;

// The list each growing event appends to, and its length now. A list whose entries belong to a side
// is counted per side, so one side filling it never keeps the other from adding its own.
const GROWS: Partial<
  Record<RoundEventType, [RoundLimitName, (ctx: RoundContext, side: Side | null) => number]>
> = {
  'agenda.itemAdded': ['agendaItems', (c, s) => c.agenda.filter((i) => i.proposedBy === s).length],
  'information.requested': [
    'informationRequests',
    (c, s) => c.informationRequests.filter((r) => r.fromSide === s).length,
  ],
  'caucus.held': ['caucuses', (c, s) => c.caucuses.filter((x) => x.side === s).length],
  'session.opened': ['jointSessions', (c) => c.sessions.length],
  'offer.tabled': [
    'offersPerSession',
    (c, s) => c.sessions.at(-1)?.offers.filter((o) => o.side === s).length ?? 0,
  ],
  'coordination.concluded': ['coordinationAgreements', (c) => c.coordinationAgreements.length],
  'ballot.closed': ['ballots', (c) => c.ballots.length],
};

/** The bound an event sent for `side` would break by adding one more entry, or null. */
export function roundLimitReached(
  ctx: RoundContext,
  type: RoundEventType,
  side: Side | null,
  limits: RoundLimits,
): { limit: RoundLimitName; max: number } | null {
  const grows = GROWS[type];
  if (!grows) return null;
  const [limit, count] = grows;
  return count(ctx, side) >= limits[limit] ? { limit, max: limits[limit] } : null;
}
