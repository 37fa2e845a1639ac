import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, toResponse } from '../common/api-contract.js';
import { LoginAnswer, Me } from './dto/auth.response.js';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { CurrentCaller, CurrentSessionId, Public } from './auth.decorators.js';
import { AuthService, type SignedIn } from './auth.service.js';
import { RedeemCodeUseCase } from './redeem-code.use-case.js';
import type { Caller } from './caller.js';

class LoginDto {
  @ApiProperty({ example: 'chen.chair' }) @IsString() @MinLength(1) @MaxLength(80) username: string;
  @ApiProperty({ example: 'demo-password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

class RedeemCodeDto {
  @ApiProperty({ example: 'wang.rep' }) @IsString() @MinLength(1) @MaxLength(80) username: string;
  @ApiProperty({
    example: 'ABCD-EFGH-JKLM',
    description: 'the one-time code, in any case, with or without dashes or spaces',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  code: string;
  @ApiProperty({ description: 'the password the person chooses: 10 to 200 characters' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;
}

class RefreshDto {
  @ApiProperty({ description: 'the refresh token of the last login or refresh (used once)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken: string;
}

const signedInAnswer = ({ caller, ...token }: SignedIn) =>
  toResponse(LoginAnswer, { ...token, account: caller });

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly redeemCode: RedeemCodeUseCase,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  // A token must not stay in a browser's or a proxy's cache.
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiOperation({
    summary: 'Exchange a username and password for a short-lived bearer token',
    description:
      'Failed attempts are throttled per username and client address (growing waits after a few free failures) and per address; a refusal is 429 LOGIN_THROTTLED with Retry-After.',
  })
  @ApiOkResponse({ type: LoginAnswer })
  @ApiErrors(401, 429, 503)
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest) {
    return signedInAnswer(await this.auth.login(body.username, body.password, request.ip));
  }

  @Public()
  @Post('auth/code')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiOperation({
    summary: 'Redeem a one-time code (activation or reset): choose a new password and be logged in',
    description:
      'The answer is the same as a login. Refusals: ONE_TIME_CODE_INVALID (wrong code or username, one answer for both), ONE_TIME_CODE_EXPIRED, ONE_TIME_CODE_USED; attempts are throttled like logins (429 LOGIN_THROTTLED).',
  })
  @ApiOkResponse({ type: LoginAnswer })
  @ApiErrors(401, 429, 503)
  async code(@Body() body: RedeemCodeDto, @Req() request: FastifyRequest) {
    return signedInAnswer(
      await this.redeemCode.execute(body.username, body.code, body.newPassword, request.ip),
    );
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiOperation({
    summary: 'Exchange the refresh token for a new access token and a new refresh token',
    description:
      'Each refresh token works once. Presenting an older one ends the login (AUTH_REFRESH_REUSED). A login ends after AUTH_SESSION_IDLE_SECONDS without a refresh and AUTH_SESSION_MAX_SECONDS after it began, and with a logout, a disable, a new password or a grant change (AUTH_SESSION_ENDED); an unknown or malformed token is AUTH_REFRESH_INVALID.',
  })
  @ApiOkResponse({ type: LoginAnswer })
  @ApiErrors(401)
  async refresh(@Body() body: RefreshDto) {
    return signedInAnswer(await this.auth.refresh(body.refreshToken));
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "End the caller's session: its token is refused from now on" })
  @ApiNoContentResponse({ description: 'the session is ended; no body' })
  async logout(@CurrentSessionId() sessionId: string, @CurrentCaller() caller: Caller) {
    await this.auth.logout(sessionId, caller);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to and the roles it carries' })
  @ApiOkResponse({ type: Me })
  me(@CurrentCaller() caller: Caller) {
    return toResponse(Me, caller);
  }
}
