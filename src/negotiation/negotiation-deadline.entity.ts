import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Negotiation } from './negotiation.entity.js';

// Statutory deadlines are rows, never timers (ADR 0003): computed by the write path in the same
// transaction as the event that starts or meets them.
@Entity('negotiation_deadline')
@Index(['status', 'dueAt'])
export class NegotiationDeadline {
  @PrimaryColumn({ name: 'negotiation_id', type: 'uuid' })
  negotiationId: string;

  @ManyToOne(() => Negotiation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'negotiation_id' })
  negotiation?: Relation<Negotiation>;

  @PrimaryColumn({ type: 'varchar', length: 120 })
  key: string;

  @Column({ type: 'varchar', length: 60 })
  kind: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text' })
  rule: string;

  @Column({ name: 'legal_source', type: 'text' })
  legalSource: string;

  @Column({ type: 'varchar', length: 10 })
  status: 'open' | 'met';

  @Column({ name: 'met_on', type: 'date', nullable: true })
  metOn: string | null;

  // The first year the counting ran through with no published holiday arrangement (calendar_year):
  // the due date was counted with weekends only and must be checked (ADR 0029). null: none.
  @Column({ name: 'calendar_missing_year', type: 'int', nullable: true })
  calendarMissingYear: number | null;
}
