import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Industry } from '../parties/industry.entity.js';

export const PROCESS_UNITS = ['piece', 'dozen', 'pair', 'hour', 'month'] as const;
export type ProcessUnit = (typeof PROCESS_UNITS)[number];

// A process catalog (工序目录) version of one industry. Versions are immutable once created; a round
// pins the version it opened with, and a new version maps its codes from the one it is based on.
@Entity('process_catalog')
@Index(['industryCode', 'version'], { unique: true })
export class ProcessCatalog {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'industry_code', type: 'varchar', length: 40 })
  industryCode: string;

  @ManyToOne(() => Industry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'industry_code' })
  industry?: Relation<Industry>;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'based_on_version', type: 'int', nullable: true })
  basedOnVersion: number | null;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

// 品种 (product type) and 车间/工种 (workshop section or trade group) share one shape.
@Entity('catalog_group')
export class CatalogGroup {
  @PrimaryColumn({ name: 'catalog_id', type: 'uuid' })
  catalogId: string;

  @ManyToOne(() => ProcessCatalog, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'catalog_id' })
  catalog?: Relation<ProcessCatalog>;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: 'productType' | 'section';

  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn: string | null;

  @Column({ type: 'int' })
  position: number;
}

// 工序: a process, in one section, with the unit its rate is paid in.
@Entity('catalog_process')
export class CatalogProcess {
  @PrimaryColumn({ name: 'catalog_id', type: 'uuid' })
  catalogId: string;

  @ManyToOne(() => ProcessCatalog, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'catalog_id' })
  catalog?: Relation<ProcessCatalog>;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ name: 'section_code', type: 'varchar', length: 40 })
  sectionCode: string;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn: string | null;

  @Column({ type: 'varchar', length: 10 })
  unit: ProcessUnit;

  @Column({ type: 'int' })
  position: number;
}

// How a code of the previous version lives on: renamed or split (one or more new codes), merged
// (several old codes to one new), or retired (no new code).
@Entity('catalog_code_mapping')
@Index(['catalogId', 'fromCode'])
export class CatalogCodeMapping {
  @PrimaryGeneratedColumn('identity')
  id: number;

  @Column({ name: 'catalog_id', type: 'uuid' })
  catalogId: string;

  @ManyToOne(() => ProcessCatalog, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'catalog_id' })
  catalog?: Relation<ProcessCatalog>;

  @Column({ name: 'from_code', type: 'varchar', length: 40 })
  fromCode: string;

  @Column({ name: 'to_code', type: 'varchar', length: 40, nullable: true })
  toCode: string | null;

  @Column({ type: 'varchar', length: 10 })
  kind: 'renamed' | 'split' | 'merged' | 'retired';
}
