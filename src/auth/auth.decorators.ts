import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Caller } from './caller.js';

export const IS_PUBLIC = 'isPublic';
// Everything requires a bearer token unless marked public (health, login; docs are outside Nest).
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const CurrentCaller = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest().caller,
);

// The session (auth_session.id) the caller's token names; set by the guard.
export const CurrentSessionId = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest().sessionId,
);
