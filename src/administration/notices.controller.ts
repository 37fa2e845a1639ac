import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ApiErrors, ApiWrite, toResponse } from '../common/api-contract.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { uuidParam } from '../common/validation.js';
import { Notice, NoticeList } from './dto/administration.response.js';
import { NoticesQuery } from './dto/notices.dto.js';
import { Notices } from './notices.service.js';

// Exported: eslint's no-useless-assignment does not see a use inside a parameter decorator.
export const noticeIdPipe = uuidParam('id', 'the notice’s id');

@ApiTags('notices')
@ApiBearerAuth()
@Controller('me/notices')
export class NoticesController {
  constructor(private readonly notices: Notices) {}

  @Get()
  @ApiOperation({
    summary: 'What you have been told: grants approved, rejected or revoked, …',
    description: 'Newest first; pages follow offset: send page.next as offset for the next page.',
  })
  @ApiOkResponse({ type: NoticeList })
  mine(@CurrentCaller() caller: Caller, @Query() q: NoticesQuery) {
    return this.notices.mine(caller, {
      unreadOnly: q.unread === 'true',
      offset: q.offset,
      limit: q.limit,
    });
  }

  @Post(':id/read')
  @ApiOperation({ summary: 'Mark one of your notices read' })
  @ApiWrite()
  @ApiOkResponse({ type: Notice })
  @ApiErrors(404, 409, 422)
  async markRead(
    @CurrentCaller() caller: Caller,
    @Param('id', noticeIdPipe) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.notices.markRead(caller, id, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(Notice, out.body) });
  }
}
