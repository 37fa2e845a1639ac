import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { toResponse } from '../common/api-contract.js';
import { DomainError } from '../common/domain-error.js';
import { refuseOverLimit } from '../common/limits.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { personView, type ListPeopleQuery, type PersonRow } from './dto/person.dto.js';
import { PersonRecord, PersonRecordList } from './dto/person.response.js';
import { chiefOrganisations, isAdministrator, reachOf } from './people.access.js';

export const PERSON_COLUMNS = `id, full_name AS "fullName", phone, email, organisation_party_id AS "organisationPartyId",
  position, erased_at AS "erasedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface DisplayName {
  name: string | null;
  erased: boolean;
}

// The read side of the people registry. A person the caller may not read answers exactly like a
// missing one (404), so the registry does not confirm who exists.
@Injectable()
export class PeopleService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async one(caller: Caller, id: string): Promise<PersonRecord> {
    const [row] = (await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM person WHERE id = $1`,
      [id],
    )) as PersonRow[];
    const reach = row ? reachOf(caller, row) : null;
    if (!row || !reach) throw notFound(id);
    return toResponse(PersonRecord, personView(row, reach));
  }

  async me(caller: Caller): Promise<PersonRecord> {
    if (!caller.personId)
      throw new DomainError(
        'PERSON_NOT_FOUND',
        'your account is not linked to a person; ask an administrator to link it',
      );
    return this.one(caller, caller.personId);
  }

  async list(caller: Caller, q: ListPeopleQuery): Promise<PersonRecordList> {
    refuseOverLimit(this.config.limits, 'pageSize', q.limit, 'limit');
    const admin = isAdministrator(caller);
    const own = chiefOrganisations(caller);
    if (!admin && own.length === 0)
      throw new DomainError(
        'ROLE_FORBIDDEN',
        'only administrators and the chiefs of a union or association may list people',
      );
    if (!admin && q.partyId && !own.includes(q.partyId))
      throw new DomainError(
        'ROLE_FORBIDDEN',
        'a chief lists the people of their own organisation only; leave out partyId or name yours',
        { partyId: q.partyId },
      );
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.partyId) add((p) => `organisation_party_id = ${p}`, q.partyId);
    else if (!admin) add((p) => `organisation_party_id = ANY(${p}::uuid[])`, own);
    // strpos takes the text literally (LIKE would read _ and % in a name as wildcards).
    if (q.name) add((p) => `strpos(lower(full_name), lower(${p})) > 0`, q.name);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM person ${clause}`,
      params,
    );
    const rows = (await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM person ${clause} ORDER BY full_name NULLS LAST, id LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    )) as PersonRow[];
    const next = q.offset + rows.length;
    return toResponse(PersonRecordList, {
      items: rows.map((r) => personView(r, admin || r.id === caller.personId ? 'full' : 'roster')),
      page: { limit: q.limit, next: next < total ? next : null },
      total,
    });
  }

  // Names resolved at read time (ADR 0025): the history and the rounds hold ids only, so a
  // correction shows at once and an erased person shows as erased. Ids that are not person ids (member
  // handles of rounds recorded before ADR 0025) are not looked up.
  async displayNames(ids: Iterable<string>): Promise<Map<string, DisplayName>> {
    const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
    if (wanted.length === 0) return new Map();
    const rows: { id: string; fullName: string | null; erased: boolean }[] =
      await this.dataSource.query(
        `SELECT id, full_name AS "fullName", erased_at IS NOT NULL AS erased FROM person WHERE id = ANY($1::uuid[])`,
        [wanted],
      );
    return new Map(rows.map((r) => [r.id, { name: r.fullName, erased: r.erased }]));
  }
}

export const notFound = (id: string) =>
  new DomainError('PERSON_NOT_FOUND', `no person ${id} is visible to you`, { personId: id });
