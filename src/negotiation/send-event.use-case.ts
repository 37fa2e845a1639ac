import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { findPriorResponse, replayPrior, type StoredResponse } from '../common/idempotency.js';
import { LIMIT_SETTINGS, refuseOverLimit, snapshotTooLarge } from '../common/limits.js';
import { APP_LOGGER, type AppLogger } from '../common/logger.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import {
  decideEvent,
  type ClientRequest,
  type Decision,
  type EventRequest,
} from '../kernel/round/decide-event.js';
import { machineRegistry } from './machine-registry.js';
import { actorIn, canRead } from './negotiation.access.js';
import {
  agreementTable,
  resolveDraft,
  type ResolvedDraft,
} from '../kernel/round/agreement-table.js';
import {
  chainEvent,
  commitEvent,
  grantsOfPerson,
  loadOfferTables,
  lockNegotiation,
  personStanding,
  pinnedCatalog,
  previousAgreedRates,
  syncDeadlines,
  type LockedNegotiation,
} from './negotiation.store.js';
import {
  catalogViolations,
  resolveOffer,
  type ResolvedOffer,
} from '../kernel/round/offer-table.js';
import type {
  DraftRequest,
  OfferTableRequest,
  RoundEventOf,
} from '../kernel/round/round.events.js';
import { rateItemViolations } from '../kernel/round/round.rules.js';
import type { RateItem, RoundContext, Violation } from '../kernel/round/round.types.js';

export interface SendEventCommand {
  negotiationId: string;
  expectedRevision: number;
  request: ClientRequest;
  idempotency: { key: string; requestHash: string } | null;
  // Rows that must commit with the event (a caucus note), written inside the same transaction.
  alsoWrite?: (qr: QueryRunner, decision: Decision) => Promise<void>;
}

export interface EventAccepted {
  negotiationId: string;
  seq: number;
  type: string;
  stateBefore: string;
  state: string;
  revision: number;
  hash: string;
  occurredAt: string;
}

