import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { toResponse } from '../common/api-contract.js';
import { DomainError } from '../common/domain-error.js';
import { refuseOverLimit } from '../common/limits.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { personView, type ListPeopleQuery } from './dto/person.dto.js';
import { PersonRecord, PersonRecordList } from './dto/person.response.js';
import { chiefOrganisations, isAdministrator, reachOf } from './people.access.js';
import { findPerson, listPeople, personNames } from './people.store.js';

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
    const row = await findPerson(this.dataSource, id);
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
    const { total, rows } = await listPeople(
      this.dataSource,
      q.partyId
        ? { partyId: q.partyId, name: q.name }
        : { partyIds: admin ? undefined : own, name: q.name },
      { limit: q.limit, offset: q.offset },
    );
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
    const rows = await personNames(this.dataSource, wanted);
    return new Map(rows.map((r) => [r.id, { name: r.fullName, erased: r.erased }]));
  }
}

export const notFound = (id: string) =>
  new DomainError('PERSON_NOT_FOUND', `no person ${id} is visible to you`, { personId: id });
