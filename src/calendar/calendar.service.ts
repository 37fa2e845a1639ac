import { Injectable } from '@nestjs/common';
import { admitAdministrator } from '../auth/caller.js';
import { DataSource } from 'typeorm';
import { AdministrationLog } from '../administration/administration-log.service.js';
import type { Caller } from '../auth/caller.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import type { CalendarDayKind } from '../kernel/calendar/statutory-days.js';

// The holiday calendar is data the State Council publishes each year; administrators keep it.
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: AdministrationLog,
  ) {}

  list(year: number) {
    return this.dataSource.query(
      `SELECT day, kind, name FROM calendar_day WHERE day BETWEEN $1 AND $2 ORDER BY day`,
      [`${year}-01-01`, `${year}-12-31`],
    );
  }

  async put(
    caller: Caller,
    day: string,
    entry: { kind: CalendarDayKind; name: string } | null,
    idempotency: { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    admitAdministrator(caller, 'edit the holiday calendar');
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      if (entry)
        await qr.query(
          `INSERT INTO calendar_day (day, kind, name) VALUES ($1, $2, $3) ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`,
          [day, entry.kind, entry.name],
        );
      else await qr.query(`DELETE FROM calendar_day WHERE day = $1`, [day]);
      // Holiday names are public facts (the State Council's notice), so the entry may carry them.
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action: entry ? 'calendarDay.marked' : 'calendarDay.cleared',
        subject: { type: 'calendarDay', id: day },
        details: entry ? { kind: entry.kind, name: entry.name } : {},
      });
      const body = entry ? { day, ...entry } : { day, kind: null, name: null };
      return { response: { status: 200, body }, responseStored: false };
    });
  }
}
