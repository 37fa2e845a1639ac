import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import type { Side } from './round/round.types.js';
import { Negotiation } from './negotiation.entity.js';

// 背靠背 caucus notes: readable by their own side only. The round's history holds just the hash.
@Entity('caucus_note')
@Index(['negotiationId', 'side'])
export class CaucusNote {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'negotiation_id', type: 'uuid' })
  negotiationId: string;

  @ManyToOne(() => Negotiation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'negotiation_id' })
  negotiation?: Relation<Negotiation>;

  @Column({ type: 'varchar', length: 10 })
  side: Side;

  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'author_account_id', type: 'uuid' })
  authorAccountId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