// The one door for changing a negotiation (ADR 0002): one transaction that locks the row, checks the
// revision, restores the snapshot, lets the pure core decide, and persists snapshot, event and
// deadlines together. Logging happens only after commit.
@Injectable()
export class SendEventUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(
    caller: Caller,
    cmd: SendEventCommand,
  ): Promise<StoredResponse & { replayed: boolean }> {
    try {
      return await this.write(caller, cmd);
    } catch (e) {
      // The same key's first use committed while we were working: replay it (or 422), never a 409/500.
      const lostKeyRace =
        (e as { code?: string }).code === '23505' ||
        (e instanceof DomainError && e.code === 'NEGOTIATION_STALE_REVISION');
      if (cmd.idempotency && lostKeyRace) {
        const prior = await findPriorResponse(
          this.dataSource,
          caller.accountId,
          cmd.idempotency.key,
          cmd.idempotency.requestHash,
        );
        if (prior) return { ...prior, replayed: true };
      }
      throw e;
    }
  }

  // The hot path in four round trips: BEGIN, lock + key lookup, one commit statement, COMMIT.
  // (Other writes use inIdempotentTransaction, which claims the key first; here the key row is
  // inserted by the commit statement instead, which saves a round trip and an update — ADR 0005.)
  private async write(
    caller: Caller,
    cmd: SendEventCommand,
  ): Promise<StoredResponse & { replayed: boolean }> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const n = await lockNegotiation(
        qr,
        cmd.negotiationId,
        cmd.idempotency && { accountId: caller.accountId, key: cmd.idempotency.key },
      );
      // Scope before the key: a reused key answers 422 only where a missing round would not be 404,
      // so a key cannot tell a foreign round from a missing one.
      if (!n || !canRead(caller, n))
        throw new DomainError(
          'NEGOTIATION_NOT_FOUND',
          `no negotiation ${cmd.negotiationId} is visible to you`,
          { negotiationId: cmd.negotiationId },
        );
      if (n.priorKey && cmd.idempotency) {
        const prior = replayPrior(n.priorKey, cmd.idempotency.requestHash, cmd.idempotency.key);
        await qr.rollbackTransaction();
        return { ...prior, replayed: true };
      }
      if (n.revision !== cmd.expectedRevision)
        throw new DomainError(
          'NEGOTIATION_STALE_REVISION',
          `the negotiation is at revision ${n.revision}, not ${cmd.expectedRevision}; reload it, check what changed, and resend with expectedRevision ${n.revision}`,
          {
            negotiationId: n.id,
            expectedRevision: cmd.expectedRevision,
            currentRevision: n.revision,
          },
        );

      const def = machineRegistry.get(n.machineId, n.machineVersion);
      const snapshot = machineRegistry.restore(def, n.snapshot, n.id);
      const at = this.clock.now().toISOString();
      const actor = actorIn(caller, n, snapshot.context);
      // The pure decision first, so refusals keep their order (403, 409, 422); the data checks follow.
      const limits = this.config.limits;
      let decision = decideEvent(def, snapshot, provisional(cmd.request), actor, at, limits);
      refuseLongTables(cmd.request, limits);
      let offer: ResolvedOffer | null = null;
      if (cmd.request.type === 'offer.tabled') {
        offer = await this.resolveOffer(
          qr,
          n,
          snapshot.context,
          decision,
          cmd.request.payload as OfferTableRequest,
        );
        decision = decideEvent(
          def,
          snapshot,
          { type: 'offer.tabled', payload: offer.payload },
          actor,
          at,
          limits,
        );
      }
      let draft: ResolvedDraft | null = null;
      if (cmd.request.type === 'draft.agreed') {
        draft = await this.resolveDraft(
          qr,
          n,
          snapshot.context,
          cmd.request.payload as DraftRequest,
        );
        decision = decideEvent(
          def,
          snapshot,
          { type: 'draft.agreed', payload: draft.payload },
          actor,
          at,
          limits,
        );
      }

      if (
        decision.event.type === 'delegate.appointed' ||
        decision.event.type === 'recorder.appointed'
      ) {
        await refuseUnknownOrErased(qr, decision.event.payload.personId);
        refuseIf(decision.event.type, await this.crossSideGrants(qr, n, decision.event));
      }

      const seq = n.revision + 1;
      const event = chainEvent(
        {
          negotiationId: n.id,
          seq,
          type: decision.event.type,
          payload: decision.event.payload,
          actor: decision.event.actor,
          stateBefore: decision.stateBefore,
          stateAfter: decision.stateAfter,
          machine: `${def.id}@${def.version}`,
          occurredAt: at,
        },
        n.headHash,
      );
      const accepted: EventAccepted = {
        negotiationId: n.id,
        seq,
        type: event.type,
        stateBefore: decision.stateBefore,
        state: decision.stateAfter,
        revision: seq,
        hash: event.hash,
        occurredAt: at,
      };
      const response = { status: 201, body: accepted };

      // Serialised once: its size is checked, and the same text is written.
      const persisted = JSON.stringify(machineRegistry.persist(decision.next));
      refuseLargeSnapshot(decision.event.type, persisted, n.snapshot, limits);
      await cmd.alsoWrite?.(qr, decision);
      await syncDeadlines(qr, n.id, snapshot, decision.next);
      await commitEvent(qr, {
        negotiation: n,
        next: decision.next,
        persisted,
        stateAfter: decision.stateAfter,
        event,
        idempotency: cmd.idempotency
          ? { accountId: caller.accountId, ...cmd.idempotency, ...response }
          : null,
        table: offer
          ? {
              ...offer.payload,
              id: offer.payload.offerId,
              kind: 'offer',
              side: decision.event.actor.side!,
              sessionNumber: snapshot.context.sessions.length,
              createdBy: caller.accountId,
              header: null,
              lines: offer.lines,
            }
          : draft && {
              id: draft.payload.draftId,
              kind: 'draft',
              side: decision.event.actor.side!,
              sessionNumber: snapshot.context.sessions.length,
              scope: 'full',
              basedOn: null,
              sha256: draft.payload.sha256,
              note: null,
              createdBy: caller.accountId,
              header: draft.header,
              lines: draft.lines,
            },
      });
      await qr.commitTransaction();
      this.logger.info(
        {
          negotiationId: n.id,
          seq,
          event: event.type,
          from: decision.stateBefore,
          to: decision.stateAfter,
          revision: seq,
          actor: caller.username,
        },
        'state changed',
      );
      return { ...response, replayed: false };
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw e;
    } finally {
      await qr.release();
    }
  }

  // Nobody may sit on both sides of a pair: the delegation rules compare person ids, this compares the
  // grants of the account behind one. A delegate may hold no grant on the other party; the neutral
  // recorder none on either. Roles in other pairs do not count.
  private async crossSideGrants(
    qr: QueryRunner,
    n: LockedNegotiation,
    event: RoundEventOf<'delegate.appointed'> | RoundEventOf<'recorder.appointed'>,
  ): Promise<Violation[]> {
    const isRecorder = event.type === 'recorder.appointed';
    const side = event.actor.side;
    const parties = isRecorder
      ? [n.workerPartyId, n.employerPartyId]
      : [side === 'worker' ? n.employerPartyId : n.workerPartyId];
    const grants = await grantsOfPerson(qr, event.payload.personId, parties);
    return grants.map((g) => {
      const party = g.partyId === n.workerPartyId ? 'worker' : 'employer';
      return {
        rule: isRecorder ? 'recorder.holdsPartyGrant' : 'delegate.grantOnOtherSide',
        message: isRecorder
          ? `person ${event.payload.personId}'s account holds the ${g.role} role on the ${party} party of this round; the recorder must be neutral: appoint someone without a role on either party`
          : `person ${event.payload.personId}'s account holds the ${g.role} role on the ${party} party of this round; nobody may sit on both sides: appoint someone else, or have an administrator remove that role first`,
        field: 'personId',
      };
    });
  }

  // The agreement's table needs last year's rates: data, so it is computed here, after the pure
  // decision has accepted the draft's shape, and stored in its own rows (ADR 0018).
  private async resolveDraft(
    qr: QueryRunner,
    n: LockedNegotiation,
    ctx: RoundContext,
    request: DraftRequest,
  ): Promise<ResolvedDraft> {
    refuseIf('draft.agreed', [
      ...rateItemViolations(request.items, 'items'),
      ...(request.baseline?.length ? rateItemViolations(request.baseline, 'baseline') : []),
    ]);
    if (n.catalogId)
      refuseIf(
        'draft.agreed',
        catalogViolations(request.items, await pinnedCatalog(qr, n.catalogId)),
      );
    const { table, violations } = agreementTable(
      request,
      await previousAgreedRates(qr, n, ctx.year),
    );
    refuseIf('draft.agreed', violations);
    return resolveDraft(randomUUID(), request.text, table);
  }

  // A subset amends the offer it names, else this side's latest offer, else last year's agreed table.
  private async resolveOffer(
    qr: QueryRunner,
    n: LockedNegotiation,
    ctx: RoundContext,
    decision: Decision,
    request: OfferTableRequest,
  ): Promise<ResolvedOffer> {
    let base: { offerId: string | null; lines: RateItem[] } | null = null;
    if ((request.scope ?? 'subset') === 'subset') {
      const offers = ctx.sessions.flatMap((s) => s.offers);
      const named = request.basedOn
        ? offers.find((o) => o.offerId === request.basedOn)
        : ctx.latestOffers[decision.event.actor.side!];
      if (request.basedOn && !named)
        refuseIf('offer.tabled', [
          {
            rule: 'offer.basedOnUnknown',
            message: `basedOn ${request.basedOn} is not an offer of this round; list them at GET /negotiations/${n.id}/offers`,
            field: 'basedOn',
          },
        ]);
      if (named)
        base = {
          offerId: named.offerId ?? null,
          lines: named.items ?? (await loadOfferTables(qr, [named.offerId])).get(named.offerId)!,
        };
      else {
        const previous = await previousAgreedRates(qr, n, ctx.year);
        if (previous) base = { offerId: null, lines: previous };
      }
    }
    const catalog = n.catalogId ? await pinnedCatalog(qr, n.catalogId) : null;
    const resolved = resolveOffer(randomUUID(), request, base, catalog);
    refuseIf('offer.tabled', resolved.violations);
    return resolved;
  }
}

