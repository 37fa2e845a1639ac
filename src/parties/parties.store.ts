import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

// The directory's tables (industry, region, party), read in one place: the controller holds no SQL.
@Injectable()
export class PartiesStore {
  constructor(private readonly dataSource: DataSource) {}

  industries(): Promise<{ code: string; nameZh: string; nameEn: string | null }[]> {
    return this.dataSource.query(
      `SELECT code, name_zh AS "nameZh", name_en AS "nameEn" FROM industry ORDER BY code`,
    );
  }

  regions(): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT code, name_zh AS "nameZh", name_en AS "nameEn", level, parent_code AS "parentCode" FROM region ORDER BY code`,
    );
  }

  parties(): Promise<{ id: string }[]> {
    return this.dataSource.query(
      `SELECT id, side, kind, name_zh AS "nameZh", name_en AS "nameEn", industry_code AS "industryCode", region_code AS "regionCode" FROM party ORDER BY industry_code, side, name_zh`,
    );
  }
}
