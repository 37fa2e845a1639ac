import type { QueryRunner } from 'typeorm';
import type { Transactional } from '../common/transactional.js';
import type { Caller } from '../auth/caller.js';
import { regionCoversSql, visibilityClause } from './negotiation.access.js';
import { StatutoryCalendar, plusCalendarDays } from '../kernel/calendar/statutory-days.js';
import { canonicalJson } from '../common/canonical-json.js';
import { DomainError } from '../common/domain-error.js';
import {
  tableFromLines,
  type AgreementTable,
  type DraftHeader,
  type DraftLine,
  type PreviousRound,
} from '../kernel/round/agreement-table.js';
import { eventHash, type ChainedEvent } from './history-chain.js';
import type { Outcome } from './negotiation.entity.js';
import type { PersistedRound } from './procedure-registry.js';
import type { RoundSnapshot } from '../kernel/round/procedure.js';
import {
  deadlineBases,
  dueDates,
  type DeadlineBasis,
  type DeadlineRow,
} from '../kernel/round/round.deadlines.js';
import type { RoundContext } from '../kernel/round/round.types.js';
import { firstYearWithoutArrangement } from '../kernel/calendar/calendar-years.js';
import type { AppLogger } from '../common/logger.js';
import {
  carryForward,
  type CodeMapping,
  type RateItem,
  type RateLine,
} from '../kernel/rates/rate-table.js';

// The one owner of the engine's tables (negotiation, negotiation_event, negotiation_deadline,
// rate_table, rate_table_line): hand-written, parameterised SQL, for the write path (the hot path;
// TypeORM's @VersionColumn does not guard updates, shared/stack.md) and for the reads. The few reads of
// other modules' tables are named read models, each saying why it is here.

export interface LockedNegotiation {
  id: string;
  industryCode: string;
  regionCode: string;
  workerPartyId: string;
  employerPartyId: string;
  machineId: string;
  machineVersion: number;
  outcome: Outcome;
  catalogId: string | null;
  snapshot: PersistedRound;
  revision: number;
  headHash: string;
}

// Locks the row and, in the same round trip, looks up the caller's idempotency key (ADR 0005).
export async function lockNegotiation(
  qr: QueryRunner,
  id: string,
  idempotency: { accountId: string; key: string } | null = null,
): Promise<(LockedNegotiation & { priorKey: PriorKey | null }) | null> {
  const rows = await qr.query(
    `SELECT n.id, n.industry_code AS "industryCode", n.region_code AS "regionCode", n.worker_party_id AS "workerPartyId",
            n.employer_party_id AS "employerPartyId", n.machine_id AS "machineId", n.machine_version AS "machineVersion",
            n.outcome, n.catalog_id AS "catalogId", n.snapshot, n.revision, n.head_hash AS "headHash",
            k.request_hash AS "priorHash", k.response_status AS "priorStatus", k.response_body AS "priorBody"
       FROM negotiation n
       LEFT JOIN idempotency_record k ON k.account_id = $2 AND k.key = $3
      WHERE n.id = $1 FOR UPDATE OF n`,
    [id, idempotency?.accountId ?? null, idempotency?.key ?? null],
  );
  if (!rows[0]) return null;
  const { priorHash, priorStatus, priorBody, ...row } = rows[0];
  return {
    ...row,
    priorKey: priorHash ? { requestHash: priorHash, status: priorStatus, body: priorBody } : null,
  };
}

export interface PriorKey {
  requestHash: string;
  status: number;
  body: unknown;
}

export const outcomeOf = (s: RoundSnapshot): Outcome =>
  s.hasTag('agreed') ? 'agreed' : s.hasTag('failed') ? 'failed' : 'open';

export function chainEvent(
  fields: Omit<ChainedEvent, 'prevHash'>,
  prevHash: string,
): ChainedEvent & { hash: string } {
  const chained = { ...fields, prevHash };
  return { ...chained, hash: eventHash(chained) };
}

