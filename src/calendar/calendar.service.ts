import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { AdministrationLog } from '../administration/administration-log.service.js';
import { admitAdministrator, type Caller } from '../auth/caller.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import type { CalendarDayKind } from '../kernel/calendar/statutory-days.js';
import {
  RecomputeDeadlinesUseCase,
  type CalendarChange,
} from '../negotiation/recompute-deadlines.use-case.js';
import * as calendar from './calendar.store.js';

// The holiday calendar is data the State Council publishes each year; administrators keep it. It is
// shared, not pinned (ADR 0029): every edit recomputes the open deadlines of open rounds in the same
// transaction, and a year counts as known only once an administrator publishes it whole.
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: AdministrationLog,
    private readonly recompute: RecomputeDeadlinesUseCase,
  ) {}

  list(year: number) {
    return calendar.daysOfYear(this.dataSource, year);
  }

  years() {
    return calendar.publishedYears(this.dataSource);
  }

  async put(
    caller: Caller,
    day: string,
    entry: { kind: CalendarDayKind; name: string } | null,
    idempotency: { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    admitAdministrator(caller, 'edit the holiday calendar');
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      if (entry) await calendar.markDay(qr, day, entry);
      else await calendar.clearDay(qr, day);
      const action = entry ? 'calendarDay.marked' : 'calendarDay.cleared';
      const recomputed = await this.recomputeAfter(qr, caller, { action, from: day, to: day });
      // Holiday names are public facts (the State Council's notice), so the entry may carry them.
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action,
        subject: { type: 'calendarDay', id: day },
        details: {
          ...(entry ? { kind: entry.kind, name: entry.name } : {}),
          recomputedRounds: recomputed.length,
        },
      });
      const body = entry ? { day, ...entry } : { day, kind: null, name: null };
      return { response: { status: 200, body: { ...body, recomputed } }, responseStored: false };
    });
  }

  // Declares a year's official arrangement entered in full (after its days are marked): deadlines
  // counted into it are no longer flagged. Publishing again replaces the cited notice.
  async publishYear(
    caller: Caller,
    year: number,
    source: string,
    idempotency: { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    admitAdministrator(caller, 'publish a year of the holiday calendar');
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      const row = await calendar.publishYear(qr, year, source, caller.accountId);
      const recomputed = await this.recomputeAfter(qr, caller, {
        action: 'calendarYear.published',
        from: `${year}-01-01`,
        to: `${year}-12-31`,
      });
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action: 'calendarYear.published',
        subject: { type: 'calendarYear', id: String(year) },
        details: { notice: source, recomputedRounds: recomputed.length },
      });
      return { response: { status: 200, body: { ...row, recomputed } }, responseStored: false };
    });
  }

  private async recomputeAfter(qr: QueryRunner, caller: Caller, change: CalendarChange) {
    const out = await this.recompute.afterCalendarChange(
      qr,
      { accountId: caller.accountId, personId: caller.personId },
      change,
    );
    return out.map((r) => ({ negotiationId: r.negotiationId, seq: r.seq, moved: r.moved.length }));
  }
}
