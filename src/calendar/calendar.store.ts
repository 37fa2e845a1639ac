import type { Transactional } from '../common/transactional.js';
import type { CalendarDayKind } from '../kernel/calendar/statutory-days.js';

// The one owner of the holiday calendar's tables (calendar_day, calendar_year): hand-written SQL, run
// inside the caller's transaction where it passes one. The engine reads the same tables when it counts
// deadlines (negotiation.store.ts, named there as a read model).

export const daysOfYear = (
  tx: Transactional,
  year: number,
): Promise<{ day: string; kind: CalendarDayKind; name: string }[]> =>
  tx.query(`SELECT day, kind, name FROM calendar_day WHERE day BETWEEN $1 AND $2 ORDER BY day`, [
    `${year}-01-01`,
    `${year}-12-31`,
  ]) as Promise<{ day: string; kind: CalendarDayKind; name: string }[]>;

export const publishedYears = (
  tx: Transactional,
): Promise<{ year: number; source: string; publishedBy: string; publishedAt: Date }[]> =>
  tx.query(
    `SELECT year, source, published_by AS "publishedBy", published_at AS "publishedAt" FROM calendar_year ORDER BY year`,
  ) as Promise<{ year: number; source: string; publishedBy: string; publishedAt: Date }[]>;

export async function markDay(
  tx: Transactional,
  day: string,
  entry: { kind: CalendarDayKind; name: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO calendar_day (day, kind, name) VALUES ($1, $2, $3) ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`,
    [day, entry.kind, entry.name],
  );
}

export async function clearDay(tx: Transactional, day: string): Promise<void> {
  await tx.query(`DELETE FROM calendar_day WHERE day = $1`, [day]);
}

// Publishing again replaces the cited notice.
export async function publishYear(
  tx: Transactional,
  year: number,
  source: string,
  publishedBy: string,
): Promise<{ year: number; source: string; publishedBy: string; publishedAt: Date }> {
  const [row] = (await tx.query(
    `INSERT INTO calendar_year (year, source, published_by) VALUES ($1, $2, $3)
     ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, published_by = EXCLUDED.published_by
     RETURNING year, source, published_by AS "publishedBy", published_at AS "publishedAt"`,
    [year, source, publishedBy],
  )) as { year: number; source: string; publishedBy: string; publishedAt: Date }[];
  return row;
}