// The actor's person id comes last, as its own parameter: events recorded before ADR 0025 carry a
// member handle instead (actor_member_ref), and the chain hashes whichever the event has.
const EVENT_COLUMNS = `negotiation_id, seq, type, payload, actor_account_id, actor_member_ref, actor_capacity, actor_side,
  state_before, state_after, machine_id, machine_version, occurred_at, prev_hash, hash, actor_person_id`;

const actorPersonOf = (e: ChainedEvent) => ('personId' in e.actor ? e.actor.personId : null);

const eventParams = (
  e: ChainedEvent & { hash: string },
  machineId: string,
  machineVersion: number,
) => [
  e.negotiationId,
  e.seq,
  e.type,
  JSON.stringify(e.payload),
  e.actor.accountId,
  'memberRef' in e.actor ? e.actor.memberRef : null,
  e.actor.capacity,
  e.actor.side,
  e.stateBefore,
  e.stateAfter,
  machineId,
  machineVersion,
  e.occurredAt,
  e.prevHash,
  e.hash,
];

// One round trip for the whole commit of an event: advance the row (still guarded by the revision we
// locked, as a second line of defence), append the event, and insert the idempotency key with its
// response. A concurrent first use of the same key makes this INSERT wait, then fail with 23505.
export async function commitEvent(
  qr: QueryRunner,
  args: {
    negotiation: LockedNegotiation;
    next: RoundSnapshot;
    // The persisted snapshot, already serialised (the write path checks its size first).
    persisted: string;
    stateAfter: string;
    event: ChainedEvent & { hash: string };
    idempotency: {
      accountId: string;
      key: string;
      requestHash: string;
      status: number;
      body: unknown;
    } | null;
    // An offer's or a draft's table, written by the same statement only if the row advanced (ADR 0013).
    table?: RateTableRow | null;
  },
): Promise<void> {
  const { negotiation: n, event } = args;
  const params: unknown[] = [
    ...eventParams(event, n.machineId, n.machineVersion),
    args.persisted,
    args.stateAfter,
    outcomeOf(args.next),
    n.revision,
  ];
  const idem = args.idempotency
    ? `, k AS (INSERT INTO idempotency_record (account_id, key, request_hash, response_status, response_body) VALUES ($22, $23, $24, $20, $21) RETURNING 1)`
    : '';
  if (args.idempotency)
    params.push(
      args.idempotency.status,
      JSON.stringify(args.idempotency.body),
      args.idempotency.accountId,
      args.idempotency.key,
      args.idempotency.requestHash,
    );
  let table = '';
  if (args.table) {
    const b = params.length;
    const t = args.table;
    params.push(
      t.id,
      t.side,
      t.sessionNumber,
      t.scope,
      t.basedOn,
      t.lines.length,
      t.sha256,
      t.note,
      t.createdBy,
      JSON.stringify(t.lines),
      t.kind,
      t.header === null ? null : JSON.stringify(t.header),
    );
    const $ = (i: number) => `$${b + i}`;
    // A draft's lines also carry the rate they are compared with and the minimum flag (ADR 0018);
    // an offer's leave them to their defaults.
    const draft = t.kind === 'draft';
    // The lines travel as one JSON array (one native JSON.stringify, against three text arrays the
    // driver escapes element by element: issue 10), read back by name in their order; any other
    // member a line object has is not stored.
    table = `, t AS (
        INSERT INTO rate_table (id, negotiation_id, event_seq, kind, side, session_number, scope, based_on, line_count, sha256, note, created_by, created_at, header)
        SELECT ${$(1)}, $1, $2, ${$(11)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)}, ${$(8)}, ${$(9)}, $13, ${$(12)}::jsonb FROM u RETURNING id
     ), l AS (
        INSERT INTO rate_table_line (rate_table_id, position, product_type, process_code, rate${draft ? ', previous_rate, is_industry_minimum' : ''})
        SELECT t.id, x.ord, x.pt, x.pc, x.r::numeric${draft ? ', x.pr::numeric, x.im' : ''}
          FROM t, ROWS FROM (json_to_recordset(${$(10)}::json) AS ("productType" text, "processCode" text, rate text${draft ? ', "previousRate" text, "isIndustryMinimum" boolean' : ''}))
               WITH ORDINALITY AS x(pt, pc, r, ${draft ? 'pr, im, ' : ''}ord)
        RETURNING 1
     )`;
  }
  params.push(actorPersonOf(event));
  const person = `$${params.length}`;
  const rows = await qr.query(
    `WITH u AS (
        UPDATE negotiation SET snapshot = $16, state = $17, outcome = $18, revision = $2, head_hash = $15, updated_at = $13
         WHERE id = $1 AND revision = $19 RETURNING 1
     ), e AS (
        INSERT INTO negotiation_event (${EVENT_COLUMNS})
        SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, ${person}::uuid FROM u RETURNING 1
     )${idem}${table}
     SELECT (SELECT count(*) FROM e)::int AS appended`,
    params,
  );
  if (rows[0].appended !== 1)
    throw new DomainError(
      'NEGOTIATION_STALE_REVISION',
      'the negotiation changed while this event was being written; reload it and retry',
      { negotiationId: n.id },
    );
}

