import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toResponse, wholeList } from '../common/api-contract.js';
import { IndustryList, PartyList, RegionList } from './dto/directory.response.js';
import { ProcedureRegistry } from '../negotiation/procedure-registry.js';
import { PartiesStore } from './parties.store.js';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';

@ApiTags('directory')
@ApiBearerAuth()
@Controller()
export class PartiesController {
  constructor(
    private readonly store: PartiesStore,
    private readonly procedures: ProcedureRegistry,
  ) {}

  @Get('industries')
  @ApiOperation({ summary: 'Industries' })
  @ApiOkResponse({ type: IndustryList })
  async industries() {
    // Which industries have a procedure, and its version for new rounds: a console draws industry
    // screens from this and GET /industries/{code}/procedure, never from a list of its own.
    const rows = (await this.store.industries()).map((r) => ({
      ...r,
      procedureVersion: this.procedures.industry(r.code)?.currentVersion ?? null,
    }));
    return toResponse(IndustryList, wholeList(rows));
  }

  @Get('regions')
  @ApiOperation({ summary: 'Regions (county → town)' })
  @ApiOkResponse({ type: RegionList })
  async regions() {
    const rows = await this.store.regions();
    return toResponse(RegionList, wholeList(rows));
  }

  // Party names are public facts (they sign agreements); listing them leaks no negotiation.
  @Get('parties')
  @ApiOperation({ summary: 'Unions and associations, with the ones you hold a role in marked' })
  @ApiOkResponse({ type: PartyList })
  async parties(@CurrentCaller() caller: Caller) {
    const mine = new Set(caller.grants.map((g) => g.partyId).filter(Boolean));
    const rows = await this.store.parties();
    return toResponse(
      PartyList,
      wholeList(rows.map((r: { id: string }) => ({ ...r, yours: mine.has(r.id) }))),
    );
  }
}
