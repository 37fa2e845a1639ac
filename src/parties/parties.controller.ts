import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toResponse, wholeList } from '../common/api-contract.js';
import { IndustryList, PartyList, RegionList } from './dto/directory.response.js';
import { DataSource } from 'typeorm';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';

@ApiTags('directory')
@ApiBearerAuth()
@Controller()
export class PartiesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('industries')
  @ApiOperation({ summary: 'Industries' })
  @ApiOkResponse({ type: IndustryList })
  async industries() {
    const rows = await this.dataSource.query(
      `SELECT code, name_zh AS "nameZh", name_en AS "nameEn" FROM industry ORDER BY code`,
    );
    return toResponse(IndustryList, wholeList(rows));
  }

  @Get('regions')
  @ApiOperation({ summary: 'Regions (county → town)' })
  @ApiOkResponse({ type: RegionList })
  async regions() {
    const rows = await this.dataSource.query(
      `SELECT code, name_zh AS "nameZh", name_en AS "nameEn", level, parent_code AS "parentCode" FROM region ORDER BY code`,
    );
    return toResponse(RegionList, wholeList(rows));
  }

  // Party names are public facts (they sign agreements); listing them leaks no negotiation.
  @Get('parties')
  @ApiOperation({ summary: 'Unions and associations, with the ones you hold a role in marked' })
  @ApiOkResponse({ type: PartyList })
  async parties(@CurrentCaller() caller: Caller) {
    const mine = new Set(caller.grants.map((g) => g.partyId).filter(Boolean));
    const rows = await this.dataSource.query(
      `SELECT id, side, kind, name_zh AS "nameZh", name_en AS "nameEn", industry_code AS "industryCode", region_code AS "regionCode" FROM party ORDER BY industry_code, side, name_zh`,
    );
    return toResponse(
      PartyList,
      wholeList(rows.map((r: { id: string }) => ({ ...r, yours: mine.has(r.id) }))),
    );
  }
}