export async function insertNegotiation(
  qr: QueryRunner,
  row: {
    id: string;
    industryCode: string;
    regionCode: string;
    year: number;
    title: string;
    workerPartyId: string;
    employerPartyId: string;
    policyProfileId: string;
    catalogId: string | null;
    machineId: string;
    machineVersion: number;
    state: string;
    persisted: PersistedRound;
    event: ChainedEvent & { hash: string };
  },
): Promise<void> {
  const e = row.event;
  await qr.query(
    `INSERT INTO negotiation (id, industry_code, region_code, year, title, worker_party_id, employer_party_id, policy_profile_id,
        machine_id, machine_version, state, outcome, snapshot, revision, head_hash, created_at, updated_at, catalog_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, 1, $13, $14, $14, $15)`,
    [
      row.id,
      row.industryCode,
      row.regionCode,
      row.year,
      row.title,
      row.workerPartyId,
      row.employerPartyId,
      row.policyProfileId,
      row.machineId,
      row.machineVersion,
      row.state,
      JSON.stringify(row.persisted),
      e.hash,
      e.occurredAt,
      row.catalogId,
    ],
  );
  await qr.query(
    `INSERT INTO negotiation_event (${EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [...eventParams(e, row.machineId, row.machineVersion), actorPersonOf(e)],
  );
}

// Where a deadline counted into a year with no published arrangement is reported (ADR 0029). Set once
// by the engine at start-up (RecomputeDeadlinesUseCase); the entry names the round, the deadline and
// the year, never a payload.
let calendarGapLog: Pick<AppLogger, 'warn'> | null = null;
export const reportCalendarGapsTo = (logger: Pick<AppLogger, 'warn'>) => {
  calendarGapLog = logger;
};

export type FlaggedDeadlineRow = DeadlineRow & { calendarMissingYear: number | null };

// Due dates from the calendar as the database holds it now, each flagged with the first year its
// counting ran through without a published arrangement: such a year was counted with weekends only,
// which is never silent (ADR 0029). Read model: calendar_day and calendar_year belong to
// src/calendar/ (calendar.store.ts), which sits above the engine (an edit there recomputes deadlines
// through the engine), so the door reads them here, inside its own transaction.
export async function computeDeadlineRows(
  qr: QueryRunner,
  bases: DeadlineBasis[],
  context: RoundContext,
): Promise<FlaggedDeadlineRow[]> {
  if (bases.length === 0) return [];
  const starts = bases.map((b) => b.startsOn).sort();
  const [days, years]: [
    { day: string; kind: 'holiday' | 'workday'; name: string }[],
    { year: number }[],
  ] = await Promise.all([
    qr.query(`SELECT day, kind, name FROM calendar_day WHERE day BETWEEN $1 AND $2`, [
      plusCalendarDays(starts[0], -400),
      plusCalendarDays(starts.at(-1)!, 400),
    ]),
    qr.query(`SELECT year FROM calendar_year`),
  ]);
  const published = new Set(years.map((y) => Number(y.year)));
  return dueDates(bases, new StatutoryCalendar(days), context).map((r) => ({
    ...r,
    calendarMissingYear:
      r.direction === 'fixed' ? null : firstYearWithoutArrangement(r.startsOn, r.dueOn, published),
  }));
}

export function logCalendarGaps(negotiationId: string, rows: FlaggedDeadlineRow[]): void {
  for (const r of rows)
    if (r.calendarMissingYear !== null && r.status === 'open')
      calendarGapLog?.warn(
        { negotiationId, deadline: r.key, year: r.calendarMissingYear, dueOn: r.dueOn },
        'deadline counted into a year with no published holiday arrangement',
      );
}

// The same bases, as values. Both lists are built by one function, so their members almost always
// come in the same order and one JSON.stringify each decides (equal texts are equal values); only
// texts that differ are compared in canonical form, so that a mere member order is never a change.
const sameBases = (a: DeadlineBasis[], b: DeadlineBasis[]): boolean =>
  JSON.stringify(a) === JSON.stringify(b) || canonicalJson(a) === canonicalJson(b);

// Deadlines change on few events; the calendar is read only when one does.
export async function syncDeadlines(
  qr: QueryRunner,
  negotiationId: string,
  before: RoundSnapshot | null,
  after: RoundSnapshot,
): Promise<boolean> {
  const next = deadlineBases(after.context);
  if (before && sameBases(deadlineBases(before.context), next)) return false;
  await qr.query(`DELETE FROM negotiation_deadline WHERE negotiation_id = $1`, [negotiationId]);
  if (next.length === 0) return true;
  const rows = await computeDeadlineRows(qr, next, after.context);
  const values: unknown[] = [];
  const tuples = rows.map((r) => {
    values.push(
      negotiationId,
      r.key,
      r.kind,
      r.startsOn,
      r.dueOn,
      r.dueAt,
      r.rule,
      r.legalSource,
      r.status,
      r.metOn,
      r.calendarMissingYear,
    );
    const b = values.length - 11;
    return `(${Array.from({ length: 11 }, (_, i) => `$${b + i + 1}`).join(', ')})`;
  });
  await qr.query(
    `INSERT INTO negotiation_deadline (negotiation_id, key, kind, starts_on, due_on, due_at, rule, legal_source, status, met_on, calendar_missing_year) VALUES ${tuples.join(', ')}`,
    values,
  );
  logCalendarGaps(negotiationId, rows);
  return true;
}

// A change the system records in a round's history without the machine (the state does not move),
// e.g. deadlines.recomputed (ADR 0029): chained like every event, and guarded by the revision locked.
export async function appendRecordedEvent(
  qr: QueryRunner,
  n: LockedNegotiation,
  event: ChainedEvent & { hash: string },
): Promise<void> {
  const rows = await qr.query(
    `WITH u AS (
        UPDATE negotiation SET revision = $2, head_hash = $15, updated_at = $13 WHERE id = $1 AND revision = $17 RETURNING 1
     ), e AS (
        INSERT INTO negotiation_event (${EVENT_COLUMNS})
        SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::uuid FROM u RETURNING 1
     )
     SELECT (SELECT count(*) FROM e)::int AS appended`,
    [...eventParams(event, n.machineId, n.machineVersion), actorPersonOf(event), n.revision],
  );
  if (rows[0].appended !== 1)
    throw new DomainError(
      'NEGOTIATION_STALE_REVISION',
      'the negotiation changed while its deadlines were being recomputed; retry',
      { negotiationId: n.id },
    );
}

// Catalog versions are immutable once created, so what a version contains is read once per process.
const catalogCache = new Map<string, { processes: string[]; productTypes: string[] }>();

// The pinned catalog version's processes and product types, for checking a table's lines. Read only
// for the events that carry rates, and then only the first time. Read model: the catalog's tables
// belong to src/piece-rates/ (catalog.store.ts), a shell beside the engine that the engine does not
// import.
export async function pinnedCatalog(
  qr: QueryRunner,
  catalogId: string,
): Promise<{ processes: string[]; productTypes: string[] }> {
  const cached = catalogCache.get(catalogId);
  if (cached) return cached;
  const rows: { kind: string; code: string }[] = await qr.query(
    `SELECT 'process' AS kind, code FROM catalog_process WHERE catalog_id = $1
     UNION ALL
     SELECT 'productType', code FROM catalog_group WHERE catalog_id = $1 AND kind = 'productType'`,
    [catalogId],
  );
  const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.code);
  const catalog = { processes: of('process'), productTypes: of('productType') };
  // A version with no processes is not cached: it cannot be pinned in practice, and an id read
  // before its creating transaction committed would otherwise be remembered empty.
  if (catalog.processes.length > 0) {
    if (catalogCache.size >= 200) catalogCache.clear();
    catalogCache.set(catalogId, catalog);
  }
  return catalog;
}

export interface RateTableRow {
  id: string;
  kind: 'offer' | 'draft';
  side: string;
  sessionNumber: number;
  scope: string;
  basedOn: string | null;
  sha256: string;
  note: string | null;
  createdBy: string;
  header: DraftHeader | null;
  lines: RateLine[] | DraftLine[];
}

// Stored offer tables by id, lines in their stored (canonical) order; rates as NUMERIC text.
export async function loadOfferTables(
  runner: { query(sql: string, params: unknown[]): Promise<unknown> },
  ids: string[],
): Promise<Map<string, RateLine[]>> {
  const tables = new Map<string, RateLine[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return tables;
  // One row per table, its lines as one JSON array: a subset offer reads its base (hundreds to
  // thousands of lines) on every write, and one native JSON.parse costs a fraction of a row apiece
  // through the driver (issue 10). Same lines, same order, same keys, rates as NUMERIC text.
  const rows = (await runner.query(
    `SELECT rate_table_id AS id,
            json_agg(json_build_object('productType', product_type, 'processCode', process_code, 'rate', rate::text) ORDER BY position) AS lines
       FROM rate_table_line WHERE rate_table_id = ANY($1::uuid[]) GROUP BY rate_table_id`,
    [ids],
  )) as { id: string; lines: RateLine[] }[];
  for (const { id, lines } of rows) tables.set(id, lines);
  return tables;
}

// The pair's agreed rates from its most recent signed round of any earlier year (issue 10: a pair
// that skipped a year, or whose later round failed or never finished, still has its last agreement),
// for the agreement's table and as the base of a first subset offer; re-expressed in this round's
// catalog version through every version between (renames, merges, splits, retirements: carryForward).
// Read model: the rounds joined with their pinned catalogs' versions and code mappings (piece-rates'
// tables), one consistent read inside the door's transaction.
export async function previousAgreement(
  qr: QueryRunner,
  n: { workerPartyId: string; employerPartyId: string; catalogId: string | null },
  year: number,
): Promise<{ items: RateItem[]; from: PreviousRound } | null> {
  // 'agreed' is the outcome of a signed round only; at most one round per pair and year is not
  // failed (negotiation_one_live_round_per_pair), so the year orders them.
  const [row] = await qr.query(
    `SELECT p.id, p.year, p.snapshot->'context'->'draft'->'items' AS items, p.snapshot->'context'->'draft'->>'draftId' AS "draftId",
            pc.industry_code AS industry,
            pc.version AS "fromVersion", (SELECT version FROM process_catalog WHERE id = $4) AS "toVersion"
       FROM negotiation p LEFT JOIN process_catalog pc ON pc.id = p.catalog_id
      WHERE p.worker_party_id = $1 AND p.employer_party_id = $2 AND p.year < $3 AND p.outcome = 'agreed'
      ORDER BY p.year DESC, p.updated_at DESC LIMIT 1`,
    [n.workerPartyId, n.employerPartyId, year, n.catalogId],
  );
  if (!row) return null;
  const from = { negotiationId: row.id, year: row.year, catalogVersion: row.fromVersion ?? null };
  // Drafts agreed before ADR 0018 carry their lines inline; later ones are rows of their own.
  const items: RateItem[] | null =
    row.items ??
    (row.draftId ? ((await loadOfferTables(qr, [row.draftId])).get(row.draftId) ?? null) : null);
  if (!items) return null;
  if (row.fromVersion === null || row.toVersion === null || row.fromVersion >= row.toVersion)
    return { items, from };
  const mappings: (CodeMapping & { version: number })[] = await qr.query(
    `SELECT c.version, m.from_code AS "fromCode", m.to_code AS "toCode", m.kind
       FROM catalog_code_mapping m JOIN process_catalog c ON c.id = m.catalog_id
      WHERE c.industry_code = $1 AND c.version > $2 AND c.version <= $3
      ORDER BY c.version, m.id`,
    [row.industry, row.fromVersion, row.toVersion],
  );
  const versions = new Map<number, CodeMapping[]>();
  for (let v = row.fromVersion + 1; v <= row.toVersion; v++) versions.set(v, []);
  for (const { version, ...m } of mappings) versions.get(version)!.push(m);
  return { items: carryForward(items, [...versions.values()]), from };
}

// Read model (ADR 0038): the pair's last signed round of an earlier year, as stored, for an own event's
// preparer; the door turns it into its terms with that round's own version.
export async function previousSignedRound(
  qr: QueryRunner,
  n: { workerPartyId: string; employerPartyId: string },
  year: number,
): Promise<{
  id: string;
  year: number;
  machineId: string;
  machineVersion: number;
  snapshot: PersistedRound;
} | null> {
  const [row] = await qr.query(
    `SELECT id, year, machine_id AS "machineId", machine_version AS "machineVersion", snapshot
       FROM negotiation
      WHERE worker_party_id = $1 AND employer_party_id = $2 AND year < $3 AND outcome = 'agreed'
      ORDER BY year DESC, updated_at DESC LIMIT 1`,
    [n.workerPartyId, n.employerPartyId, year],
  );
  return row ?? null;
}

/** The rates of previousAgreement alone. */
export async function previousAgreedRates(
  qr: QueryRunner,
  n: { workerPartyId: string; employerPartyId: string; catalogId: string | null },
  year: number,
): Promise<RateItem[] | null> {
  return (await previousAgreement(qr, n, year))?.items ?? null;
}

// An agreed draft's table as stored (ADR 0018), or null if there is no such draft.
export async function loadDraftTable(
  runner: { query(sql: string, params: unknown[]): Promise<unknown> },
  draftId: string,
): Promise<AgreementTable | null> {
  const [head] = (await runner.query(
    `SELECT header FROM rate_table WHERE id = $1 AND kind = 'draft'`,
    [draftId],
  )) as { header: DraftHeader }[];
  if (!head) return null;
  const lines = (await runner.query(
    `SELECT product_type AS "productType", process_code AS "processCode", rate::text AS rate,
            previous_rate::text AS "previousRate", is_industry_minimum AS "isIndustryMinimum"
       FROM rate_table_line WHERE rate_table_id = $1 ORDER BY position`,
    [draftId],
  )) as DraftLine[];
  return tableFromLines(lines, head.header);
}

// The grants the account of a person holds on the given parties (the both-sides rule on accounts,
// ADR 0014): a delegation names people by person id, the account's grants say whose side they are
// really on. Read model: account and account_role belong to src/accounts/ and the grants' store
// (src/administration/grants.store.ts); one join inside the door's transaction answers it.
export async function grantsOfPerson(
  qr: QueryRunner,
  personId: string,
  partyIds: string[],
): Promise<{ role: string; partyId: string }[]> {
  return qr.query(
    `SELECT DISTINCT r.role, r.party_id AS "partyId" FROM account a JOIN account_role r ON r.account_id = a.id
      WHERE a.person_id = $1 AND r.party_id = ANY($2::uuid[]) ORDER BY r.role`,
    [personId, partyIds],
  );
}

// Read model (the catalog's tables belong to src/piece-rates/, a shell beside the engine that the
// engine does not import): the process catalog version a new round pins, the one asked for or the
// industry's latest, read inside the opening's transaction.
export async function catalogToPin(
  qr: Transactional,
  industryCode: string,
  version: number | null,
): Promise<{ id: string; version: number } | null> {
  const [catalog] = (await qr.query(
    `SELECT id, version FROM process_catalog WHERE industry_code = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
    [industryCode, version],
  )) as { id: string; version: number }[];
  return catalog ?? null;
}

