import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarDayKind } from '../kernel/calendar/statutory-days.js';

// Public holidays and make-up working days (调休), published yearly; administrators edit them.
@Entity('calendar_day')
export class CalendarDayRecord {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'varchar', length: 10 })
  kind: CalendarDayKind;

  @Column({ type: 'text' })
  name: string;
}

// A year whose official arrangement (the State Council's notice) is entered in full. Deadlines that
// count through a year without a row are flagged, never silently counted as weekdays only (ADR 0029).
@Entity('calendar_year')
export class CalendarYearRecord {
  @PrimaryColumn({ type: 'int' })
  year: number;

  // The notice the arrangement comes from.
  @Column({ type: 'text' })
  source: string;

  // null: loaded by a migration.
  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}
