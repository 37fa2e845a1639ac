import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { PolicyProfile } from './policy-profile.js';

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
