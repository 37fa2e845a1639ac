import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { AccountsService } from './accounts.service.js';
import { CreateAccountDto, ListAccountsQuery } from './dto/account.dto.js';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'the account id in the path must be a UUID'),
});

const CODE_NOTE =
  'The code is in this answer only; a retry with the same Idempotency-Key answers with the code withheld (code: null); issue a new one with POST /accounts/{id}/password-reset.';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOperation({
    summary:
      'Create an account for a person (administrator); the answer carries its one-time activation code',
    description: `No password is set: the person chooses one by redeeming the code at POST /auth/code. The account holds no roles until a grant is approved. ${CODE_NOTE}`,
  })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateAccountDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(res, await this.accounts.create(caller, body, idempotencyOf(req)));
  }

  @Get()
  @ApiOperation({ summary: 'Accounts by username, a page at a time (administrator)' })
  list(@CurrentCaller() caller: Caller, @Query() q: ListAccountsQuery) {
    return this.accounts.list(caller, q.after ?? null, q.limit);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account (administrator); never its password hash or a code' })
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.accounts.get(caller, id);
  }

  @Post(':id/disable')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOperation({
    summary: 'Disable an account (administrator): its sessions end at once and it cannot log in',
  })
  async disable(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(res, await this.accounts.setDisabled(caller, id, true, idempotencyOf(req)));
  }

  @Post(':id/enable')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOperation({ summary: 'Re-enable a disabled account (administrator)' })
  async enable(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(res, await this.accounts.setDisabled(caller, id, false, idempotencyOf(req)));
  }

  @Post(':id/password-reset')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOperation({
    summary:
      'Issue a fresh one-time code with which the person sets a new password (administrator)',
    description: `Earlier codes of the account stop working. The current password keeps working until the code is redeemed. ${CODE_NOTE}`,
  })
  async resetPassword(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(res, await this.accounts.resetPassword(caller, id, idempotencyOf(req)));
  }
}
