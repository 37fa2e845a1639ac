import { DomainError } from './domain-error.js';

// Bounds on every list a request can grow (ADR 0018, docs/limits.md). Each is a setting read once by
// app-config.ts; the default is sized for real use, the ceiling is what the request DTOs let through
// (so a setting can be raised up to it without a code change, never past what the parser is sized for).
export const LIMIT_SETTINGS = {
  // Accumulated in a round (422 LIMIT_REACHED): the round's record grows by one per accepted event.
  // Agenda items, information requests, caucuses and offers are counted per side (round.limits.ts).
  agendaItems: { setting: 'LIMIT_AGENDA_ITEMS', default: 100, ceiling: 10_000 },
  informationRequests: { setting: 'LIMIT_INFORMATION_REQUESTS', default: 100, ceiling: 10_000 },
  caucuses: { setting: 'LIMIT_CAUCUSES', default: 250, ceiling: 10_000 },
  jointSessions: { setting: 'LIMIT_JOINT_SESSIONS', default: 100, ceiling: 1_000 },
  offersPerSession: { setting: 'LIMIT_OFFERS_PER_SESSION', default: 25, ceiling: 1_000 },
  coordinationAgreements: { setting: 'LIMIT_COORDINATION_AGREEMENTS', default: 20, ceiling: 1_000 },
  ballots: { setting: 'LIMIT_BALLOTS', default: 20, ceiling: 1_000 },
  // The backstop: whatever mix of lists and texts, the record every event rewrites stays this small.
  snapshotBytes: { setting: 'LIMIT_SNAPSHOT_BYTES', default: 262_144, ceiling: 16_777_216 },
  // In one request (400 LIMIT_EXCEEDED).
  rateTableLines: { setting: 'LIMIT_RATE_TABLE_LINES', default: 5_000, ceiling: 20_000 },
  catalogProcesses: { setting: 'LIMIT_CATALOG_PROCESSES', default: 5_000, ceiling: 20_000 },
  catalogGroups: { setting: 'LIMIT_CATALOG_GROUPS', default: 200, ceiling: 2_000 },
  catalogMappings: { setting: 'LIMIT_CATALOG_MAPPINGS', default: 5_000, ceiling: 20_000 },
  surveyProcesses: { setting: 'LIMIT_SURVEY_PROCESSES', default: 5_000, ceiling: 20_000 },
  pageSize: { setting: 'LIMIT_PAGE_SIZE', default: 100, ceiling: 1_000 },
  historyPage: { setting: 'LIMIT_HISTORY_PAGE', default: 1_000, ceiling: 10_000 },
} as const;

export type LimitName = keyof typeof LIMIT_SETTINGS;
export type Limits = Record<LimitName, number>;

export const DEFAULT_LIMITS = Object.fromEntries(
  Object.entries(LIMIT_SETTINGS).map(([name, s]) => [name, s.default]),
) as Limits;

export const ceilingOf = (name: LimitName): number => LIMIT_SETTINGS[name].ceiling;

// What an event may add to a record already past LIMIT_SNAPSHOT_BYTES: enough for any procedural step
// (a signature, a ballot, a state change), so one side filling the record can never stop the round
// from reaching signature or being abandoned.
export const SNAPSHOT_STEP_BYTES = 1024;

/** Whether a write would take the round's record past the backstop by more than a procedural step. */
export const snapshotTooLarge = (bytes: number, previousBytes: () => number, max: number) =>
  bytes > max && bytes - previousBytes() > SNAPSHOT_STEP_BYTES;

/** Refuses (400) a request whose list `what` has more entries than the setting allows. */
export function refuseOverLimit(limits: Limits, name: LimitName, count: number, what: string) {
  const max = limits[name];
  if (count <= max) return;
  const { setting } = LIMIT_SETTINGS[name];
  throw new DomainError(
    'LIMIT_EXCEEDED',
    `${what}: ${count} entries, more than the ${max} that ${setting} allows; send fewer (split the work) or ask the operator to raise ${setting}`,
    { limit: name, setting, max, count, field: what },
  );
}
