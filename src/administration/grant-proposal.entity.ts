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
import type { Role } from '../auth/roles.js';
import { Party } from '../parties/party.entity.js';

export type GrantProposalStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

// A grant an administrator proposed; it becomes an account_role row only when the party's chief or a
// second administrator approves it (ADR 0027). Decided proposals stay as the record of who agreed.
@Entity('grant_proposal')
@Index(['accountId'])
@Index(['status'])
export class GrantProposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column({ type: 'varchar', length: 40 })
  role: Role;

  @Column({ name: 'party_id', type: 'uuid', nullable: true })
  partyId: string | null;

  @ManyToOne(() => Party, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'party_id' })
  party?: Relation<Party>;

  @Column({ name: 'industry_code', type: 'varchar', length: 40, nullable: true })
  industryCode: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 60, nullable: true })
  regionCode: string | null;

  @Column({ type: 'varchar', length: 12 })
  status: GrantProposalStatus;

  @Column({ name: 'proposed_by', type: 'uuid' })
  proposedBy: string;

  @Column({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  // The account_role row an approval made; it outlives a revocation only here and in the log.
  @Column({ name: 'grant_id', type: 'uuid', nullable: true })
  grantId: string | null;
}
