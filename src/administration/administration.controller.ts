import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ApiErrors } from '../common/api-contract.js';
import { HistoryQuery } from '../common/paging.js';
import { AdministrationLog } from './administration-log.service.js';
import {
  AdministrationLogEntryList,
  AdministrationLogVerification,
} from './dto/administration.response.js';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('administration')
export class AdministrationController {
  constructor(private readonly log: AdministrationLog) {}

  @Get('log')
  @ApiOperation({
    summary:
      'The administration log: who changed which account, grant, person, profile, calendar day or catalog, and when (auditors and administrators)',
    description:
      'Pages follow afterSeq: send page.next as afterSeq for the next page. Each entry’s details are as recorded, byte for byte, so an auditor can recompute the chain.',
  })
  @ApiOkResponse({ type: AdministrationLogEntryList })
  @ApiErrors(403)
  entries(@CurrentCaller() caller: Caller, @Query() q: HistoryQuery) {
    return this.log.page(caller, q.afterSeq, q.limit);
  }

  @Get('log/verify')
  @ApiOperation({ summary: 'Recompute the administration log’s hash chain' })
  @ApiOkResponse({ type: AdministrationLogVerification })
  @ApiErrors(403)
  verify(@CurrentCaller() caller: Caller) {
    return this.log.verify(caller);
  }
}
