import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Side } from '../kernel/round/round.types.js';
import { Negotiation } from './negotiation.entity.js';
import { Person } from '../people/person.entity.js';

// The append-only history: a contiguous sequence per negotiation, each event hashing the previous
// one's hash (a per-negotiation chain). A trigger refuses UPDATE and DELETE (migration 1).
@Entity('negotiation_event')
export class NegotiationEvent {
  @PrimaryColumn({ name: 'negotiation_id', type: 'uuid' })
  negotiationId: string;

  @ManyToOne(() => Negotiation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'negotiation_id' })
  negotiation?: Relation<Negotiation>;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 60 })
  type: string;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ name: 'actor_account_id', type: 'uuid' })
  actorAccountId: string;

  // Events recorded before ADR 0025 name the sender by member handle; later ones by person id (null
  // here). Which of the two is set decides the shape the chain hashed.
  @Column({ name: 'actor_member_ref', type: 'varchar', length: 80, nullable: true })
  actorMemberRef: string | null;

  @Column({ name: 'actor_person_id', type: 'uuid', nullable: true })
  actorPersonId: string | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_person_id' })
  actorPerson?: Relation<Person>;

  @Column({ name: 'actor_capacity', type: 'varchar', length: 20 })
  actorCapacity: string;

  @Column({ name: 'actor_side', type: 'varchar', length: 10, nullable: true })
  actorSide: Side | null;

  @Column({ name: 'state_before', type: 'varchar', length: 80, nullable: true })
  stateBefore: string | null;

  @Column({ name: 'state_after', type: 'varchar', length: 80 })
  stateAfter: string;

  @Column({ name: 'machine_id', type: 'varchar', length: 60 })
  machineId: string;

  @Column({ name: 'machine_version', type: 'int' })
  machineVersion: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
