import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transactional } from '../common/transactional.js';

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

// The same tables read by other modules, inside their transactions where they pass one.

export async function industryExists(tx: Transactional, code: string): Promise<boolean> {
  const [industry] = (await tx.query(`SELECT code FROM industry WHERE code = $1`, [code])) as {
    code: string;
  }[];
  return !!industry;
}

export async function partyExists(tx: Transactional, partyId: string): Promise<boolean> {
  const [party] = (await tx.query(`SELECT 1 FROM party WHERE id = $1`, [partyId])) as unknown[];
  return !!party;
}

// Whether any of these parties belongs to the industry.
export async function anyPartyInIndustry(
  tx: Transactional,
  partyIds: string[],
  industryCode: string,
): Promise<boolean> {
  const [row] = (await tx.query(
    `SELECT 1 FROM party WHERE id = ANY($1::uuid[]) AND industry_code = $2`,
    [partyIds, industryCode],
  )) as unknown[];
  return !!row;
}

export interface PartyRow {
  id: string;
  side: string;
  name_zh: string;
  industry_code: string;
  region_code: string;
}

export const partiesByIds = (tx: Transactional, ids: string[]): Promise<PartyRow[]> =>
  tx.query(
    `SELECT id, side, name_zh, industry_code, region_code FROM party WHERE id = ANY($1::uuid[])`,
    [ids],
  ) as Promise<PartyRow[]>;
