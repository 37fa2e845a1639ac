import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { AdministrationLog } from '../administration/administration-log.service.js';
import type { Caller } from '../auth/caller.js';
import { SessionService } from '../auth/session.service.js';
import { DomainError } from '../common/domain-error.js';
import {
  inIdempotentTransaction,
  recordIdempotentResponse,
  type StoredResponse,
} from '../common/idempotency.js';
import { admitAdministrator } from '../auth/caller.js';
import { AccountsStore, personHasAccount, type AccountView } from './accounts.store.js';
import type { CreateAccountDto } from './dto/account.dto.js';
import type { IssuedCode } from './one-time-code.store.js';
import { OneTimeCodeStore } from './one-time-code.store.js';

type Idempotency = { key: string; requestHash: string };

export const accountNotFound = (id: string) =>
  new DomainError('ACCOUNT_NOT_FOUND', `no account ${id}; list them at GET /accounts`, { id });

// A code is shown once, in the first answer. The stored copy that a retry with the same
// Idempotency-Key replays has it withheld, so no code is ever written down (ADR 0026).
export const withheld = (c: IssuedCode) => ({ code: null, expiresAt: c.expiresAt, withheld: true });

// Account administration (issue 9): every write is an administrator's, idempotent, and recorded in
// the administration log in its own transaction, with ids and facts only.
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: AccountsStore,
    private readonly codes: OneTimeCodeStore,
    private readonly log: AdministrationLog,
    private readonly sessions: SessionService,
  ) {}

  async create(caller: Caller, dto: CreateAccountDto, idempotency: Idempotency) {
    admitAdministrator(caller, 'create accounts');
    if ((dto.personId === undefined) === (dto.person === undefined))
      throw new DomainError(
        'VALIDATION_FAILED',
        'give either personId (an existing person) or person (the details of a new one), not both and not neither',
      );
    return this.write(caller, idempotency, 201, async (qr) => {
      let personId: string;
      let displayName: string;
      const personCreated = dto.person !== undefined;
      if (dto.person) {
        const org = dto.person.organisationPartyId;
        if (org && !(await this.store.partyExists(qr, org)))
          throw new DomainError('UNKNOWN_REFERENCE', `no party ${org}; list them at GET /parties`, {
            organisationPartyId: org,
          });
        personId = await this.store.insertPerson(qr, dto.person);
        displayName = dto.person.fullName;
      } else {
        personId = dto.personId!;
        const person = await this.store.lockPerson(qr, personId);
        if (!person || person.erased)
          throw new DomainError('UNKNOWN_REFERENCE', `no person ${personId}`, { personId });
        if (person.hasAccount) throw personHasAccount(personId);
        displayName = person.fullName ?? dto.username;
      }
      const id = await this.store.insertAccount(qr, {
        username: dto.username,
        displayName,
        personId,
      });
      const code = await this.codes.issue(qr, id, 'activation');
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action: 'account.created',
        subject: { type: 'account', id },
        details: {
          personId,
          personCreated,
          codeIssued: 'activation',
          codeExpiresAt: code.expiresAt,
        },
      });
      const account = (await this.store.view(id, qr))!;
      return {
        shown: { account, activationCode: code },
        stored: { account, activationCode: withheld(code) },
      };
    });
  }

  async list(caller: Caller, offset: number, limit: number) {
    admitAdministrator(caller, 'list accounts');
    const { items, total } = await this.store.page(offset, limit);
    const next = offset + items.length;
    return { items, page: { limit, next: next < total ? next : null }, total };
  }

  async get(caller: Caller, id: string): Promise<AccountView> {
    admitAdministrator(caller, 'read accounts');
    const account = await this.store.view(id);
    if (!account) throw accountNotFound(id);
    return account;
  }

  async setDisabled(caller: Caller, id: string, disabled: boolean, idempotency: Idempotency) {
    admitAdministrator(caller, disabled ? 'disable accounts' : 're-enable accounts');
    if (disabled && id === caller.accountId)
      throw new DomainError(
        'RULE_VIOLATED',
        'an administrator cannot disable their own account; ask another administrator',
      );
    const out = await this.write(caller, idempotency, 200, async (qr) => {
      const changed = await this.store.setDisabled(qr, id, disabled);
      if (changed === null) throw accountNotFound(id);
      // Asking again for what already holds changes nothing and records nothing.
      if (changed)
        await this.log.append(qr, {
          actorAccountId: caller.accountId,
          action: disabled ? 'account.disabled' : 'account.enabled',
          subject: { type: 'account', id },
        });
      const account = (await this.store.view(id, qr))!;
      return { shown: { account, changed }, stored: { account, changed } };
    });
    if (disabled) this.sessions.forgetAccount(id);
    return out;
  }

  // The current password keeps working until the person redeems the code (ADR 0026): a reset
  // started by mistake or by someone else locks nobody out.
  async resetPassword(caller: Caller, id: string, idempotency: Idempotency) {
    admitAdministrator(caller, 'reset passwords');
    return this.write(caller, idempotency, 200, async (qr) => {
      const account = await this.store.lockAccount(qr, id);
      if (!account) throw accountNotFound(id);
      const code = await this.codes.issue(qr, id, 'reset');
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action: 'account.resetCodeIssued',
        subject: { type: 'account', id },
        details: { codeExpiresAt: code.expiresAt, disabled: account.disabled },
      });
      const view = (await this.store.view(id, qr))!;
      return {
        shown: { account: view, resetCode: code },
        stored: { account: view, resetCode: withheld(code) },
      };
    });
  }

  // One transaction: the change, its log entry and the answer a retry replays (without codes).
  async write(
    caller: Caller,
    idempotency: Idempotency,
    status: number,
    work: (qr: QueryRunner) => Promise<{ shown: unknown; stored: unknown }>,
  ): Promise<StoredResponse & { replayed: boolean }> {
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      const { shown, stored } = await work(qr);
      await recordIdempotentResponse(qr, caller.accountId, idempotency.key, {
        status,
        body: stored,
      });
      return { response: { status, body: shown }, responseStored: true };
    });
  }
}
