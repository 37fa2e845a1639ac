import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Industry } from '../parties/industry.entity.js';
import { Party } from '../parties/party.entity.js';
import { Region } from '../parties/region.entity.js';
import { PolicyProfileRecord } from '../policy/policy-profile.entity.js';
import type { PersistedRound } from './procedure-registry.js';

export type Outcome = 'open' | 'agreed' | 'failed';

// One industry negotiation: one union against one association, in one region, for one year.
// `revision` counts its events; the write path changes it only under a row lock (ADR 0002).
@Entity('negotiation')
@Index(['industryCode', 'regionCode', 'year'])
@Index('negotiation_one_live_round_per_pair', ['workerPartyId', 'employerPartyId', 'year'], {
  unique: true,
  where: "outcome <> 'failed'",
})
export class Negotiation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'industry_code', type: 'varchar', length: 40 })
  industryCode: string;

  @ManyToOne(() => Industry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'industry_code' })
  industry?: Relation<Industry>;

  @Column({ name: 'region_code', type: 'varchar', length: 60 })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Relation<Region>;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'worker_party_id', type: 'uuid' })
  workerPartyId: string;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'worker_party_id' })
  workerParty?: Relation<Party>;

  @Column({ name: 'employer_party_id', type: 'uuid' })
  employerPartyId: string;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'employer_party_id' })
  employerParty?: Relation<Party>;

  @Column({ name: 'policy_profile_id', type: 'varchar', length: 60 })
  policyProfileId: string;

  @ManyToOne(() => PolicyProfileRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_profile_id' })
  policyProfile?: Relation<PolicyProfileRecord>;

  // The process catalog version the round pinned when it opened (null: the industry had none yet).
  @Column({ name: 'catalog_id', type: 'uuid', nullable: true })
  catalogId: string | null;

  // The foreign key is named by the catalog's table, not its entity class: the catalog is a piece-rates
  // shell beside the engine, and the engine imports no shell. The schema (and the drift check) is unchanged.
  @ManyToOne('process_catalog', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'catalog_id' })
  catalog?: Relation<{ id: string }>;

  @Column({ name: 'machine_id', type: 'varchar', length: 60 })
  machineId: string;

  @Column({ name: 'machine_version', type: 'int' })
  machineVersion: number;

  @Index()
  @Column({ type: 'varchar', length: 80 })
  state: string;

  @Column({ type: 'varchar', length: 10 })
  outcome: Outcome;

  @Column({ type: 'jsonb' })
  snapshot: PersistedRound;

  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'head_hash', type: 'char', length: 64 })
  headHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
