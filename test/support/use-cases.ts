import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { requestHash } from '../../src/common/idempotency.js';
import { OpenNegotiationUseCase } from '../../src/negotiation/open-negotiation.use-case.js';
import { SendEventUseCase } from '../../src/negotiation/send-event.use-case.js';
import { PARTIES } from '../../src/seed/demo-reference.js';
import { demoCaller } from '../../src/seed/demo-seed.js';
import {
  DEMO_ACCOUNT,
  type ScriptStep,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';

// Driving the use cases directly, as the controllers do, for integration tests.

/** A fresh Idempotency-Key with a request hash of its own. */
export const freshKey = () => ({
  key: randomUUID(),
  requestHash: requestHash('POST', '/test', randomUUID()),
});

export interface OpenRound {
  id: string;
  revision: number;
}

/** A Xinhe union / association round of its own year (tests never share rows). */
export async function openXinheRound(
  app: INestApplication,
  year: number,
  catalogVersion?: number,
): Promise<OpenRound> {
  const opened = await app.get(OpenNegotiationUseCase).execute(demoCaller('chen.chair'), {
    workerPartyId: PARTIES.xinheUnion.id,
    employerPartyId: PARTIES.xinheAssociation.id,
    year,
    title: `integration round ${year}`,
    policyProfileId: 'zj-wage-2026',
    ...(catalogVersion === undefined ? {} : { catalogVersion }),
    idempotency: freshKey(),
  });
  return { id: (opened.body as { negotiationId: string }).negotiationId, revision: 1 };
}

/** Sends each step as its demo account; the round's revision follows. */
export async function runSteps(
  app: INestApplication,
  round: OpenRound,
  steps: ScriptStep[],
): Promise<void> {
  for (const { as, type, payload } of steps) {
    await app.get(SendEventUseCase).execute(demoCaller(DEMO_ACCOUNT[as]), {
      negotiationId: round.id,
      expectedRevision: round.revision,
      type,
      body: payload,
      idempotency: freshKey(),
    });
    round.revision++;
  }
}