// In id order, so two calendar edits lock rounds in the same order.
export const openRoundsWithDeadlinesBetween = (
  qr: Transactional,
  from: string,
  to: string,
): Promise<{ id: string }[]> =>
  qr.query(
    `SELECT DISTINCT n.id FROM negotiation n JOIN negotiation_deadline d ON d.negotiation_id = n.id
      WHERE n.outcome = 'open' AND d.status = 'open'
        AND LEAST(d.starts_on, d.due_on) <= $2::date AND GREATEST(d.starts_on, d.due_on) >= $1::date
      ORDER BY n.id`,
    [from, to],
  ) as Promise<{ id: string }[]>;

export const openDeadlinesOf = (
  qr: Transactional,
  negotiationId: string,
): Promise<{ key: string; dueOn: string; calendarMissingYear: number | null }[]> =>
  qr.query(
    `SELECT key, due_on AS "dueOn", calendar_missing_year AS "calendarMissingYear"
       FROM negotiation_deadline WHERE negotiation_id = $1 AND status = 'open'`,
    [negotiationId],
  ) as Promise<{ key: string; dueOn: string; calendarMissingYear: number | null }[]>;

export async function moveDeadline(
  qr: Transactional,
  negotiationId: string,
  key: string,
  to: { dueOn: string; dueAt: string; calendarMissingYear: number | null },
): Promise<void> {
  await qr.query(
    `UPDATE negotiation_deadline SET due_on = $3, due_at = $4, calendar_missing_year = $5
      WHERE negotiation_id = $1 AND key = $2`,
    [negotiationId, key, to.dueOn, to.dueAt, to.calendarMissingYear],
  );
}

