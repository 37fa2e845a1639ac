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
import { ApiErrors, ApiWrite, toResponse, wholeList } from '../common/api-contract.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { uuidParam } from '../common/validation.js';
import {
  CloseEnterpriseSurveyDto,
  EnterpriseRecorded,
  EnterpriseSurveyClosed,
  EnterpriseSurveyOpened,
  EnterpriseSurveyStatistics,
  EnterpriseSurveySummaryList,
  OpenEnterpriseSurveyDto,
  RecordEnterpriseDto,
} from './dto/enterprise-survey.dto.js';
import { EnterpriseSurveyService } from './enterprise-survey.service.js';

const negotiationIdParam = uuidParam('id', 'the negotiation’s id');
const surveyIdParam = uuidParam('surveyId', 'the enterprise survey’s id');

@ApiTags('enterprise rate surveys')
@ApiBearerAuth()
@Controller()
export class EnterpriseSurveyController {
  constructor(private readonly surveys: EnterpriseSurveyService) {}

  @Post('negotiations/:id/enterprise-surveys')
  @ApiOperation({
    summary:
      'Open an enterprise rate survey for the round (union chair, for its mediation committee)',
  })
  @ApiWrite()
  @ApiCreatedResponse({ type: EnterpriseSurveyOpened })
  @ApiErrors(403, 404, 409, 422)
  async open(
    @CurrentCaller() caller: Caller,
    @Param('id', negotiationIdParam) id: string,
    @Body() body: OpenEnterpriseSurveyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.surveys.open(caller, id, body, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(EnterpriseSurveyOpened, out.body) });
  }

  @Get('negotiations/:id/enterprise-surveys')
  @ApiOperation({ summary: 'The enterprise rate surveys of a round' })
  @ApiOkResponse({ type: EnterpriseSurveySummaryList })
  @ApiErrors(404)
  async list(@CurrentCaller() caller: Caller, @Param('id', negotiationIdParam) id: string) {
    return toResponse(EnterpriseSurveySummaryList, wholeList(await this.surveys.list(caller, id)));
  }

  @Post('enterprise-surveys/:surveyId/enterprises')
  @ApiOperation({
    summary: 'Record what one enterprise pays per item, once (union chair)',
    description:
      'The record is sealed at once and never shown again, to anyone; only the statistics appear, after the close. A retry with the same Idempotency-Key and the same record is recognised without storing the record beside the key.',
  })
  @ApiWrite()
  @ApiCreatedResponse({ type: EnterpriseRecorded })
  @ApiErrors(403, 404, 409, 422)
  async record(
    @CurrentCaller() caller: Caller,
    @Param('surveyId', surveyIdParam) surveyId: string,
    @Body() body: RecordEnterpriseDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.surveys.record(caller, surveyId, body, idempotencyOf(req).key);
    return replyWith(res, { ...out, body: toResponse(EnterpriseRecorded, out.body) });
  }

  @Post('enterprise-surveys/:surveyId/close')
  @ApiOperation({
    summary:
      'Close the survey: its statistics are computed and frozen, the records deleted (union chair)',
  })
  @ApiWrite()
  @ApiOkResponse({ type: EnterpriseSurveyClosed })
  @ApiErrors(403, 404, 409)
  async close(
    @CurrentCaller() caller: Caller,
    @Param('surveyId', surveyIdParam) surveyId: string,
    @Body() body: CloseEnterpriseSurveyDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.surveys.close(caller, surveyId, body.closedOn, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(EnterpriseSurveyClosed, out.body) });
  }

  @Get('enterprise-surveys/:surveyId/statistics')
  @ApiOperation({
    summary:
      'The rate form (工价征求表): per item high, median, low, mean, overall and per type of enterprise',
  })
  @ApiOkResponse({ type: EnterpriseSurveyStatistics })
  @ApiErrors(404)
  async statistics(@CurrentCaller() caller: Caller, @Param('surveyId', surveyIdParam) id: string) {
    return toResponse(EnterpriseSurveyStatistics, await this.surveys.statistics(caller, id));
  }
}
