import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '../common/domain-error.js';
import { IS_PUBLIC } from './auth.decorators.js';
import type { Caller } from './caller.js';

// Global: deny by default.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]))
      return true;
    const request = ctx.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    if (!header?.startsWith('Bearer '))
      throw new DomainError(
        'AUTH_REQUIRED',
        'send "Authorization: Bearer <token>"; get a token from POST /auth/login',
      );
    try {
      const claims = await this.jwt.verifyAsync<{
        sub: string;
        usr: string;
        mref: string;
        grants: Caller['grants'];
      }>(header.slice(7));
      request.caller = {
        accountId: claims.sub,
        username: claims.usr,
        memberRef: claims.mref,
        grants: claims.grants,
      } satisfies Caller;
      return true;
    } catch {
      throw new DomainError(
        'AUTH_TOKEN_INVALID',
        'the bearer token is invalid or expired; log in again at POST /auth/login',
      );
    }
  }
}
