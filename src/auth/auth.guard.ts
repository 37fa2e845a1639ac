import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '../common/domain-error.js';
import { IS_PUBLIC } from './auth.decorators.js';
import type { Caller } from './caller.js';
import { SessionService } from './session.service.js';

export interface TokenClaims {
  sub: string;
  usr: string;
  mref: string;
  // The caller's person (ADR 0025); absent from tokens issued before it, which then act as no person.
  pid?: string | null;
  grants: Caller['grants'];
  // The session (auth_session.id) and the account's token version at login (ADR 0017).
  sid: string;
  ver: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type VerifiedClaims = TokenClaims & { exp: number };

// jsonwebtoken accepts a token without exp forever; ours always carry one.
const isWellFormed = (c: Partial<VerifiedClaims>): c is VerifiedClaims =>
  typeof c.exp === 'number' &&
  typeof c.sub === 'string' &&
  typeof c.sid === 'string' &&
  UUID.test(c.sid) &&
  Number.isSafeInteger(c.ver) &&
  Array.isArray(c.grants);

// Global: deny by default. A token must verify (HS256, issuer, audience, expiry) and name a session
// that is live, of an account that is enabled and still at the token's version.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: SessionService,
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
    let claims: Partial<VerifiedClaims>;
    try {
      claims = await this.jwt.verifyAsync(header.slice(7));
    } catch {
      claims = {};
    }
    if (!isWellFormed(claims))
      throw new DomainError(
        'AUTH_TOKEN_INVALID',
        'the bearer token is invalid or expired; log in again at POST /auth/login',
      );
    if (!(await this.sessions.isCurrent(claims.sid, claims.sub, claims.ver)))
      throw new DomainError(
        'AUTH_SESSION_ENDED',
        'this login has ended (logged out, account disabled, or its roles or password changed); log in again at POST /auth/login',
      );
    request.sessionId = claims.sid;
    request.caller = {
      accountId: claims.sub,
      username: claims.usr,
      personId: claims.pid ?? null,
      memberRef: claims.mref,
      grants: claims.grants,
    } satisfies Caller;
    return true;
  }
}
