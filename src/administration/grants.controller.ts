import { Body, Controller, Delete, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ApiErrors, ApiWrite, toResponse } from '../common/api-contract.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { uuidParam } from '../common/validation.js';
import {
  AccountGrants,
  GrantProposal,
  GrantProposalList,
  GrantRevoked,
} from './dto/administration.response.js';
import { GrantProposalsQuery, ProposeGrantDto } from './dto/grants.dto.js';
import { GrantReadsService } from './grant-reads.service.js';
import { GrantsService } from './grants.service.js';

// Exported: eslint's no-useless-assignment does not see a use inside a parameter decorator.
export const proposalId = uuidParam('id', 'the grant proposal’s id');
export const grantId = uuidParam('id', 'the grant’s id');
export const accountIdParam = uuidParam('id', 'the account’s id');

type Reply = FastifyReply;
type Outcome = { status: number; body: unknown; replayed: boolean };

// Mapped on the way out, so a replayed answer has the described shape too.
const proposalReply = (res: Reply, out: Outcome) =>
  replyWith(res, { ...out, body: toResponse(GrantProposal, out.body) });

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
  @ApiWrite()
  @ApiCreatedResponse({ type: GrantProposal })
  @ApiErrors(403, 409, 422)
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
    return proposalReply(
      res,
      await this.grants.propose(caller, body.accountId, target, idempotencyOf(req)),
    );
  }

  @Get('grant-proposals')
  @ApiOperation({
    summary: 'Proposals awaiting your decision, or the ones you made',
    description: 'Pages follow offset: send page.next as offset for the next page.',
  })
  @ApiOkResponse({ type: GrantProposalList })
  @ApiErrors(403)
  list(@CurrentCaller() caller: Caller, @Query() q: GrantProposalsQuery) {
    return this.reads.list(caller, q.view, { offset: q.offset, limit: q.limit });
  }

  @Get('grant-proposals/:id')
  @ApiOperation({ summary: 'One grant proposal' })
  @ApiOkResponse({ type: GrantProposal })
  @ApiErrors(404)
  get(@CurrentCaller() caller: Caller, @Param('id', proposalId) id: string) {
    return this.reads.get(caller, id);
  }

  @Post('grant-proposals/:id/approve')
  @ApiOperation({
    summary:
      'Approve: the party’s chief for its representatives, a second administrator for everything else',
  })
  @ApiWrite()
  @ApiOkResponse({ type: GrantProposal })
  @ApiErrors(403, 404, 409, 422)
  async approve(
    @CurrentCaller() caller: Caller,
    @Param('id', proposalId) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: Reply,
  ) {
    return proposalReply(res, await this.grants.approve(caller, id, idempotencyOf(req)));
  }

  @Post('grant-proposals/:id/reject')
  @ApiOperation({ summary: 'Reject (whoever may approve it)' })
  @ApiWrite()
  @ApiOkResponse({ type: GrantProposal })
  @ApiErrors(403, 404, 409, 422)
  async reject(
    @CurrentCaller() caller: Caller,
    @Param('id', proposalId) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: Reply,
  ) {
    return proposalReply(res, await this.grants.reject(caller, id, idempotencyOf(req)));
  }

  @Post('grant-proposals/:id/withdraw')
  @ApiOperation({ summary: 'Withdraw your own pending proposal' })
  @ApiWrite()
  @ApiOkResponse({ type: GrantProposal })
  @ApiErrors(403, 404, 409, 422)
  async withdraw(
    @CurrentCaller() caller: Caller,
    @Param('id', proposalId) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: Reply,
  ) {
    return proposalReply(res, await this.grants.withdraw(caller, id, idempotencyOf(req)));
  }

  @Delete('grants/:id')
  @ApiOperation({
    summary:
      'Revoke a grant at once (an administrator covering it, or the party’s chief for a representative)',
  })
  @ApiWrite()
  @ApiOkResponse({ type: GrantRevoked })
  @ApiErrors(403, 404, 409, 422)
  async revoke(
    @CurrentCaller() caller: Caller,
    @Param('id', grantId) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: Reply,
  ) {
    const out = await this.grants.revoke(caller, id, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(GrantRevoked, out.body) });
  }

  @Get('accounts/:id/grants')
  @ApiOperation({ summary: 'An account’s grants and pending proposals' })
  @ApiOkResponse({ type: AccountGrants })
  @ApiErrors(403, 404)
  ofAccount(@CurrentCaller() caller: Caller, @Param('id', accountIdParam) id: string) {
    return this.reads.ofAccount(caller, id);
  }
}
