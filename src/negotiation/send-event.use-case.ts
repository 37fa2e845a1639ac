import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { findPriorResponse, replayPrior, type StoredResponse } from '../common/idempotency.js';
import { LIMIT_SETTINGS, snapshotTooLarge } from '../common/limits.js';
import { APP_LOGGER, type AppLogger } from '../common/logger.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { admitEvent, decideEvent } from '../kernel/round/decide-event.js';
import { CaucusService } from './caucus.service.js';
import { preparerFor, type PreparationReads } from './event-preparers.js';
import { actorIn, canRead } from './negotiation.access.js';
import {
  chainEvent,
  commitEvent,
  grantsOfPerson,
  loadOfferTables,
  lockNegotiation,
  pinnedCatalog,
  previousAgreement,
  previousSignedRound,
  syncDeadlines,
  type LockedNegotiation,
} from './negotiation.store.js';
import { ProcedureRegistry } from './procedure-registry.js';
import { personStanding } from '../people/people.store.js';

export interface SendEventCommand {
  negotiationId: string;
  expectedRevision: number;
  type: string;
  // The payload as the client sent it: read by the event's preparer, only after admission.
  body: unknown;
  idempotency: { key: string; requestHash: string } | null;
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
    private readonly procedures: ProcedureRegistry,
    private readonly caucuses: CaucusService,
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

  // The door's first step alone, with no body: an upload is refused (404, 409, 403) before a byte of
  // its file is read. The door admits it again, under the lock, once the file is read.
  async admitOnly(
    caller: Caller,
    cmd: {
      negotiationId: string;
      expectedRevision: number;
      type: string;
      idempotencyKey: string | null;
    },
  ): Promise<{ catalogId: string | null }> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      const n = await this.lockAdmitted(qr, caller, {
        ...cmd,
        idempotency: cmd.idempotencyKey ? { key: cmd.idempotencyKey, requestHash: '' } : null,
      });
      // A retry of a committed upload is replayed by the door, whatever the revision is now.
      if (n.priorKey) return { catalogId: n.catalogId };
      const def = this.procedures.get(n.machineId, n.machineVersion);
      const snapshot = this.procedures.restore(def, n.snapshot, n.id);
      admitEvent(def, snapshot, cmd.type, actorIn(caller, n, snapshot.context), this.config.limits);
      return { catalogId: n.catalogId };
    } finally {
      await qr.release();
    }
  }

  // Scope before the key: a reused key answers 422 only where a missing round would not be 404, so a
  // key cannot tell a foreign round from a missing one. Then the revision, unless the key replays.
  private async lockAdmitted(
    qr: QueryRunner,
    caller: Caller,
    cmd: Pick<SendEventCommand, 'negotiationId' | 'expectedRevision' | 'idempotency'>,
  ) {
    const n = await lockNegotiation(
      qr,
      cmd.negotiationId,
      cmd.idempotency && { accountId: caller.accountId, key: cmd.idempotency.key },
    );
    if (!n || !canRead(caller, n))
      throw new DomainError(
        'NEGOTIATION_NOT_FOUND',
        `no negotiation ${cmd.negotiationId} is visible to you`,
        { negotiationId: cmd.negotiationId },
      );
    if (n.priorKey && cmd.idempotency) return n;
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
    return n;
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
      const n = await this.lockAdmitted(qr, caller, cmd);
      if (n.priorKey && cmd.idempotency) {
        const prior = replayPrior(n.priorKey, cmd.idempotency.requestHash, cmd.idempotency.key);
        await qr.rollbackTransaction();
        return { ...prior, replayed: true };
      }
      const industry = this.procedures.industry(n.industryCode);
      const def = this.procedures.get(n.machineId, n.machineVersion);
      const snapshot = this.procedures.restore(def, n.snapshot, n.id);
      const actor = actorIn(caller, n, snapshot.context);
      const limits = this.config.limits;
      // admit: who may send it (403), does this state take it (409), is its list full (422).
      const admission = admitEvent(def, snapshot, cmd.type, actor, limits);
      // prepare: the body is read only now; the event's data checks and the rows it brings.
      const prepared = await preparerFor(cmd.type, industry?.ownEventPayloads ?? {})(cmd.body, {
        admission,
        negotiation: n,
        context: snapshot.context,
        reads: readsIn(qr, n, this.procedures),
        limits,
        definition: def,
      });
      // decide: once, on the prepared payload.
      const at = this.clock.now().toISOString();
      const decision = decideEvent(def, snapshot, admission, prepared.payload, actor, at);

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
      const persisted = JSON.stringify(this.procedures.persist(decision.next));
      refuseLargeSnapshot(decision.event.type, persisted, n.snapshot, limits);
      const { rateTable, caucusNote } = prepared.rows;
      if (caucusNote)
        await this.caucuses.insertNote(qr, {
          ...caucusNote,
          negotiationId: n.id,
          authorAccountId: caller.accountId,
        });
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
        table: rateTable ? { ...rateTable, createdBy: caller.accountId } : null,
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

// What a preparer may read, bound to the transaction that holds the round's lock.
function readsIn(
  qr: QueryRunner,
  n: LockedNegotiation,
  procedures: ProcedureRegistry,
): PreparationReads {
  return {
    // ADR 0038: the previous round's terms as its own version (possibly an older one) describes them.
    previousRound: async (year) => {
      const row = await previousSignedRound(qr, n, year);
      if (!row) return null;
      const def = procedures.get(row.machineId, row.machineVersion);
      return {
        negotiationId: row.id,
        year: row.year,
        machine: `${def.id}@${def.version}`,
        terms: def.terms
          ? def.terms.describe(procedures.restore(def, row.snapshot, row.id).context)
          : null,
      };
    },
    pinnedCatalog: (catalogId) => pinnedCatalog(qr, catalogId),
    offerTables: (ids) => loadOfferTables(qr, ids),
    previousAgreement: (year) => previousAgreement(qr, n, year),
    personStanding: (personId) => personStanding(qr, personId),
    grantsOfPerson: (personId, partyIds) => grantsOfPerson(qr, personId, partyIds),
  };
}