// An appointment names a person of the registry (ADR 0025): someone it does not hold, or has erased,
// cannot take a seat.
async function refuseUnknownOrErased(qr: QueryRunner, personId: string): Promise<void> {
  const person = await personStanding(qr, personId);
  if (!person)
    throw new DomainError(
      'PERSON_UNKNOWN',
      `no person ${personId} in the people registry; an administrator adds them at POST /api/people, then appoint them by that id`,
      { personId, field: 'personId' },
    );
  if (person.erased)
    throw new DomainError(
      'PERSON_ERASED',
      `person ${personId} was erased from the people registry and cannot be appointed; appoint someone else`,
      { personId, field: 'personId' },
    );
}

function refuseIf(eventType: string, violations: Violation[]): void {
  if (violations.length > 0)
    throw new DomainError(
      'RULE_VIOLATED',
      `${eventType} breaks ${violations.length} rule(s): ${violations.map((v) => v.message).join('; ')}`,
      { eventType, violations },
    );
}

// Every rate table a request carries is bounded by one setting (ADR 0018); checked after admission so
// an outsider learns nothing, and before any line is read.
function refuseLongTables(request: ClientRequest, limits: AppConfig['limits']): void {
  const p = request.payload as Partial<Record<string, unknown>>;
  const tables =
    request.type === 'offer.tabled'
      ? ['items']
      : request.type === 'draft.agreed'
        ? ['items', 'baseline', 'industryMinimum', 'confirmedCuts', 'typicalMonthlyOutput']
        : [];
  for (const field of tables) {
    const list = p[field];
    if (Array.isArray(list)) refuseOverLimit(limits, 'rateTableLines', list.length, field);
  }
}

