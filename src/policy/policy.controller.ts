import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { ProposePolicyProfileDto } from './dto/policy-profile.dto.js';
import { PolicyService } from './policy.service.js';

@ApiTags('policy profiles')
@ApiBearerAuth()
@Controller('policy-profiles')
export class PolicyController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOperation({ summary: 'Policy profiles a round can pin' })
  list() {
    return this.policies.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One policy profile' })
  get(@Param('id') id: string) {
    return this.policies.get(id);
  }

  @Post()
  @ApiOperation({
    summary:
      'Add a new profile version (administrator); rounds already open keep the profile they pinned',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async propose(
    @CurrentCaller() caller: Caller,
    @Body() body: ProposePolicyProfileDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(res, await this.policies.propose(caller, body, idempotencyOf(req)));
  }
}
