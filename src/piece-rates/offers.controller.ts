import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { CSV_TYPE, XLSX_TYPE, uploadFormat } from './spreadsheet-upload.js';
import { ApiErrors, ApiWrite, toResponse } from '../common/api-contract.js';
import { queryInvalid, uuidParam } from '../common/validation.js';
import { EventAccepted, OfferSummaryList } from '../negotiation/dto/negotiation.response.js';
import {
  AgreementTableBody,
  ApiSpreadsheetDownload,
  ApiSpreadsheetUpload,
  OFFER_UPLOAD_DESCRIPTION,
  OfferComparison,
  OfferGap,
  OfferWithLines,
} from './dto/piece-rates.response.js';

const OFFER_ID_PARAM = {
  description: 'an offer id as listed by GET …/offers: a UUID, or s<session>-<n> for an old one',
  schema: { type: 'string', pattern: '^([0-9a-fA-F-]{36}|s\\d{1,4}-\\d{1,4})$' },
} as const;
import { OffersService } from './offers.service.js';

const uuid = uuidParam('id', 'the negotiation’s id');
// A stored offer's UUID, or s<session>-<n> for one tabled before offers had rows of their own.
const OFFER_ID =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|s\d{1,4}-\d{1,4})$/i;

// The path names the offer: the refusal says so (the query's from, to, basedOn are query fields).
function pathOfferId(value: string): string {
  if (!OFFER_ID.test(value))
    throw new DomainError('VALIDATION_FAILED', `the path parameter offerId ${OFFER_ID_PROBLEM}`, {
      fields: [{ field: 'path.offerId', problems: [OFFER_ID_PROBLEM] }],
    });
  return value;
}

const OFFER_ID_PROBLEM = 'must be an offer id as listed by GET /negotiations/{id}/offers';

function offerIdOf(value: string | undefined, name: string): string {
  if (!OFFER_ID.test(value ?? '')) throw queryInvalid(name, OFFER_ID_PROBLEM);
  return value!;
}

function formatOf(format: string | undefined): 'xlsx' | 'csv' {
  const f = format ?? 'xlsx';
  if (f !== 'xlsx' && f !== 'csv')
    throw queryInvalid('format', 'must be xlsx or csv (or json for the agreement table)');
  return f;
}

function sendFile(res: FastifyReply, format: 'xlsx' | 'csv', name: string, file: Buffer) {
  res.header('content-type', format === 'xlsx' ? XLSX_TYPE : `${CSV_TYPE}; charset=utf-8`);
  res.header('content-disposition', `attachment; filename="${name}.${format}"`);
  return file;
}

