import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { refuseOverLimit } from '../common/limits.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { acceptedEventTypes, eventsActorMaySend, stateName } from '../kernel/round/decide-event.js';
import type { MachineVersionDefinition, RoundSnapshot } from '../kernel/round/procedure.js';
import type { ListNegotiationsQuery } from './dto/negotiation-requests.dto.js';
import { verifyChain, type ChainedEvent } from './history-chain.js';
import { ProcedureRegistry } from './procedure-registry.js';
import { actorIn, canRead, regionCoversSql, visibilityClause } from './negotiation.access.js';
import { agreementDigest } from '../kernel/round/agreement-table.js';
import { loadDraftTable, loadOfferTables, type LockedNegotiation } from './negotiation.store.js';
import { tableDigest } from '../kernel/rates/rate-table.js';
import { PeopleService } from '../people/people.service.js';
import { named, namedDelegate, peopleNamedBy, peopleOf } from './named-people.js';
import type { RoundContext, Side, TabledOffer } from '../kernel/round/round.types.js';
import { versionsOf } from '../kernel/round/round.reducer.js';
import { toResponse } from '../common/api-contract.js';
import {
  ChainVerification,
  HistoryEventFields,
  NegotiationSummary,
  NegotiationView,
  type OfferSummary,
} from './dto/negotiation.response.js';

const ROW_COLUMNS = `n.id, n.title, n.year, n.state, n.outcome, n.revision, n.industry_code AS "industryCode", n.region_code AS "regionCode",
  n.worker_party_id AS "workerPartyId", n.employer_party_id AS "employerPartyId", n.policy_profile_id AS "policyProfileId",
  n.machine_id AS "machineId", n.machine_version AS "machineVersion", n.catalog_id AS "catalogId",
  (SELECT c.version FROM process_catalog c WHERE c.id = n.catalog_id) AS "catalogVersion", n.head_hash AS "headHash", n.created_at AS "createdAt", n.updated_at AS "updatedAt"`;

type Row = LockedNegotiation & {
  catalogVersion: number | null;
  title: string;
  year: number;
  state: string;
  policyProfileId: string;
  createdAt: Date;
  updatedAt: Date;
};

// The state in words, from the definition's texts (the innermost active state).
function describe(
  def: MachineVersionDefinition,
  snapshot: RoundSnapshot,
): { en: string; zh: string } {
  const leaf = snapshot._nodes.filter((n) => n.type === 'atomic' || n.type === 'final').at(-1)!;
  const text = def.states[leaf.path.join('.')];
  return { en: text?.en ?? '', zh: text?.zh ?? '' };
}

