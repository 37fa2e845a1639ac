import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, ApiWrite, toResponse, wholeList } from '../common/api-contract.js';
import { uuidParam } from '../common/validation.js';
import {
  SurveyAnswerAccepted,
  SurveyClosed,
  SurveyOpened,
  SurveyStatistics,
  SurveySummaryList,
} from './dto/piece-rates.response.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { CloseSurveyDto, OpenSurveyDto, SurveyResponseDto } from './dto/survey.dto.js';
import { SurveyService } from './survey.service.js';

const negotiationIdParam = uuidParam('id', 'the negotiation’s id');
const surveyIdParam = uuidParam('surveyId', 'the rate survey’s id');

@ApiTags('rate surveys')
@ApiBearerAuth()
@Controller()
export class SurveyController {
  constructor(private readonly surveys: SurveyService) {}

  @Post('negotiations/:id/surveys')
  @ApiOperation({ summary: 'Open a rate survey (工价征求表) for the round (union chair)' })
  @ApiWrite()
  @ApiCreatedResponse({ type: SurveyOpened })
  @ApiErrors(403, 404, 409, 422)
  async open(
    @CurrentCaller() caller: Caller,
    @Param('id', negotiationIdParam) id: string,
    @Body() body: OpenSurveyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.surveys.open(caller, id, body, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(SurveyOpened, out.body) });
  }

  @Get('negotiations/:id/surveys')
  @ApiOperation({ summary: 'The rate surveys of a round' })
  @ApiOkResponse({ type: SurveySummaryList })
  @ApiErrors(404)
  async list(@CurrentCaller() caller: Caller, @Param('id', negotiationIdParam) id: string) {
    return toResponse(SurveySummaryList, wholeList(await this.surveys.list(caller, id)));
  }

  @Post('surveys/:surveyId/responses')
  @ApiOperation({
    summary: 'Answer the survey once, anonymously: one rate per process you quote',
    description:
      'A retry with the same Idempotency-Key and the same answer is recognised without storing who answered what (ADR 0011).',
  })
  @ApiWrite()
  @ApiCreatedResponse({ type: SurveyAnswerAccepted })
  @ApiErrors(403, 404, 409, 422)
  async respond(
    @CurrentCaller() caller: Caller,
    @Param('surveyId', surveyIdParam) surveyId: string,
    @Body() body: SurveyResponseDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.surveys.respond(caller, surveyId, body.quotes, idempotencyOf(req).key);
    return replyWith(res, { ...out, body: toResponse(SurveyAnswerAccepted, out.body) });
  }

  @Post('surveys/:surveyId/close')
  @ApiOperation({ summary: 'Close the survey; its figures are frozen (union chair)' })
  @ApiWrite()
  @ApiOkResponse({ type: SurveyClosed })
  @ApiErrors(403, 404, 409)
  async close(
    @CurrentCaller() caller: Caller,
    @Param('surveyId', surveyIdParam) surveyId: string,
    @Body() body: CloseSurveyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.surveys.close(caller, surveyId, body.closedOn, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(SurveyClosed, out.body) });
  }

  @Get('surveys/:surveyId/statistics')
  @ApiOperation({
    summary: 'Per process and side: count, high, median, low, mean, and the gap between the sides',
  })
  @ApiOkResponse({ type: SurveyStatistics })
  @ApiErrors(404)
  async statistics(@CurrentCaller() caller: Caller, @Param('surveyId', surveyIdParam) id: string) {
    return toResponse(SurveyStatistics, await this.surveys.statistics(caller, id));
  }
}
