import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Account } from '../auth/account.entity.js';

// Something the account holder is told: a grant approved, rejected or revoked, a password changed.
// Written in the transaction of the change it reports; carries ids, never the change's content.
@Entity('notice')
@Index(['accountId', 'createdAt'])
export class Notice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  // Past-tense fact, `<subject>.<verb>`: grant.approved, grant.rejected, grant.revoked, …
  @Column({ type: 'varchar', length: 60 })
  kind: string;

  // The ids the notice is about (grantProposalId, grantId, partyId, role, …).
  @Column({ type: 'jsonb' })
  subjects: Record<string, string | null>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
