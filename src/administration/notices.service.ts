import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { toResponse } from '../common/api-contract.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import { refuseOverLimit } from '../common/limits.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Transactional } from '../common/transactional.js';
import * as notices from './notice.store.js';
import type { NoticeRow } from './notice.store.js';
import { NoticeList } from './dto/administration.response.js';

export interface NoticeToWrite {
  accountId: string;
  // Past-tense fact: grant.approved, grant.rejected, grant.revoked, password.changed, …
  kind: string;
  // Ids only: the holder reads the details through the API, where their access is checked.
  subjects: Record<string, string | null>;
}

const toView = (r: NoticeRow) => ({
  id: r.id,
  kind: r.kind,
  subjects: r.subjects,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

// The one owner of the notice table. `tell` runs inside the transaction of the change it reports, so
// a holder is told exactly when the change committed.
@Injectable()
export class Notices {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async tell(tx: Transactional, n: NoticeToWrite): Promise<void> {
    await notices.insertNotice(tx, { ...n, createdAt: this.clock.now().toISOString() });
  }

  async mine(caller: Caller, q: { unreadOnly: boolean; offset: number; limit: number }) {
    refuseOverLimit(this.config.limits, 'historyPage', q.limit, 'limit');
    const rows = await notices.noticesOf(this.dataSource, caller.accountId, q);
    const next = rows.length === q.limit ? q.offset + rows.length : null;
    return toResponse(NoticeList, { items: rows.map(toView), page: { limit: q.limit, next } });
  }

  // Someone else's notice reads as absent, like one that never existed.
  async markRead(
    caller: Caller,
    id: string,
    idempotency: { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      const row = await notices.markNoticeRead(
        qr,
        id,
        caller.accountId,
        this.clock.now().toISOString(),
      );
      if (!row)
        throw new DomainError(
          'NOT_FOUND',
          `you have no notice ${id}; list yours at GET /me/notices`,
        );
      return { response: { status: 200, body: toView(row) }, responseStored: false };
    });
  }
}