@ApiTags('offers')
@ApiBearerAuth()
@Controller('negotiations/:id')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get('offers')
  @ApiOperation({ summary: 'Offers and counteroffers tabled in the round, without their tables' })
  @ApiOkResponse({ type: OfferSummaryList })
  @ApiErrors(404)
  async list(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return toResponse(OfferSummaryList, await this.offers.list(caller, id));
  }

  @Post('offers')
  @ApiQuery({
    name: 'expectedRevision',
    required: true,
    schema: { type: 'integer', minimum: 1, maximum: 999_999_999 },
    description: 'the revision you last read',
  })
  @ApiQuery({ name: 'scope', enum: ['full', 'subset'], required: false })
  @ApiQuery({ name: 'basedOn', required: false, ...OFFER_ID_PARAM })
  @ApiQuery({ name: 'note', required: false, schema: { type: 'string', maxLength: 2000 } })
  @ApiWrite()
  @ApiSpreadsheetUpload('the 工价表')
  @ApiOperation({
    summary:
      'Table an offer from an XLSX or CSV 工价表 (Content-Type decides): the same offer.tabled event as JSON; a file with any bad row is refused whole',
    description: OFFER_UPLOAD_DESCRIPTION,
  })
  @ApiCreatedResponse({ type: EventAccepted })
  @ApiErrors(403, 404, 408, 409, 422, 503)
  async importOffer(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Query('expectedRevision') revision: string | undefined,
    @Query('scope') scope: string | undefined,
    @Query('basedOn') basedOn: string | undefined,
    @Query('note') note: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const format = uploadFormat(req, 'the 工价表');
    if (!/^\d{1,9}$/.test(revision ?? ''))
      throw new DomainError(
        'EXPECTED_REVISION_REQUIRED',
        'give expectedRevision in the query: the revision you last read (GET /negotiations/{id})',
      );
    if (scope !== undefined && scope !== 'full' && scope !== 'subset')
      throw queryInvalid('scope', 'must be full or subset');
    if (note !== undefined && note.length > 2000)
      throw queryInvalid('note', 'must be at most 2000 characters');
    const params = {
      expectedRevision: Number(revision),
      scope: scope ?? 'subset',
      note: note ?? null,
      ...(basedOn === undefined ? {} : { basedOn: offerIdOf(basedOn, 'basedOn') }),
    } as const;
    // The key's presence is checked now; its hash needs the body, read only after admission.
    idempotencyOf({ method: req.method, url: req.url, headers: req.headers });
    const out = await this.offers.importOffer(caller, id, req, format, params, (file) =>
      idempotencyOf({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: { sha256: createHash('sha256').update(file).digest('hex'), params },
      }),
    );
    return replyWith(res, { ...out, body: toResponse(EventAccepted, out.body) });
  }

  @Get('offers/compare')
  @ApiQuery({ name: 'from', required: true, ...OFFER_ID_PARAM })
  @ApiQuery({ name: 'to', required: true, ...OFFER_ID_PARAM })
  @ApiOperation({ summary: 'Two offers line by line: old, new, absolute and % change' })
  @ApiOkResponse({ type: OfferComparison })
  @ApiErrors(404)
  async compare(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Query('from') from: string,
    @Query('to') to: string,
  ) {
    return toResponse(
      OfferComparison,
      await this.offers.compare(caller, id, offerIdOf(from, 'from'), offerIdOf(to, 'to')),
    );
  }

  @Get('offers/gap')
  @ApiOperation({
    summary:
      'The gap per line between the latest worker and employer offers, now and after each session',
    description:
      'status compared: current holds the gap; awaitingBothSides: one side (or both) has not tabled an offer yet, so there is no current gap (the field is absent, never null).',
  })
  @ApiOkResponse({ type: OfferGap })
  @ApiErrors(404)
  async gap(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return toResponse(OfferGap, await this.offers.gap(caller, id));
  }

  @Get('offers/:offerId')
  @ApiOperation({ summary: 'One offer with its whole table' })
  @ApiParam({ name: 'offerId', ...OFFER_ID_PARAM })
  @ApiOkResponse({ type: OfferWithLines })
  @ApiErrors(404)
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Param('offerId') offerId: string,
  ) {
    return toResponse(OfferWithLines, await this.offers.get(caller, id, pathOfferId(offerId)));
  }

  @Get('offers/:offerId/export')
  @ApiQuery({ name: 'format', enum: ['xlsx', 'csv'], required: false })
  @ApiOperation({
    summary: 'One offer’s table as a 工价表 spreadsheet (imports back as the same table)',
  })
  @ApiParam({ name: 'offerId', ...OFFER_ID_PARAM })
  @ApiSpreadsheetDownload('the offer’s table')
  @ApiErrors(404)
  async exportOffer(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Param('offerId') offerId: string,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const f = formatOf(format);
    const oid = pathOfferId(offerId);
    return sendFile(res, f, `offer-${oid}`, await this.offers.exportOffer(caller, id, oid, f));
  }

  @Get('agreement-table')
  @ApiQuery({ name: 'format', enum: ['xlsx', 'csv', 'json'], required: false })
  @ApiOperation({
    summary:
      'The agreement’s table as the draft commits to it: previous and agreed rates, changes, minimum flags, summary and monthly pay (json); XLSX adds a 汇总 summary sheet',
  })
  @ApiExtraModels(AgreementTableBody)
  @ApiSpreadsheetDownload('the agreement’s table', AgreementTableBody)
  @ApiErrors(404)
  async exportAgreement(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    // The table is kept out of the round's view (ADR 0018); json gives it to the console.
    if (format === 'json')
      return toResponse(AgreementTableBody, (await this.offers.agreementTable(caller, id)).table);
    const f = formatOf(format);
    return sendFile(res, f, `agreement-${id}`, await this.offers.exportAgreement(caller, id, f));
  }
}
