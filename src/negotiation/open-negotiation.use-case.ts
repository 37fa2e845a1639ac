import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { initialTransition } from 'xstate';
import type { Caller } from '../auth/caller.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import { APP_LOGGER, type AppLogger } from '../common/logger.js';
import { GENESIS_HASH } from './history-chain.js';
import { stateName } from '../kernel/round/decide-event.js';
import { ProcedureRegistry } from './procedure-registry.js';
import { catalogToPin, chainEvent, insertNegotiation, syncDeadlines } from './negotiation.store.js';
import { partiesByIds } from '../parties/parties.store.js';
import { profileToPin } from './policy-pin.js';

export interface OpenNegotiationCommand {
  workerPartyId: string;
  employerPartyId: string;
  year: number;
  title: string;
  // Absent: the current version for the round's region (ADR 0029).
  policyProfileId?: string;
  catalogVersion?: number;
  idempotency: { key: string; requestHash: string } | null;
}

// Opening a round is the history's first event (`round.opened`), written like every other: in one
// transaction with its idempotency key, chained from the genesis hash.
@Injectable()
export class OpenNegotiationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    private readonly procedures: ProcedureRegistry,
  ) {}

  async execute(
    caller: Caller,
    cmd: OpenNegotiationCommand,
  ): Promise<StoredResponse & { replayed: boolean }> {
    // Only the union chair of the worker party opens its round (domain.md §4).
    if (!caller.grants.some((g) => g.role === 'unionChair' && g.partyId === cmd.workerPartyId))
      throw new DomainError(
        'ROLE_FORBIDDEN',
        'only the chair of the worker-side union may open a round for it',
        { workerPartyId: cmd.workerPartyId },
      );

    const out = await inIdempotentTransaction(
      this.dataSource,
      caller.accountId,
      cmd.idempotency,
      async (qr) => {
        const parties = await partiesByIds(qr, [cmd.workerPartyId, cmd.employerPartyId]);
        const worker = parties.find((p) => p.id === cmd.workerPartyId);
        const employer = parties.find((p) => p.id === cmd.employerPartyId);
        if (!worker || worker.side !== 'worker')
          throw new DomainError(
            'PARTY_MISMATCH',
            'workerPartyId must name a worker-side party (an industry union)',
            { field: 'workerPartyId' },
          );
        if (!employer || employer.side !== 'employer')
          throw new DomainError(
            'PARTY_MISMATCH',
            'employerPartyId must name an employer-side party (an industry association)',
            { field: 'employerPartyId' },
          );
        if (
          worker.industry_code !== employer.industry_code ||
          worker.region_code !== employer.region_code
        )
          throw new DomainError(
            'PARTY_MISMATCH',
            'both parties must belong to the same industry and region; a round is one pair',
            {
              worker: { industry: worker.industry_code, region: worker.region_code },
              employer: { industry: employer.industry_code, region: employer.region_code },
            },
          );
        const def = this.procedures.currentFor(worker.industry_code);
        if (!def)
          throw new DomainError(
            'INDUSTRY_PROCEDURE_MISSING',
            `no negotiation procedure is released for industry ${worker.industry_code} yet`,
            { industryCode: worker.industry_code },
          );
        const policy = await profileToPin(qr, cmd.policyProfileId, worker.region_code);

        // The round pins a process catalog version: the one asked for, or the industry's latest.
        const catalog = await catalogToPin(qr, worker.industry_code, cmd.catalogVersion ?? null);
        if (cmd.catalogVersion && !catalog)
          throw new DomainError(
            'UNKNOWN_REFERENCE',
            `no catalog version ${cmd.catalogVersion} for ${worker.industry_code}; list them at GET /catalogs?industry=${worker.industry_code}`,
            { field: 'catalogVersion' },
          );

        const id = randomUUID();
        const at = this.clock.now().toISOString();
        const input = {
          negotiationId: id,
          industryCode: worker.industry_code,
          regionCode: worker.region_code,
          year: cmd.year,
          title: cmd.title,
          policy: policy.body,
          parties: {
            worker: { partyId: worker.id, name: worker.name_zh },
            employer: { partyId: employer.id, name: employer.name_zh },
          },
        };
        const [snapshot] = initialTransition(def.machine, input);
        const state = stateName(snapshot.value);
        const event = chainEvent(
          {
            negotiationId: id,
            seq: 1,
            type: 'round.opened',
            payload: {
              ...input,
              policy: { id: input.policy.id },
              catalogVersion: catalog?.version ?? null,
            },
            actor: {
              accountId: caller.accountId,
              personId: caller.personId,
              capacity: 'chief',
              side: 'worker',
            },
            stateBefore: null,
            stateAfter: state,
            machine: `${def.id}@${def.version}`,
            occurredAt: at,
          },
          GENESIS_HASH,
        );
        try {
          await insertNegotiation(qr, {
            id,
            industryCode: input.industryCode,
            regionCode: input.regionCode,
            year: cmd.year,
            title: cmd.title,
            workerPartyId: worker.id,
            employerPartyId: employer.id,
            policyProfileId: policy.id,
            catalogId: catalog?.id ?? null,
            machineId: def.id,
            machineVersion: def.version,
            state,
            persisted: this.procedures.persist(snapshot),
            event,
          });
        } catch (e) {
          if ((e as { code?: string }).code === '23505')
            throw new DomainError(
              'NEGOTIATION_ALREADY_EXISTS',
              `these parties already have a ${cmd.year} round that has not failed; continue that one`,
              { year: cmd.year },
            );
          throw e;
        }
        await syncDeadlines(qr, id, null, snapshot);
        const response = {
          status: 201,
          body: {
            negotiationId: id,
            seq: 1,
            type: 'round.opened',
            stateBefore: null,
            state,
            revision: 1,
            hash: event.hash,
            occurredAt: at,
          },
        };
        return { response, responseStored: false };
      },
    );
    if (!out.replayed) {
      const body = out.body as { negotiationId: string; state: string };
      this.logger.info(
        {
          negotiationId: body.negotiationId,
          seq: 1,
          event: 'round.opened',
          to: body.state,
          revision: 1,
          actor: caller.username,
        },
        'state changed',
      );
    }
    return out;
  }
}
