import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PolicyProfile } from '../kernel/policy/policy-profile.js';

// Profiles are immutable once stored: a changed rule is a new version (a new id) of its family, so a
// pinned round's rules stay explainable years later (ADR 0009, 0029). Retiring a version only stops
// new rounds from pinning it.
@Entity('policy_profile')
@Index('UQ_policy_profile_family_version', ['family', 'version'], { unique: true })
export class PolicyProfileRecord {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  body: PolicyProfile;

  // The profile's name as a family of versions: national-ccr-2004, wtm-2000, zhejiang, taizhou, …
  @Column({ type: 'varchar', length: 60 })
  family: string;

  @Column({ type: 'int' })
  version: number;

  // The profile this one was proposed as a new version of (null: the first of its line).
  @Column({ name: 'based_on_id', type: 'varchar', length: 60, nullable: true })
  basedOnId: string | null;

  // null: loaded by the seed or a migration.
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'retired_by', type: 'uuid', nullable: true })
  retiredBy: string | null;
}

// Which profile family governs a region's rounds when the opener names none (ADR 0029). Looked up for
// the round's region and then its parents; a region with no row anywhere up its chain falls back to
// the national wage-agreement rules (FALLBACK_POLICY_FAMILY).
@Entity('policy_jurisdiction')
export class PolicyJurisdictionRecord {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 60 })
  regionCode: string;

  @Column({ type: 'varchar', length: 60 })
  family: string;
}
