import type { Transactional } from '../common/transactional.js';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { toResponse } from '../common/api-contract.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { refuseOverLimit } from '../common/limits.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import {
  ADMINISTRATION_GENESIS_HASH,
  administrationEntryHash,
  verifyAdministrationChain,
  type ChainedAdministrationEntry,
} from './administration-chain.js';
import * as log from './administration-log.store.js';
import {
  AdministrationLogEntry,
  AdministrationLogVerification,
} from './dto/administration.response.js';

export interface AdministrationAction {
  // null: the system itself (seed, bootstrap command).
  actorAccountId: string | null;
  // Past-tense fact, `<subject>.<verb>`: account.created, grant.proposed, grant.approved, …
  action: string;
  subject: { type: string; id: string };
  // Ids and facts only: no names, phone numbers, e-mail addresses, passwords or codes.
  details?: Record<string, unknown>;
}

// One advisory lock serialises appends: the log is one chain, and an administrator's change is rare
// enough that one writer at a time costs nothing.
const APPEND_LOCK = 0x61646d6c; // 'adml'

const READERS = new Set(['auditor', 'administrator']);

@Injectable()
export class AdministrationLog {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one entry inside the caller's transaction, so the change and its record commit or roll
   * back together. Returns the entry's sequence number.
   */
  async append(tx: Transactional, a: AdministrationAction): Promise<number> {
    await log.lockForAppend(tx, APPEND_LOCK);
    const head = await log.head(tx);
    const entry: ChainedAdministrationEntry = {
      seq: (head?.seq ?? 0) + 1,
      occurredAt: this.clock.now().toISOString(),
      actorAccountId: a.actorAccountId,
      action: a.action,
      subject: a.subject,
      details: a.details ?? {},
      prevHash: head?.hash ?? ADMINISTRATION_GENESIS_HASH,
    };
    await log.insertEntry(tx, entry, administrationEntryHash(entry));
    return entry.seq;
  }

  async page(caller: Caller, afterSeq: number, limit: number) {
    this.admitReader(caller);
    refuseOverLimit(this.config.limits, 'historyPage', limit, 'limit');
    const entries = await this.entries(afterSeq, limit);
    // The details pass as recorded: the hash chain commits to every byte of them.
    const items = entries.map(({ details, ...fields }) => ({
      ...toResponse(AdministrationLogEntry, fields),
      details,
    }));
    return { items, page: { limit, next: items.length === limit ? items.at(-1)!.seq : null } };
  }

  async verify(caller: Caller) {
    this.admitReader(caller);
    return toResponse(
      AdministrationLogVerification,
      verifyAdministrationChain(await this.entries(0, null)),
    );
  }

  private admitReader(caller: Caller) {
    if (!caller.grants.some((g) => READERS.has(g.role)))
      throw new DomainError(
        'ROLE_FORBIDDEN',
        'only auditors and administrators may read the administration log',
      );
  }

  private async entries(afterSeq: number, limit: number | null) {
    const rows = await log.entriesAfter(this.dataSource, afterSeq, limit);
    return rows.map((r) => ({
      seq: r.seq,
      occurredAt: r.occurredAt.toISOString(),
      actorAccountId: r.actorAccountId,
      action: r.action,
      subject: { type: r.subjectType, id: r.subjectId },
      details: r.details,
      prevHash: r.prevHash,
      hash: r.hash,
    }));
  }
}
