import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { CloseSurveyDto, OpenSurveyDto, SurveyResponseDto } from './dto/survey.dto.js';
import { SurveyService } from './survey.service.js';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'the id in the path must be a UUID'),
});

@ApiTags('rate surveys')
@ApiBearerAuth()
@Controller()
export class SurveyController {
  constructor(private readonly surveys: SurveyService) {}

  @Post('negotiations/:id/surveys')
  @ApiOperation({ summary: 'Open a rate survey (工价征求表) for the round (union chair)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async open(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Body() body: OpenSurveyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(res, await this.surveys.open(caller, id, body, idempotencyOf(req)));
  }

  @Get('negotiations/:id/surveys')
  @ApiOperation({ summary: 'The rate surveys of a round' })
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.surveys.list(caller, id);
  }

  @Post('surveys/:surveyId/responses')
  @ApiOperation({ summary: 'Answer the survey once, anonymously: one rate per process you quote' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async respond(
    @CurrentCaller() caller: Caller,
    @Param('surveyId', uuid) surveyId: string,
    @Body() body: SurveyResponseDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(
      res,
      await this.surveys.respond(caller, surveyId, body.quotes, idempotencyOf(req).key),
    );
  }

  @Post('surveys/:surveyId/close')
  @ApiOperation({ summary: 'Close the survey; its figures are frozen (union chair)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async close(
    @CurrentCaller() caller: Caller,
    @Param('surveyId', uuid) surveyId: string,
    @Body() body: CloseSurveyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(
      res,
      await this.surveys.close(caller, surveyId, body.closedOn, idempotencyOf(req)),
    );
  }

  @Get('surveys/:surveyId/statistics')
  @ApiOperation({
    summary: 'Per process and side: count, high, median, low, mean, and the gap between the sides',
  })
  statistics(@CurrentCaller() caller: Caller, @Param('surveyId', uuid) surveyId: string) {
    return this.surveys.statistics(caller, surveyId);
  }
}
