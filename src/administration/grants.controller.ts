import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { GrantProposalsQuery, ProposeGrantDto } from './dto/grants.dto.js';
import { GrantReadsService } from './grant-reads.service.js';
import { GrantsService } from './grants.service.js';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'the id in the path must be a UUID'),
});

type Reply = FastifyReply;

@ApiTags('administration')
@ApiBearerAuth()
@Controller('administration')
export class GrantsController {
  constructor(
    private readonly grants: GrantsService,
    private readonly reads: GrantReadsService,
  ) {}

  @Post('grant-proposals')
  @ApiOperation({
    summary:
      'Propose a grant (administrator, within your scope); it takes effect when the party’s chief or a second administrator approves',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async propose(
    @CurrentCaller() caller: Caller,
    @Body() body: ProposeGrantDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: Reply,
  ) {
    const target = {
      role: body.role,
      partyId: body.partyId ?? null,
      industryCode: body.industryCode ?? null,
      regionCode: body.regionCode ?? null,
    };
    return replyWith(
      res,
      await this.grants.propose(caller, body.accountId, target, idempotencyOf(req)),
    );
  }

  @Get('grant-proposals')
  @ApiOperation({ summary: 'Proposals awaiting your decision, or the ones you made' })
  list(@CurrentCaller() caller: Caller, @Query() q: GrantProposalsQuery) {
    return this.reads.list(caller, q.view, q.limit);
  }

  @Get('grant-proposals/:id')
  @ApiOperation({ summary: 'One grant proposal' })
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reads.get(caller, id);
  }

  @Post('grant-proposals/:id/approve')
  @ApiOperation({
    summary:
      'Approve: the party’s chief for its representatives, a second administrator for everything else',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async approve(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: Reply,
  ) {
    return replyWith(res, await this.grants.approve(caller, id, idempotencyOf(req)));
  }

  @Post('grant-proposals/:id/reject')
  @ApiOperation({ summary: 'Reject (whoever may approve it)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async reject(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: Reply,
  ) {
    return replyWith(res, await this.grants.reject(caller, id, idempotencyOf(req)));
  }

  @Post('grant-proposals/:id/withdraw')
  @ApiOperation({ summary: 'Withdraw your own pending proposal' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async withdraw(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: Reply,
  ) {
    return replyWith(res, await this.grants.withdraw(caller, id, idempotencyOf(req)));
  }

  @Delete('grants/:id')
  @ApiOperation({
    summary:
      'Revoke a grant at once (an administrator covering it, or the party’s chief for a representative)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async revoke(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: Reply,
  ) {
    return replyWith(res, await this.grants.revoke(caller, id, idempotencyOf(req)));
  }

  @Get('accounts/:id/grants')
  @ApiOperation({ summary: 'An account’s grants and pending proposals' })
  ofAccount(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.reads.ofAccount(caller, id);
  }
}
