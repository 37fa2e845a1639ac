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
import { actorIn, canRead } from './negotiation.access.js';
import { agreementDigest } from '../kernel/round/agreement-table.js';
import { isYourMove } from '../kernel/round/round.deadlines.js';
import {
  deadlinesOf,
  historyEvents,
  listRounds,
  loadDraftTable,
  loadOfferTables,
  roundRow,
  type LockedNegotiation,
  type RoundRow,
} from './negotiation.store.js';
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
  NegotiationTerms,
  NegotiationView,
  type OfferSummary,
} from './dto/negotiation.response.js';

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
    const { total, items } = await listRounds(this.dataSource, caller, q);
    const next = q.offset + items.length;
    return {
      items: items.map((r) => toResponse(NegotiationSummary, r)),
      page: { limit: q.limit, next: next < total ? next : null },
      total,
    };
  }

  private async visibleRow(
    caller: Caller,
    id: string,
  ): Promise<RoundRow & { snapshot: LockedNegotiation['snapshot'] }> {
    const row = await roundRow(this.dataSource, id);
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

  // ADR 0037: the terms an industry's own events built (its procedure version describes them); the
  // same readers as the round itself.
  async terms(caller: Caller, id: string) {
    const row = await this.visibleRow(caller, id);
    const def = this.procedures.get(row.machineId, row.machineVersion);
    if (!def.terms)
      throw new DomainError(
        'TERMS_NOT_KEPT',
        `${def.id}@${def.version} keeps no terms of its own; read the round at GET /api/negotiations/${id} and its tables at …/offers and …/agreement-table`,
        { negotiationId: id, machine: `${def.id}@${def.version}` },
      );
    const snapshot = this.procedures.restore(def, row.snapshot, row.id);
    return toResponse(NegotiationTerms, {
      negotiationId: row.id,
      industryCode: row.industryCode,
      machine: { id: def.id, version: def.version },
      revision: row.revision,
      terms: def.terms.describe(snapshot.context),
    });
  }

  async view(caller: Caller, id: string) {
    const row = await this.visibleRow(caller, id);
    const def = this.procedures.get(row.machineId, row.machineVersion);
    const snapshot = this.procedures.restore(def, row.snapshot, row.id);
    const c = snapshot.context;
    const actor = actorIn(caller, row, c);
    const ownSides = new Set([...actor.chiefOf, ...actor.memberOf]);
    const youMaySend = eventsActorMaySend(def, snapshot, actor);
    const deadlines = (
      (await deadlinesOf(this.dataSource, id)) as { kind: string; key: string; status: string }[]
    ).map((d) => ({ ...d, yourMove: isYourMove(d, c, actor, youMaySend) }));
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
      youMaySend,
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
      increaseBand: c.increaseBand ?? null,
      industryRecord: def.record?.(c) ?? {},
      deadlines,
      policy: c.policy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  }

  async history(caller: Caller, id: string, afterSeq: number, limit: number) {
    const { row, sides } = await this.participation(caller, id);
    refuseOverLimit(this.config.limits, 'historyPage', limit, 'limit');
    const events = (await historyEvents(this.dataSource, id, afterSeq, limit)).map((e) =>
      shownTo(e, sides),
    );
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
    const events = await historyEvents(this.dataSource, id, 0, null);
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
  ...(o.increaseBand ? { increaseBand: o.increaseBand, bandReasons: o.bandReasons ?? [] } : {}),
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