// The read side's rows. The pinned catalog's version is read beside the round (a read model: the
// catalog's tables belong to src/piece-rates/, which the engine does not import).
const ROW_COLUMNS = `n.id, n.title, n.year, n.state, n.outcome, n.revision, n.industry_code AS "industryCode", n.region_code AS "regionCode",
  n.worker_party_id AS "workerPartyId", n.employer_party_id AS "employerPartyId", n.policy_profile_id AS "policyProfileId",
  n.machine_id AS "machineId", n.machine_version AS "machineVersion", n.catalog_id AS "catalogId",
  (SELECT c.version FROM process_catalog c WHERE c.id = n.catalog_id) AS "catalogVersion", n.head_hash AS "headHash", n.created_at AS "createdAt", n.updated_at AS "updatedAt"`;

export type RoundRow = LockedNegotiation & {
  catalogVersion: number | null;
  title: string;
  year: number;
  state: string;
  policyProfileId: string;
  createdAt: Date;
  updatedAt: Date;
};

// A page of the rounds the caller may read (the scope is the same rule as canRead, as SQL).
export async function listRounds(
  tx: Transactional,
  caller: Caller,
  q: {
    industry?: string;
    region?: string;
    year?: number;
    state?: string;
    outcome?: string;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: RoundRow[] }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.industry) add((p) => `n.industry_code = ${p}`, q.industry);
  if (q.region) add(regionCoversSql, q.region);
  if (q.year) add((p) => `n.year = ${p}`, q.year);
  if (q.state) add((p) => `n.state = ${p}`, q.state);
  if (q.outcome) add((p) => `n.outcome = ${p}`, q.outcome);
  const scope = visibilityClause(caller, params.length + 1);
  params.push(...scope.params);
  where.push(scope.sql);
  const clause = where.join(' AND ');
  const [{ total }] = (await tx.query(
    `SELECT count(*)::int AS total FROM negotiation n WHERE ${clause}`,
    params,
  )) as { total: number }[];
  const items = (await tx.query(
    `SELECT ${ROW_COLUMNS} FROM negotiation n WHERE ${clause} ORDER BY n.year DESC, n.created_at DESC, n.id LIMIT ${q.limit} OFFSET ${q.offset}`,
    params,
  )) as RoundRow[];
  return { total, items };
}

