import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('industry')
export class Industry {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;
}
