import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { ApiErrors, ApiWrite, REVISION_DESCRIPTION, toResponse } from '../common/api-contract.js';
import { uuidParam } from '../common/validation.js';
import {
  ListNegotiationsQuery,
  OpenNegotiationDto,
  RecordCaucusDto,
  SendEventDto,
} from './dto/negotiation-requests.dto.js';
import { CaucusService } from './caucus.service.js';
import { NegotiationService } from './negotiation.service.js';
import { OpenNegotiationUseCase } from './open-negotiation.use-case.js';
import { SendEventUseCase } from './send-event.use-case.js';

import { HistoryQuery } from '../common/paging.js';
import {
  CaucusNoteList,
  ChainVerification,
  EventAccepted,
  History,
  NegotiationOpened,
  NegotiationSummaryList,
  NegotiationTerms,
  NegotiationView,
  HISTORY_EVENT,
  TERMS_SCHEMAS,
  SEND_EVENT,
} from './dto/negotiation.response.js';

const HISTORY_MODELS = HISTORY_EVENT.models;

const uuid = uuidParam('id', 'the negotiation’s id');

@ApiTags('negotiations')
@ApiBearerAuth()
@Controller('negotiations')
export class NegotiationController {
  constructor(
    private readonly negotiations: NegotiationService,
    private readonly openNegotiation: OpenNegotiationUseCase,
    private readonly sendEvent: SendEventUseCase,
    private readonly caucuses: CaucusService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Open a round (union chair of the worker party)',
    description: `Its first event, round.opened. ${REVISION_DESCRIPTION}`,
  })
  @ApiWrite()
  @ApiCreatedResponse({ type: NegotiationOpened })
  @ApiErrors(403, 409, 422)
  async open(
    @CurrentCaller() caller: Caller,
    @Body() body: OpenNegotiationDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.openNegotiation.execute(caller, {
      ...body,
      idempotency: idempotencyOf(req),
    });
    // Mapped on the way out, so a replay of a record stored before ADR 0023 answers the same shape.
    const { negotiationId, ...rest } = out.body as EventAccepted;
    return replyWith(res, {
      ...out,
      body: toResponse(NegotiationOpened, { id: negotiationId, ...rest }),
    });
  }

  @Get()
  @ApiOperation({ summary: 'Negotiations visible to you, filtered and paginated' })
  @ApiOkResponse({ type: NegotiationSummaryList })
  list(@CurrentCaller() caller: Caller, @Query() query: ListNegotiationsQuery) {
    return this.negotiations.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'Current state, what you may send now, parties, delegations, deadlines and latest offers',
  })
  @ApiOkResponse({ type: NegotiationView })
  @ApiErrors(404)
  view(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.negotiations.view(caller, id);
  }

  @Get(':id/terms')
  @ApiOperation({
    summary:
      'What the industry’s own events built in the round: for shipbuilding, the wage survey, the package side by side and each clause’s status, and the agreement table (ADR 0037)',
  })
  @ApiOkResponse({ type: NegotiationTerms })
  @ApiExtraModels(...TERMS_SCHEMAS)
  @ApiErrors(404)
  terms(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.negotiations.terms(caller, id);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'The append-only, hash-chained history',
    description:
      'Pages follow afterSeq: send page.next as afterSeq for the next page. Each payload is as recorded, byte for byte, so a client can recompute the chain.',
  })
  @ApiOkResponse({ type: History })
  @ApiExtraModels(...HISTORY_MODELS)
  @ApiErrors(404)
  history(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Query() q: HistoryQuery,
  ) {
    return this.negotiations.history(caller, id, q.afterSeq, q.limit);
  }

  @Get(':id/history/verify')
  @ApiOperation({ summary: 'Recompute the hash chain and compare it with the stored head' })
  @ApiOkResponse({ type: ChainVerification })
  @ApiErrors(404)
  verify(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.negotiations.verify(caller, id);
  }

  @Post(':id/events')
  @ApiOperation({
    summary: 'Send an event to the round (the one write path)',
    description: `The body is one of the event types, told apart by type; each has its payload schema. ${REVISION_DESCRIPTION}`,
  })
  @ApiWrite()
  @ApiExtraModels(...SEND_EVENT.models)
  @ApiBody({ schema: SEND_EVENT.schema })
  @ApiCreatedResponse({ type: EventAccepted })
  @ApiErrors(403, 404, 409, 422)
  async send(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Body() body: SendEventDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const idempotency = idempotencyOf(req);
    // The payload is read by the door, after it has admitted the caller (ADR 0028).
    const out = await this.sendEvent.execute(caller, {
      negotiationId: id,
      expectedRevision: body.expectedRevision,
      type: body.type,
      body: body.payload,
      idempotency,
    });
    return replyWith(res, { ...out, body: toResponse(EventAccepted, out.body) });
  }

  @Post(':id/caucuses')
  @ApiOperation({
    summary: 'Record a separate caucus (背靠背); the notes stay confidential to your side',
    description: `A caucus.held event whose note is stored sealed apart; the history keeps a hiding commitment. ${REVISION_DESCRIPTION}`,
  })
  @ApiWrite()
  @ApiCreatedResponse({ type: EventAccepted })
  @ApiErrors(403, 404, 409, 422)
  async recordCaucus(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Body() body: RecordCaucusDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    // The request is remembered with the note replaced by its keyed digest (CaucusService).
    const idempotency = idempotencyOf({
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: { ...body, notes: this.caucuses.requestFingerprint(body.notes) },
    });
    const out = await this.sendEvent.execute(caller, {
      negotiationId: id,
      expectedRevision: body.expectedRevision,
      type: 'caucus.held',
      body: { heldOn: body.heldOn, notes: body.notes },
      idempotency,
    });
    return replyWith(res, { ...out, body: toResponse(EventAccepted, out.body) });
  }

  @Get(':id/caucuses')
  @ApiOperation({ summary: 'Your own side’s caucus notes (never the other side’s)' })
  @ApiOkResponse({ type: CaucusNoteList })
  @ApiErrors(403, 404)
  async listCaucuses(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return toResponse(CaucusNoteList, await this.caucuses.ownSideNotes(caller, id));
  }
}
