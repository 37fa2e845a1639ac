import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { OffersService } from './offers.service.js';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'the negotiation id in the path must be a UUID'),
});
const OFFER_ID = /^s\d{1,4}-\d{1,4}$/;

@ApiTags('offers')
@ApiBearerAuth()
@Controller('negotiations/:id/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get()
  @ApiOperation({ summary: 'Offers and counteroffers tabled in the round (ids s<session>-<n>)' })
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.offers.list(caller, id);
  }

  @Get('compare')
  @ApiQuery({ name: 'from', example: 's1-1' })
  @ApiQuery({ name: 'to', example: 's1-2' })
  @ApiOperation({ summary: 'Two offers process by process: old, new, absolute and % change' })
  compare(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Query('from') from: string,
    @Query('to') to: string,
  ) {
    if (!OFFER_ID.test(from ?? '') || !OFFER_ID.test(to ?? ''))
      throw new DomainError(
        'VALIDATION_FAILED',
        'give from and to as offer ids such as s1-2 (see GET …/offers)',
      );
    return this.offers.compare(caller, id, from, to);
  }

  @Get('gap')
  @ApiOperation({
    summary:
      'The gap per process between the latest worker and employer offers, now and after each session',
  })
  gap(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.offers.gap(caller, id);
  }
}
