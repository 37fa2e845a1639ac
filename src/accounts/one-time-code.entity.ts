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

export type OneTimeCodePurpose = 'activation' | 'reset';

// A one-time code lets a person set their own password (ADR 0026). Only its keyed hash is kept
// (HMAC with ACCOUNTS_KEY), so neither a dump nor an administrator can read or test a code. Times
// come from the app's Clock.
@Entity('one_time_code')
@Index(['accountId'])
export class OneTimeCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column({ type: 'varchar', length: 20 })
  purpose: OneTimeCodePurpose;

  @Column({ name: 'code_hash', type: 'char', length: 64 })
  codeHash: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  // Set when a newer code is issued for the account: only the latest code works.
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