export async function roundRow(
  tx: Transactional,
  id: string,
): Promise<(RoundRow & { snapshot: LockedNegotiation['snapshot'] }) | null> {
  const [row] = (await tx.query(
    `SELECT ${ROW_COLUMNS}, n.snapshot FROM negotiation n WHERE n.id = $1`,
    [id],
  )) as (RoundRow & { snapshot: LockedNegotiation['snapshot'] })[];
  return row ?? null;
}

export const deadlinesOf = (tx: Transactional, negotiationId: string): Promise<unknown[]> =>
  tx.query(
    `SELECT key, kind, starts_on AS "startsOn", due_on AS "dueOn", due_at AS "dueAt", rule, legal_source AS "legalSource", status, met_on AS "metOn",
            calendar_missing_year AS "calendarMissingYear"
       FROM negotiation_deadline WHERE negotiation_id = $1 ORDER BY due_on, key`,
    [negotiationId],
  ) as Promise<unknown[]>;

// The history as the chain hashed it, after seq `afterSeq`.
export async function historyEvents(
  tx: Transactional,
  id: string,
  afterSeq: number,
  limit: number | null,
): Promise<(ChainedEvent & { hash: string })[]> {
  const rows = (await tx.query(
    `SELECT negotiation_id, seq, type, payload, actor_account_id, actor_member_ref, actor_person_id, actor_capacity, actor_side, state_before, state_after,
            machine_id, machine_version, occurred_at, prev_hash, hash
       FROM negotiation_event WHERE negotiation_id = $1 AND seq > $2 ORDER BY seq ${limit ? `LIMIT ${limit}` : ''}`,
    [id, afterSeq],
  )) as Record<string, never>[];
  return rows.map((r) => ({
    negotiationId: r.negotiation_id,
    seq: r.seq,
    type: r.type,
    payload: r.payload,
    actor: actorOf(r),
    stateBefore: r.state_before,
    stateAfter: r.state_after,
    machine: `${r.machine_id}@${r.machine_version}`,
    occurredAt: (r.occurred_at as Date).toISOString(),
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

// The sender as the chain hashed it: by member handle before ADR 0025, by person id since.
function actorOf(r: Record<string, string | null>): ChainedEvent['actor'] {
  const base = { accountId: r.actor_account_id!, capacity: r.actor_capacity!, side: r.actor_side };
  return r.actor_member_ref !== null
    ? { ...base, memberRef: r.actor_member_ref }
    : { ...base, personId: r.actor_person_id };
}
