import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ApiErrors, ApiWrite, toResponse } from '../common/api-contract.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { uuidParam } from '../common/validation.js';
import { ApiSpreadsheetUpload } from '../piece-rates/dto/piece-rates.response.js';
import { uploadFormat } from '../piece-rates/spreadsheet-upload.js';
import { AccountsService } from './accounts.service.js';
import { OnboardDelegationUseCase } from './onboard-delegation.use-case.js';
import { CreateAccountDto, ListAccountsQuery } from './dto/account.dto.js';
import {
  AccountRecord,
  AccountCreated,
  AccountRecordList,
  AccountStatusChanged,
  DelegationOnboarded,
  PasswordResetIssued,
} from './dto/account.response.js';

const uuid = uuidParam('id', 'the account’s id');

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
  @ApiWrite()
  @ApiCreatedResponse({ type: AccountCreated })
  @ApiErrors(403, 409, 422)
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
    const out = await this.accounts.create(caller, body, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(AccountCreated, out.body) });
  }

  @Post('onboarding')
  @ApiWrite()
  @ApiSpreadsheetUpload('the list of representatives (代表名单)')
  @ApiCreatedResponse({ type: DelegationOnboarded })
  @ApiErrors(403, 408, 409, 422, 503)
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
    const out = await this.onboarding.execute(caller, req, format, (file) =>
      idempotencyOf({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: { sha256: createHash('sha256').update(file).digest('hex') },
      }),
    );
    return replyWith(res, { ...out, body: toResponse(DelegationOnboarded, out.body) });
  }

  @Get()
  @ApiOperation({
    summary: 'Accounts by username, a page at a time (administrator)',
    description: 'Pages follow offset: send page.next as offset for the next page.',
  })
  @ApiOkResponse({ type: AccountRecordList })
  @ApiErrors(403)
  async list(@CurrentCaller() caller: Caller, @Query() q: ListAccountsQuery) {
    return toResponse(AccountRecordList, await this.accounts.list(caller, q.offset, q.limit));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account (administrator); never its password hash or a code' })
  @ApiOkResponse({ type: AccountRecord })
  @ApiErrors(403, 404)
  async get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return toResponse(AccountRecord, await this.accounts.get(caller, id));
  }

  @Post(':id/disable')
  @ApiWrite()
  @ApiOkResponse({ type: AccountStatusChanged })
  @ApiErrors(403, 404, 409, 422)
  @ApiOperation({
    summary: 'Disable an account (administrator): its sessions end at once and it cannot log in',
  })
  async disable(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.accounts.setDisabled(caller, id, true, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(AccountStatusChanged, out.body) });
  }

  @Post(':id/enable')
  @ApiWrite()
  @ApiOkResponse({ type: AccountStatusChanged })
  @ApiErrors(403, 404, 409, 422)
  @ApiOperation({ summary: 'Re-enable a disabled account (administrator)' })
  async enable(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.accounts.setDisabled(caller, id, false, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(AccountStatusChanged, out.body) });
  }

  @Post(':id/password-reset')
  @ApiWrite()
  @ApiOkResponse({ type: PasswordResetIssued })
  @ApiErrors(403, 404, 409, 422)
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
    const out = await this.accounts.resetPassword(caller, id, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(PasswordResetIssued, out.body) });
  }
}
