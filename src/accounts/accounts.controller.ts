import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { CSV_TYPE, XLSX_TYPE, uploadFormat } from '../piece-rates/spreadsheet-upload.js';
import { AccountsService } from './accounts.service.js';
import { OnboardDelegationUseCase } from './onboard-delegation.use-case.js';
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
  constructor(
    private readonly accounts: AccountsService,
    private readonly onboarding: OnboardDelegationUseCase,
  ) {}

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

  @Post('onboarding')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiConsumes(XLSX_TYPE, CSV_TYPE)
  @ApiOperation({
    summary:
      'Onboard a delegation from an XLSX list (administrator): one person, account and one-time code per row',
    description: `Columns: 姓名 name, 手机 phone, 电子邮箱 email (optional), 用户名 username, 组织 organisation (party id or name), 职务 position (optional), 角色 role (kept in the answer for the grant proposal). Every row valid and all stored, or 422 ONBOARDING_FILE_INVALID with details.rows listing every problem and nothing stored. Template: docs/examples/onboarding.xlsx. ${CODE_NOTE}`,
  })
  async onboard(
    @CurrentCaller() caller: Caller,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    // The caller and the key are checked before the body is read; the key's hash needs the file.
    const format = uploadFormat(req, 'the list');
    idempotencyOf({ method: req.method, url: req.url, headers: req.headers });
    return replyWith(
      res,
      await this.onboarding.execute(caller, req, format, (file) =>
        idempotencyOf({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: { sha256: createHash('sha256').update(file).digest('hex') },
        }),
      ),
    );
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
