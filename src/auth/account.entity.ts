import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Person } from '../people/person.entity.js';

@Entity('account')
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 80, unique: true })
  username: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  // scrypt$N$r$p$salt$hash: parameters travel with the hash so they can be raised later. null until
  // the person redeems the activation code and chooses one: no administrator ever sets it (ADR 0026).
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  // The member handle that rounds recorded before ADR 0025 name this account by; nothing new uses it.
  @Column({ name: 'member_ref', type: 'varchar', length: 80, unique: true })
  memberRef: string;

  // The person who holds this account (one account per person). Nullable only until every
  // account is linked: the history names people by this id, never by name.
  @Column({ name: 'person_id', type: 'uuid', nullable: true, unique: true })
  personId: string | null;

  @OneToOne(() => Person, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  // Raised by triggers whenever disabled, the password or a grant changes: tokens carry the version
  // they were issued under, so every older token is refused at once (ADR 0017).
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
