import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AdministrationLog } from '../administration/administration-log.service.js';
import { admitAdministrator, type Caller } from '../auth/caller.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import { sealingKey } from '../common/sealing.js';
import { DEPLOYMENT_KEYS, type DeploymentKeys } from '../config/deployment-keys.js';
import type { CorrectPersonDto, CreatePersonDto } from './dto/person.dto.js';
import { notFound } from './people.service.js';
import { partyExists } from '../parties/parties.store.js';
import type { Transactional } from '../common/transactional.js';
import * as people from './people.store.js';
import { PERSON_FIELDS as FIELDS, type PersonField as Field } from './people.store.js';

type Idempotency = { key: string; requestHash: string };
type Outcome = Promise<StoredResponse & { replayed: boolean }>;

// Log entries and responses name fields, never values.
const ERASED_FIELDS: Field[] = ['fullName', 'phone', 'email', 'position'];

// Creates, corrects and erases people (administrators only), each with its administration-log entry in
// the same transaction. What an Idempotency-Key's record keeps of the request is a keyed digest, and
// the response holds ids and field names: after an erasure no copy of a value is left behind.
@Injectable()
export class PersonChangesService {
  private readonly requestKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: AdministrationLog,
    private readonly clock: Clock,
    @Inject(DEPLOYMENT_KEYS) keys: DeploymentKeys,
  ) {
    this.requestKey = sealingKey(keys.notes, 'person-request/v1');
  }

  // A retry of the same request still matches; a database dump cannot test guesses against it.
  requestFingerprint(body: unknown): string {
    return createHmac('sha256', this.requestKey)
      .update(JSON.stringify(body ?? null), 'utf8')
      .digest('hex');
  }

  async create(caller: Caller, body: CreatePersonDto, idempotency: Idempotency): Outcome {
    admitAdministrator(caller, 'add people to the registry');
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      if (body.organisationPartyId) await refuseUnknownParty(qr, body.organisationPartyId);
      const id = await people.insertPerson(qr, {
        fullName: body.fullName,
        phone: body.phone ?? null,
        email: body.email ?? null,
        organisationPartyId: body.organisationPartyId ?? null,
        position: body.position ?? null,
      });
      const fields = (Object.keys(FIELDS) as Field[]).filter((f) => body[f] !== undefined);
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action: 'person.created',
        subject: { type: 'person', id },
        details: { fields, organisationPartyId: body.organisationPartyId ?? null },
      });
      return { response: { status: 201, body: { id, fields } }, responseStored: false };
    });
  }

  async correct(
    caller: Caller,
    id: string,
    body: CorrectPersonDto,
    idempotency: Idempotency,
  ): Outcome {
    admitAdministrator(caller, 'correct a person');
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      const current = await lockPerson(qr, id);
      if (current.erased)
        throw new DomainError(
          'PERSON_ERASED',
          `person ${id} was erased; an erased record cannot be corrected (add the person again if they return)`,
          { personId: id },
        );
      if (body.organisationPartyId) await refuseUnknownParty(qr, body.organisationPartyId);
      const changed = (Object.keys(FIELDS) as Field[]).filter(
        (f) => body[f] !== undefined && body[f] !== current[f],
      );
      if (changed.length > 0) {
        await people.updatePersonFields(
          qr,
          id,
          changed.map((f) => [f, body[f]]),
        );
        await this.log.append(qr, {
          actorAccountId: caller.accountId,
          action: 'person.corrected',
          subject: { type: 'person', id },
          details: { fields: changed },
        });
      }
      return { response: { status: 200, body: { id, fields: changed } }, responseStored: false };
    });
  }

  // Erasure under the Personal Information Protection Law (docs/administration.md): the personal
  // fields are blanked, the row and its id stay so the history still resolves; the person's account,
  // if any, is disabled (its sessions end at once) and loses its display name.
  async erase(caller: Caller, id: string, idempotency: Idempotency): Outcome {
    admitAdministrator(caller, 'erase a person');
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      const current = await lockPerson(qr, id);
      if (current.erased)
        throw new DomainError('PERSON_ERASED', `person ${id} is already erased`, {
          personId: id,
        });
      const erasedAt = this.clock.now().toISOString();
      await people.erasePersonFields(qr, id, erasedAt);
      const accountId = await people.disableAccountOfErasedPerson(qr, id);
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action: 'person.erased',
        subject: { type: 'person', id },
        details: { fields: ERASED_FIELDS, accountId },
      });
      if (accountId)
        await this.log.append(qr, {
          actorAccountId: caller.accountId,
          action: 'account.disabled',
          subject: { type: 'account', id: accountId },
          details: { personId: id, because: 'person.erased' },
        });
      return {
        response: { status: 200, body: { id, erasedAt, disabledAccountId: accountId } },
        responseStored: false,
      };
    });
  }
}

async function lockPerson(qr: Transactional, id: string) {
  const row = await people.lockPerson(qr, id);
  if (!row) throw notFound(id);
  return row;
}

async function refuseUnknownParty(qr: Transactional, partyId: string): Promise<void> {
  if (!(await partyExists(qr, partyId)))
    throw new DomainError(
      'UNKNOWN_REFERENCE',
      `no party ${partyId}; name the union or association by its id (GET /api/parties)`,
      { field: 'organisationPartyId', partyId },
    );
}
