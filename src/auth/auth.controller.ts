import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CurrentCaller, Public } from './auth.decorators.js';
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
  @ApiOperation({ summary: 'Exchange a username and password for a short-lived bearer token' })
  async login(@Body() body: LoginDto) {
    const { caller, ...token } = await this.auth.login(body.username, body.password);
    return {
      ...token,
      account: { username: caller.username, memberRef: caller.memberRef, grants: caller.grants },
    };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to and the roles it carries' })
  me(@CurrentCaller() caller: Caller) {
    return caller;
  }
}
