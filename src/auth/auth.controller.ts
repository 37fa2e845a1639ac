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
import { AuthService } from './auth.service.js';
import type { Caller } from './caller.js';

class LoginDto {
  @ApiProperty({ example: 'chen.chair' }) @IsString() @MinLength(1) @MaxLength(80) username: string;
  @ApiProperty({ example: 'demo-password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
    const { caller, ...token } = await this.auth.login(body.username, body.password, request.ip);
    return toResponse(LoginAnswer, { ...token, account: caller });
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
