import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import type { CalendarDayKind } from './statutory-days.js';

// The holiday calendar is data the State Council publishes each year; administrators keep it.
@Injectable()
export class CalendarService {
  constructor(private readonly dataSource: DataSource) {}

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
    if (!caller.grants.some((g) => g.role === 'administrator'))
      throw new DomainError(
        'ROLE_FORBIDDEN',
        'only an administrator may edit the holiday calendar',
      );
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      if (entry)
        await qr.query(
          `INSERT INTO calendar_day (day, kind, name) VALUES ($1, $2, $3) ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`,
          [day, entry.kind, entry.name],
        );
      else await qr.query(`DELETE FROM calendar_day WHERE day = $1`, [day]);
      const body = entry ? { day, ...entry } : { day, kind: null, name: null };
      return { response: { status: 200, body }, responseStored: false };
    });
  }
}
