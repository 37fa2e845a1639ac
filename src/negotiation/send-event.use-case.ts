import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import { APP_LOGGER, type AppLogger } from '../common/logger.js';
import { decideEvent, type Decision, type EventRequest } from './decide-event.js';
import { machineRegistry } from './machine-registry.js';
import { actorIn, canRead } from './negotiation.access.js';
import { chainEvent, commitEvent, lockNegotiation, syncDeadlines } from './negotiation.store.js';

export interface SendEventCommand {
  negotiationId: string;
  expectedRevision: number;
  request: EventRequest;
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
  ) {}

  async execute(
    caller: Caller,
    cmd: SendEventCommand,
  ): Promise<StoredResponse & { replayed: boolean }> {
    let accepted: EventAccepted | null = null;
    const out = await inIdempotentTransaction(
      this.dataSource,
      caller.accountId,
      cmd.idempotency,
      async (qr) => {
        const n = await lockNegotiation(qr, cmd.negotiationId);
        if (!n || !canRead(caller, n))
          throw new DomainError(
            'NEGOTIATION_NOT_FOUND',
            `no negotiation ${cmd.negotiationId} is visible to you`,
            { negotiationId: cmd.negotiationId },
          );
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
        const decision = decideEvent(
          def,
          snapshot,
          cmd.request,
          actorIn(caller, n, snapshot.context),
          at,
        );

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
        accepted = {
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

        await cmd.alsoWrite?.(qr, decision);
        await syncDeadlines(qr, n.id, snapshot, decision.next);
        await commitEvent(qr, {
          negotiation: n,
          next: decision.next,
          persisted: machineRegistry.persist(decision.next),
          stateAfter: decision.stateAfter,
          event,
          idempotency: cmd.idempotency
            ? { accountId: caller.accountId, key: cmd.idempotency.key, ...response }
            : null,
        });
        return { response, responseStored: true };
      },
    );
    const a = accepted as EventAccepted | null;
    if (a && !out.replayed)
      this.logger.info(
        {
          negotiationId: a.negotiationId,
          seq: a.seq,
          event: a.type,
          from: a.stateBefore,
          to: a.state,
          revision: a.revision,
          actor: caller.username,
        },
        'state changed',
      );
    return out;
  }
}
