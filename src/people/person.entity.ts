import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Party } from '../parties/party.entity.js';

// A natural person the system knows: a negotiator, a representative, a recorder, an officer. The
// history and the hash chain name people only by this id, so a name can be corrected, or erased
// under the Personal Information Protection Law, without breaking a chain (docs/administration.md).
// Erasure blanks every personal field and keeps the row, so old events still resolve to "erased".
@Entity('person')
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'full_name', type: 'varchar', length: 120, nullable: true })
  fullName: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  // The union or association the person belongs to (null: a bureau officer, an auditor, an
  // outside expert, or not recorded).
  @Column({ name: 'organisation_party_id', type: 'uuid', nullable: true })
  organisationPartyId: string | null;

  @ManyToOne(() => Party, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_party_id' })
  organisation?: Relation<Party>;

  // The position the person holds there, in words (工会主席, 副会长, 挡车工): what a chair reads,
  // not a grant (grants are account_role rows).
  @Column({ name: 'position', type: 'varchar', length: 120, nullable: true })
  position: string | null;

  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
