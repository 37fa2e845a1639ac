import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ApiErrors, ApiWrite, toResponse } from '../common/api-contract.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { ProposePolicyProfileDto, RetirePolicyProfileDto } from './dto/policy-profile.dto.js';
import { PolicyProfileEntry, PolicyProfileEntryList } from './dto/policy-profile.response.js';
import { PolicyService } from './policy.service.js';

@ApiTags('policy profiles')
@ApiBearerAuth()
@Controller('policy-profiles')
export class PolicyController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOperation({
    summary:
      'Policy profile versions, by family and version, retired ones included (answered whole)',
  })
  @ApiOkResponse({ type: PolicyProfileEntryList })
  list() {
    return this.policies.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One policy profile' })
  @ApiOkResponse({ type: PolicyProfileEntry })
  @ApiErrors(404)
  get(@Param('id') id: string) {
    return this.policies.get(id);
  }

  @Post()
  @ApiOperation({
    summary:
      'Add a new profile version (administrator); rounds already open keep the profile they pinned',
  })
  @ApiWrite()
  @ApiCreatedResponse({ type: PolicyProfileEntry })
  @ApiErrors(403, 409, 422)
  async propose(
    @CurrentCaller() caller: Caller,
    @Body() body: ProposePolicyProfileDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.policies.propose(caller, body, idempotencyOf(req));
    // Mapped on the way out, so a replayed answer has the described shape too.
    return replyWith(res, { ...out, body: toResponse(PolicyProfileEntry, out.body) });
  }

  @Post(':id/retire')
  @ApiOperation({
    summary:
      'Retire a profile version (administrator): it stays readable and pinned where pinned, but no new round may pin it',
  })
  @ApiWrite()
  @ApiOkResponse({ type: PolicyProfileEntry })
  @ApiErrors(403, 404, 422)
  async retire(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: RetirePolicyProfileDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.policies.retire(caller, id, body.reason, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(PolicyProfileEntry, out.body) });
  }
}