// The read side: every query is scoped to the caller (out of scope is 404, never a leak).
@Injectable()
export class NegotiationService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly people: PeopleService,
    private readonly procedures: ProcedureRegistry,
  ) {}

  async list(caller: Caller, q: ListNegotiationsQuery) {
    refuseOverLimit(this.config.limits, 'pageSize', q.limit, 'limit');
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
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM negotiation n WHERE ${clause}`,
      params,
    );
    const items = await this.dataSource.query(
      `SELECT ${ROW_COLUMNS} FROM negotiation n WHERE ${clause} ORDER BY n.year DESC, n.created_at DESC, n.id LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const next = q.offset + items.length;
    return {
      items: items.map((r: Row) => toResponse(NegotiationSummary, r)),
      page: { limit: q.limit, next: next < total ? next : null },
      total,
    };
  }

  private async visibleRow(
    caller: Caller,
    id: string,
  ): Promise<Row & { snapshot: LockedNegotiation['snapshot'] }> {
    const [row] = await this.dataSource.query(
      `SELECT ${ROW_COLUMNS}, n.snapshot FROM negotiation n WHERE n.id = $1`,
      [id],
    );
    if (!row || !canRead(caller, row))
      throw new DomainError('NEGOTIATION_NOT_FOUND', `no negotiation ${id} is visible to you`, {
        negotiationId: id,
      });
    return row;
  }

  // What the caller is in a negotiation they can see (404 otherwise): for features beside the round
  // (caucus notes, rate surveys) that decide by side.
  async participation(caller: Caller, id: string) {
    const row = await this.visibleRow(caller, id);
    const snapshot = this.procedures.restore(
      this.procedures.get(row.machineId, row.machineVersion),
      row.snapshot,
      row.id,
    );
    const actor = actorIn(caller, row, snapshot.context);
    return {
      row,
      context: snapshot.context,
      actor,
      sides: [...new Set([...actor.chiefOf, ...actor.memberOf])],
    };
  }

  async view(caller: Caller, id: string) {
    const row = await this.visibleRow(caller, id);
    const def = this.procedures.get(row.machineId, row.machineVersion);
    const snapshot = this.procedures.restore(def, row.snapshot, row.id);
    const c = snapshot.context;
    const actor = actorIn(caller, row, c);
    const ownSides = new Set([...actor.chiefOf, ...actor.memberOf]);
    const deadlines = await this.dataSource.query(
      `SELECT key, kind, starts_on AS "startsOn", due_on AS "dueOn", due_at AS "dueAt", rule, legal_source AS "legalSource", status, met_on AS "metOn",
              calendar_missing_year AS "calendarMissingYear"
         FROM negotiation_deadline WHERE negotiation_id = $1 ORDER BY due_on, key`,
      [id],
    );
    // Names are read from the registry now, never from the round (ADR 0025).
    const names = await this.people.displayNames(peopleOf(c));
    const offers = offersOf(c);
    const summaryOf = (o: TabledOffer | null) =>
      o &&
      offerSummary(
        offers.find(
          (x) =>
            x.offerId === o.offerId ||
            (!o.offerId && x.tabledAt === o.tabledAt && x.side === o.side),
        ) ?? o,
      );
    return toResponse(NegotiationView, {
      id: row.id,
      title: row.title,
      industryCode: row.industryCode,
      regionCode: row.regionCode,
      year: row.year,
      machine: { id: def.id, version: def.version },
      policyProfileId: row.policyProfileId,
      catalogVersion: row.catalogVersion,
      state: stateName(snapshot.value),
      outcome: row.outcome,
      description: describe(def, snapshot),
      revision: row.revision,
      headHash: row.headHash,
      acceptedEvents: acceptedEventTypes(snapshot),
      youMaySend: eventsActorMaySend(def, snapshot, actor),
      yourSides: [...ownSides],
      parties: c.parties,
      registration: c.registration,
      delegations: {
        worker: c.delegations.worker.map((d) => namedDelegate(d, names)),
        employer: c.delegations.employer.map((d) => namedDelegate(d, names)),
      },
      recorder: c.recorder && named(c.recorder, names),
      recorderReplacement: c.recorderReplacement
        ? { ...c.recorderReplacement, ...named(c.recorderReplacement, names) }
        : null,
      formerRecorders: (c.formerRecorders ?? []).map((r) => ({ ...r, ...named(r, names) })),
      delegationsConfirmedOn: c.delegationsConfirmedOn,
      vacancies: c.vacancies,
      offer: c.offer,
      reply: c.reply,
      decline: c.decline,
      agenda: c.agenda,
      informationRequests: c.informationRequests,
      // Caucuses are confidential to their side: others do not even see the list (ADR 0008).
      caucuses: c.caucuses.filter((x) => ownSides.has(x.side)),
      sessions: c.sessions.map((s, i) => ({
        ...s,
        minutesVersions: versionsOf(s),
        offers: offers.filter((o) => o.sessionNumber === i + 1).map(offerSummary),
      })),
      latestOffers: {
        worker: summaryOf(c.latestOffers.worker),
        employer: summaryOf(c.latestOffers.employer),
      },
      suspension: c.suspension,
      coordination: c.coordination,
      coordinationAgreements: c.coordinationAgreements,
      draft: c.draft,
      ratification: c.ratification,
      ballots: c.ballots,
      agreement: c.agreement,
      closure: c.closure,
      deadlines,
      policy: c.policy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  }

  private async events(
    id: string,
    afterSeq: number,
    limit: number | null,
  ): Promise<(ChainedEvent & { hash: string })[]> {
    const rows = await this.dataSource.query(
      `SELECT negotiation_id, seq, type, payload, actor_account_id, actor_member_ref, actor_person_id, actor_capacity, actor_side, state_before, state_after,
              machine_id, machine_version, occurred_at, prev_hash, hash
         FROM negotiation_event WHERE negotiation_id = $1 AND seq > $2 ORDER BY seq ${limit ? `LIMIT ${limit}` : ''}`,
      [id, afterSeq],
    );
    return rows.map((r: Record<string, never>) => ({
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

  async history(caller: Caller, id: string, afterSeq: number, limit: number) {
    const { row, sides } = await this.participation(caller, id);
    refuseOverLimit(this.config.limits, 'historyPage', limit, 'limit');
    const events = (await this.events(id, afterSeq, limit)).map((e) => shownTo(e, sides));
    // The events name people by id; their names are read from the registry now (ADR 0025).
    const names = await this.people.displayNames(peopleNamedBy(events));
    return {
      // The payload passes as recorded: the hash chain commits to every byte of it.
      items: events.map((e) => ({
        ...toResponse(HistoryEventFields, e),
        type: e.type,
        payload: e.payload,
      })),
      page: { limit, next: events.length === limit ? events.at(-1)!.seq : null },
      negotiationId: id,
      revision: row.revision,
      headHash: row.headHash,
      people: Object.fromEntries(names),
    };
  }

  async verify(caller: Caller, id: string) {
    const row = await this.visibleRow(caller, id);
    const events = await this.events(id, 0, null);
    const result = verifyChain(events);
    const headMatches = result.headHash === row.headHash;
    // The chain commits to each offer's digest; the stored lines must still hash to it (ADR 0013).
    const offers = events.flatMap((e) => {
      const p = e.payload as { offerId?: string; sha256?: string };
      return e.type === 'offer.tabled' && p.offerId ? [{ seq: e.seq, ...p }] : [];
    });
    const tables = await loadOfferTables(
      this.dataSource,
      offers.map((o) => o.offerId!),
    );
    const alteredOffers = offers
      .filter((o) => tableDigest(tables.get(o.offerId!)!) !== o.sha256)
      .map((o) => ({ seq: o.seq, offerId: o.offerId! }));
    // Likewise each agreed draft's table (ADR 0018); drafts agreed before it are inline in the chain.
    const drafts = events.flatMap((e) => {
      const p = e.payload as { draftId?: string; sha256?: string };
      return e.type === 'draft.agreed' && p.draftId ? [{ seq: e.seq, ...p }] : [];
    });
    const alteredDrafts: { seq: number; draftId: string }[] = [];
    for (const d of drafts) {
      const table = await loadDraftTable(this.dataSource, d.draftId!);
      if (!table || agreementDigest(table) !== d.sha256)
        alteredDrafts.push({ seq: d.seq, draftId: d.draftId! });
    }
    return toResponse(ChainVerification, {
      negotiationId: id,
      revision: row.revision,
      valid:
        result.valid && headMatches && alteredOffers.length === 0 && alteredDrafts.length === 0,
      headHash: row.headHash,
      recomputedHeadHash: result.headHash,
      firstBreak: result.firstBreak,
      offersChecked: offers.length,
      alteredOffers,
      draftsChecked: drafts.length,
      alteredDrafts,
    });
  }
}

// The sender as the chain hashed it: by member handle before ADR 0025, by person id since.
function actorOf(r: Record<string, string | null>): ChainedEvent['actor'] {
  const base = { accountId: r.actor_account_id!, capacity: r.actor_capacity!, side: r.actor_side };
  return r.actor_member_ref !== null
    ? { ...base, memberRef: r.actor_member_ref }
    : { ...base, personId: r.actor_person_id };
}

// Offers tabled before ADR 0013 carry their table inline and have no id of their own.
const idOf = (o: TabledOffer, index: number) => o.offerId ?? `s${o.sessionNumber}-${index + 1}`;

/** Every offer of the round, each with its id (legacy ones get s<session>-<n>). */
export function offersOf(ctx: RoundContext): TabledOffer[] {
  return ctx.sessions.flatMap((s) => s.offers.map((o, i) => ({ ...o, offerId: idOf(o, i) })));
}

// An offer's own identity is `id` wherever it is shown; `offerId` is how other objects refer to it.
// Legacy offers have no scope, digest or count of their own; they are described from their lines.
export const offerSummary = ({ items: inline, ...o }: TabledOffer): OfferSummary => ({
  id: o.offerId,
  side: o.side,
  sessionNumber: o.sessionNumber,
  tabledAt: o.tabledAt,
  scope: o.scope ?? 'subset',
  basedOn: o.basedOn ?? null,
  lineCount: o.lineCount ?? inline?.length ?? 0,
  sha256: o.sha256 ?? null,
  note: o.note,
});

// A caucus recorded before ADR 0014 carries an unsalted SHA-256 of its note, which a reader can test
// guesses against. Outside the note's side it is withheld; the event says so, and such a reader checks
// the chain with GET …/history/verify instead of offline.
function shownTo<E extends ChainedEvent>(e: E, sides: Side[]): E & { withheld?: string[] } {
  const p = e.payload as { noteSha256?: string };
  if (e.type !== 'caucus.held' || p.noteSha256 === undefined) return e;
  if (sides.some((s) => s === e.actor.side)) return e;
  return { ...e, payload: { ...p, noteSha256: null }, withheld: ['payload.noteSha256'] };
}
