import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { Side } from '../kernel/round/round.types.js';
import { Industry } from './industry.entity.js';
import { Region } from './region.entity.js';

export type PartyKind = 'industryUnion' | 'industryAssociation' | 'enterpriseRepresentatives';

// One side of a negotiating pair: an industry union (worker side) or an industry association
// (employer side), in one industry and region.
@Entity('party')
export class Party {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 10 })
  side: Side;

  @Column({ type: 'varchar', length: 30 })
  kind: PartyKind;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
