import { Column, Entity, PrimaryColumn } from 'typeorm';

// The administration log: one row per change to an account, a grant, a person, a policy profile, a
// calendar day or a catalog. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and
// hash-chained like a negotiation's history, so an auditor can show nothing was rewritten.
// `details` carries ids and facts, never personal data or secrets (a name can be erased from the
// person table; it must not survive here).
@Entity('administration_log_entry')
export class AdministrationLogEntry {
  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  // null: the system itself (the demo seed, a migration, the bootstrap command).
  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId: string | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 40 })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 120 })
  subjectId: string;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
