import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Party } from '../parties/party.entity.js';
import { Account } from './account.entity.js';
import type { Role } from './roles.js';

// A role held in a scope: a party (chairs, chiefs, representatives), or an industry and region
// (recorders, labour administration, auditors). A person can hold roles in several pairs.
@Entity('account_role')
@Index(['accountId'])
export class AccountRole {
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
}
