import { Column, Entity, PrimaryColumn } from 'typeorm';
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
