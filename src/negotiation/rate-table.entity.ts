import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  type Relation,
} from 'typeorm';
import type { Side } from '../kernel/round/round.types.js';
import { NegotiationEvent } from './negotiation-event.entity.js';

// A tabled offer's full table, or an agreed draft's (kind 'draft', ADR 0018), immutable (a trigger
// refuses UPDATE and DELETE, as on the history). It hangs off the event that stored it; the key is
// deferred so the table can be written before the event in the same transaction, and never survives
// without it (ADR 0013). A draft's side is the side whose chief recorded it, its scope always 'full'.
@Entity('rate_table')
@Unique(['negotiationId', 'eventSeq'])
export class RateTable {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'negotiation_id', type: 'uuid' })
  negotiationId: string;

  @Column({ name: 'event_seq', type: 'int' })
  eventSeq: number;

  @ManyToOne(() => NegotiationEvent, { onDelete: 'RESTRICT', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn([
    { name: 'negotiation_id', referencedColumnName: 'negotiationId' },
    { name: 'event_seq', referencedColumnName: 'seq' },
  ])
  event?: Relation<NegotiationEvent>;

  @Column({ type: 'varchar', length: 10 })
  kind: 'offer' | 'draft';

  @Column({ type: 'varchar', length: 10 })
  side: Side;

  @Column({ name: 'session_number', type: 'int' })
  sessionNumber: number;

  @Column({ type: 'varchar', length: 10 })
  scope: 'full' | 'subset';

  @Column({ name: 'based_on', type: 'uuid', nullable: true })
  basedOn: string | null;

  @Column({ name: 'line_count', type: 'int' })
  lineCount: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  // A draft's header (where the previous rates came from, summary, monthly pay); null for an offer.
  @Column({ type: 'jsonb', nullable: true })
  header: unknown;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

// One line: a process, for one product type or (product_type null) for all of them.
@Entity('rate_table_line')
@Index(['rateTableId', 'productType', 'processCode'], { unique: true })
export class RateTableLine {
  @PrimaryColumn({ name: 'rate_table_id', type: 'uuid' })
  rateTableId: string;

  @ManyToOne(() => RateTable, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rate_table_id' })
  rateTable?: Relation<RateTable>;

  @PrimaryColumn({ type: 'int' })
  position: number;

  @Column({ name: 'product_type', type: 'varchar', length: 40, nullable: true })
  productType: string | null;

  @Column({ name: 'process_code', type: 'varchar', length: 40 })
  processCode: string;

  @Column({ type: 'numeric', precision: 14, scale: 4 })
  rate: string;

  // A draft's line only: the rate it is compared with (null: new process) and its minimum flag.
  @Column({ name: 'previous_rate', type: 'numeric', precision: 14, scale: 4, nullable: true })
  previousRate: string | null;

  @Column({ name: 'is_industry_minimum', type: 'boolean', default: false })
  isIndustryMinimum: boolean;
}
