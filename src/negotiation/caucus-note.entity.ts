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
import type { Side } from '../kernel/round/round.types.js';
import { Negotiation } from './negotiation.entity.js';

// 背靠背 caucus notes: readable by their own side only, sealed at rest with NOTES_KEY; the round's
// history holds a hiding commitment (ADR 0014).
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

  // AES-256-GCM of { body, salt } (src/common/sealing.ts), bound to this row's id, round and side.
  @Column({ type: 'bytea', nullable: true })
  sealed: Buffer | null;

  // HMAC-SHA256(salt, note): equals the caucus.held event's noteCommitment.
  @Column({ type: 'char', length: 64, nullable: true })
  commitment: string | null;

  // Before ADR 0014: plain text until the first start seals it (then NULL), and its unsalted hash.
  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ name: 'author_account_id', type: 'uuid' })
  authorAccountId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
