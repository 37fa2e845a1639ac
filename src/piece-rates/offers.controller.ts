import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { CSV_TYPE, XLSX_TYPE, uploadFormat } from './spreadsheet-upload.js';
import { OffersService } from './offers.service.js';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'the negotiation id in the path must be a UUID'),
});
// A stored offer's UUID, or s<session>-<n> for one tabled before offers had rows of their own.
const OFFER_ID =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|s\d{1,4}-\d{1,4})$/i;

function offerIdOf(value: string | undefined, name: string): string {
  if (!OFFER_ID.test(value ?? ''))
    throw new DomainError(
      'VALIDATION_FAILED',
      `${name} must be an offer id as listed by GET /negotiations/{id}/offers`,
    );
  return value!;
}

function formatOf(format: string | undefined): 'xlsx' | 'csv' {
  const f = format ?? 'xlsx';
  if (f !== 'xlsx' && f !== 'csv')
    throw new DomainError(
      'VALIDATION_FAILED',
      'format must be xlsx or csv (or json for the agreement table)',
    );
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
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.offers.list(caller, id);
  }

  @Post('offers')
  @ApiQuery({ name: 'expectedRevision', required: true })
  @ApiQuery({ name: 'scope', enum: ['full', 'subset'], required: false })
  @ApiQuery({ name: 'basedOn', required: false })
  @ApiQuery({ name: 'note', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOperation({
    summary:
      'Table an offer from an XLSX or CSV 工价表 (Content-Type decides): the same offer.tabled event as JSON; a file with any bad row is refused whole',
  })
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
      throw new DomainError('VALIDATION_FAILED', 'scope must be full or subset');
    if (note !== undefined && note.length > 2000)
      throw new DomainError('VALIDATION_FAILED', 'note must be at most 2000 characters');
    const params = {
      expectedRevision: Number(revision),
      scope: scope ?? 'subset',
      note: note ?? null,
      ...(basedOn === undefined ? {} : { basedOn: offerIdOf(basedOn, 'basedOn') }),
    } as const;
    // The key's presence is checked now; its hash needs the body, read only after admission.
    idempotencyOf({ method: req.method, url: req.url, headers: req.headers });
    return replyWith(
      res,
      await this.offers.importOffer(caller, id, req, format, params, (file) =>
        idempotencyOf({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: { sha256: createHash('sha256').update(file).digest('hex'), params },
        }),
      ),
    );
  }

  @Get('offers/compare')
  @ApiQuery({ name: 'from', description: 'an offer id' })
  @ApiQuery({ name: 'to', description: 'an offer id' })
  @ApiOperation({ summary: 'Two offers line by line: old, new, absolute and % change' })
  compare(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Query('from') from: string,
    @Query('to') to: string,
  ) {
    return this.offers.compare(caller, id, offerIdOf(from, 'from'), offerIdOf(to, 'to'));
  }

  @Get('offers/gap')
  @ApiOperation({
    summary:
      'The gap per line between the latest worker and employer offers, now and after each session',
  })
  gap(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.offers.gap(caller, id);
  }

  @Get('offers/:offerId')
  @ApiOperation({ summary: 'One offer with its whole table' })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Param('offerId') offerId: string,
  ) {
    return this.offers.get(caller, id, offerIdOf(offerId, 'the offer id in the path'));
  }

  @Get('offers/:offerId/export')
  @ApiQuery({ name: 'format', enum: ['xlsx', 'csv'], required: false })
  @ApiOperation({
    summary: 'One offer’s table as a 工价表 spreadsheet (imports back as the same table)',
  })
  async exportOffer(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Param('offerId') offerId: string,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const f = formatOf(format);
    const oid = offerIdOf(offerId, 'the offer id in the path');
    return sendFile(res, f, `offer-${oid}`, await this.offers.exportOffer(caller, id, oid, f));
  }

  @Get('agreement-table')
  @ApiQuery({ name: 'format', enum: ['xlsx', 'csv', 'json'], required: false })
  @ApiOperation({
    summary:
      'The agreement’s table as the draft commits to it: previous and agreed rates, changes, minimum flags, summary and monthly pay (json); XLSX adds a 汇总 summary sheet',
  })
  async exportAgreement(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    // The table is kept out of the round's view (ADR 0018); json gives it to the console.
    if (format === 'json') return (await this.offers.agreementTable(caller, id)).table;
    const f = formatOf(format);
    return sendFile(res, f, `agreement-${id}`, await this.offers.exportAgreement(caller, id, f));
  }
}
