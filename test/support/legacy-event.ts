import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../../src/auth/caller.js';
import { DEFAULT_LIMITS } from '../../src/common/limits.js';
import { decideRequest } from '../../src/kernel/round/decide-event.js';
import { actorIn } from '../../src/negotiation/negotiation.access.js';
import {
  chainEvent,
  commitEvent,
  lockNegotiation,
} from '../../src/negotiation/negotiation.store.js';
import { ProcedureRegistry } from '../../src/negotiation/procedure-registry.js';

// An event recorded as an older release recorded it (a payload today's preparers no longer produce),
// with the rows that release wrote beside it, in one transaction on the round's lock: the state a
// deployment upgraded from, so a test can show that today's code still reads and protects it.
export async function recordAsOlderRelease(
  app: INestApplication,
  caller: Caller,
  negotiationId: string,
  request: { type: string; payload: unknown },
  rows: { sql: string; params: unknown[] }[],
): Promise<void> {
  const qr = app.get(DataSource).createQueryRunner();
  await qr.connect();
  try {
    await qr.startTransaction();
    const n = (await lockNegotiation(qr, negotiationId))!;
    const procedures = app.get(ProcedureRegistry);
    const def = procedures.get(n.machineId, n.machineVersion);
    const snapshot = procedures.restore(def, n.snapshot, n.id);
    const at = new Date().toISOString();
    const decision = decideRequest(
      def,
      snapshot,
      request,
      actorIn(caller, n, snapshot.context),
      at,
      DEFAULT_LIMITS,
    );
    for (const row of rows) await qr.query(row.sql, row.params);
    const event = chainEvent(
      {
        negotiationId: n.id,
        seq: n.revision + 1,
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
    await commitEvent(qr, {
      negotiation: n,
      next: decision.next,
      persisted: JSON.stringify(procedures.persist(decision.next)),
      stateAfter: decision.stateAfter,
      event,
      idempotency: null,
    });
    await qr.commitTransaction();
  } finally {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    await qr.release();
  }
}