// Every event rewrites the round's snapshot, so its size is what a write costs (ADR 0018). The lists
// have their own bounds; this one holds for any mix of them and of long texts.
function refuseLargeSnapshot(
  eventType: string,
  persisted: string,
  previous: unknown,
  limits: AppConfig['limits'],
): void {
  const bytes = Buffer.byteLength(persisted);
  const max = limits.snapshotBytes;
  // The previous size is measured only past the limit, so an ordinary write pays one byte count.
  if (!snapshotTooLarge(bytes, () => Buffer.byteLength(JSON.stringify(previous)), max)) return;
  const { setting } = LIMIT_SETTINGS.snapshotBytes;
  throw new DomainError(
    'LIMIT_REACHED',
    `${eventType} would grow the round's record to ${bytes} bytes, past the ${max} that ${setting} allows; send shorter texts or ask the operator to raise ${setting}`,
    { eventType, limit: 'snapshotBytes', setting, max, count: bytes },
  );
}

// Until its table is resolved and stored, an offer or a draft is decided on its shape alone (who,
// when, how many lines); the digest is filled in by the second decision.
function provisional(request: ClientRequest): EventRequest {
  if (request.type === 'draft.agreed') {
    const p = request.payload as DraftRequest;
    return {
      type: 'draft.agreed',
      payload: { text: p.text, draftId: '', sha256: '', lineCount: p.items.length },
    };
  }
  if (request.type !== 'offer.tabled') return request as EventRequest;
  const p = request.payload as OfferTableRequest;
  return {
    type: 'offer.tabled',
    payload: {
      offerId: '',
      sha256: '',
      lineCount: p.items.length,
      scope: p.scope ?? 'subset',
      basedOn: null,
      note: p.note ?? null,
    },
  };
}
