import type { RoundEventType } from './round.events.js';
import type { RoundContext } from './round.types.js';

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

// The list each growing event appends to, and its length now.
const GROWS: Partial<Record<RoundEventType, [RoundLimitName, (ctx: RoundContext) => number]>> = {
  'agenda.itemAdded': ['agendaItems', (c) => c.agenda.length],
  'information.requested': ['informationRequests', (c) => c.informationRequests.length],
  'caucus.held': ['caucuses', (c) => c.caucuses.length],
  'session.opened': ['jointSessions', (c) => c.sessions.length],
  'offer.tabled': ['offersPerSession', (c) => c.sessions.at(-1)?.offers.length ?? 0],
  'coordination.concluded': ['coordinationAgreements', (c) => c.coordinationAgreements.length],
  'ballot.closed': ['ballots', (c) => c.ballots.length],
};

/** The bound an event would break by adding one more entry, or null. */
export function roundLimitReached(
  ctx: RoundContext,
  type: RoundEventType,
  limits: RoundLimits,
): { limit: RoundLimitName; max: number } | null {
  const grows = GROWS[type];
  if (!grows) return null;
  const [limit, count] = grows;
  return count(ctx) >= limits[limit] ? { limit, max: limits[limit] } : null;
}
