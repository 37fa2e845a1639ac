import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { PolicyProfile } from '../kernel/policy/policy-profile.js';

// Profiles are immutable once stored: a changed rule is a new profile id, so a pinned round's rules
// stay explainable years later.
@Entity('policy_profile')
export class PolicyProfileRecord {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  body: PolicyProfile;

  // The profile this one was proposed as a new version of (null: the first of its line).
  @Column({ name: 'based_on_id', type: 'varchar', length: 60, nullable: true })
  basedOnId: string | null;

  // null: loaded by the seed or a migration.
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
