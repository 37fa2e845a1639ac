import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { AdministrationLog } from '../administration/administration-log.service.js';
import { admitAdministrator, type Caller } from '../auth/caller.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import { sealingKey } from '../common/sealing.js';
import { DEPLOYMENT_KEYS, type DeploymentKeys } from '../config/deployment-keys.js';
import type { CorrectPersonDto, CreatePersonDto } from './dto/person.dto.js';
import { notFound } from './people.service.js';

type Idempotency = { key: string; requestHash: string };
type Outcome = Promise<StoredResponse & { replayed: boolean }>;

// The personal fields and their columns. Log entries and responses name fields, never values.
const FIELDS = {
  fullName: 'full_name',
  phone: 'phone',
  email: 'email',
  organisationPartyId: 'organisation_party_id',
  position: 'position',
} as const;
type Field = keyof typeof FIELDS;
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
      const [{ id }] = await qr.query(
        `INSERT INTO person (full_name, phone, email, organisation_party_id, position) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [
          body.fullName,
          body.phone ?? null,
          body.email ?? null,
          body.organisationPartyId ?? null,
          body.position ?? null,
        ],
      );
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
        await qr.query(
          `UPDATE person SET ${changed.map((f, i) => `${FIELDS[f]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
          [id, ...changed.map((f) => body[f])],
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
      await qr.query(
        `UPDATE person SET full_name = NULL, phone = NULL, email = NULL, position = NULL, erased_at = $2, updated_at = now() WHERE id = $1`,
        [id, erasedAt],
      );
      // Through a CTE: the driver answers a bare UPDATE … RETURNING as [rows, count].
      const accounts: { id: string }[] = await qr.query(
        // The username and member handle are often the name in pinyin (wang.w1): they go too,
        // replaced by the account's id, which identifies nobody.
        `WITH d AS (UPDATE account SET disabled = true, display_name = '(erased)', username = 'erased.' || id, member_ref = 'erased.' || id WHERE person_id = $1 RETURNING id) SELECT id FROM d`,
        [id],
      );
      const accountId = accounts[0]?.id ?? null;
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

async function lockPerson(qr: QueryRunner, id: string) {
  const [row] = (await qr.query(
    `SELECT full_name AS "fullName", phone, email, organisation_party_id AS "organisationPartyId", position,
            erased_at IS NOT NULL AS erased
       FROM person WHERE id = $1 FOR UPDATE`,
    [id],
  )) as (Record<Field, string | null> & { erased: boolean })[];
  if (!row) throw notFound(id);
  return row;
}

async function refuseUnknownParty(qr: QueryRunner, partyId: string): Promise<void> {
  const [party] = await qr.query(`SELECT 1 FROM party WHERE id = $1`, [partyId]);
  if (!party)
    throw new DomainError(
      'UNKNOWN_REFERENCE',
      `no party ${partyId}; name the union or association by its id (GET /api/parties)`,
      { field: 'organisationPartyId', partyId },
    );
}
