import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { HistoryQuery } from '../negotiation/dto/negotiation-requests.dto.js';
import { AdministrationLog } from './administration-log.service.js';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('administration')
export class AdministrationController {
  constructor(private readonly log: AdministrationLog) {}

  @Get('log')
  @ApiOperation({
    summary:
      'The administration log: who changed which account, grant, person, profile, calendar day or catalog, and when (auditors and administrators)',
  })
  entries(@CurrentCaller() caller: Caller, @Query() q: HistoryQuery) {
    return this.log.page(caller, q.afterSeq, q.limit);
  }

  @Get('log/verify')
  @ApiOperation({ summary: 'Recompute the administration log’s hash chain' })
  verify(@CurrentCaller() caller: Caller) {
    return this.log.verify(caller);
  }
}
