import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

// One row per (caller, Idempotency-Key), written in the same transaction as the change it guards,
// so a key exists exactly when its change committed (ADR 0005).
@Entity('idempotency_record')
export class IdempotencyRecord {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
