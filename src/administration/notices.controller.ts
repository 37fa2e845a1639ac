import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { NoticesQuery } from './dto/notices.dto.js';
import { Notices } from './notices.service.js';

// Exported: eslint's no-useless-assignment does not see a use inside a parameter decorator.
export const noticeIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'the notice id in the path must be a UUID'),
});

@ApiTags('notices')
@ApiBearerAuth()
@Controller('me/notices')
export class NoticesController {
  constructor(private readonly notices: Notices) {}

  @Get()
  @ApiOperation({ summary: 'What you have been told: grants approved, rejected or revoked, …' })
  mine(@CurrentCaller() caller: Caller, @Query() q: NoticesQuery) {
    return this.notices.mine(caller, { unreadOnly: q.unread === 'true', limit: q.limit });
  }

  @Post(':id/read')
  @ApiOperation({ summary: 'Mark one of your notices read' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async markRead(
    @CurrentCaller() caller: Caller,
    @Param('id', noticeIdPipe) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(res, await this.notices.markRead(caller, id, idempotencyOf(req)));
  }
}
