import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  type PipeTransform,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, ApiWrite, toResponse, wholeList } from '../common/api-contract.js';
import {
  ApiSpreadsheetDownload,
  ApiSpreadsheetUpload,
  CatalogCreated,
  CatalogSummaryList,
  CatalogVersion,
} from './dto/piece-rates.response.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { createHash } from 'node:crypto';
import { CSV_TYPE, XLSX_TYPE, uploadFormat } from './spreadsheet-upload.js';
import { CatalogService } from './catalog.service.js';
import { queryInvalid } from '../common/validation.js';
import { CreateCatalogDto } from './dto/catalog.dto.js';

// Versions count from 1 and stay far below int4 (CreateCatalogDto.basedOnVersion has the same bound).
const catalogVersion: PipeTransform<string, number> = {
  transform(value) {
    if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > 100000)
      throw new DomainError(
        'VALIDATION_FAILED',
        'the path parameter version must be a whole number from 1 to 100000 (the catalog version)',
      );
    return Number(value);
  },
};

@ApiTags('catalogs')
@ApiBearerAuth()
@Controller('catalogs')
export class CatalogController {
  constructor(private readonly catalogs: CatalogService) {}

  @Post()
  @ApiOperation({
    summary:
      'Create the next version of an industry’s process catalog (administrator or its union chair)',
  })
  @ApiWrite()
  @ApiCreatedResponse({ type: CatalogCreated })
  @ApiErrors(403, 409, 422)
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateCatalogDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.catalogs.create(caller, body, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(CatalogCreated, out.body) });
  }

  @Get()
  @ApiQuery({ name: 'industry', required: false, description: 'an industry code' })
  @ApiOperation({ summary: 'Catalog versions, per industry' })
  @ApiOkResponse({ type: CatalogSummaryList })
  async list(@Query('industry') industry?: string) {
    return toResponse(CatalogSummaryList, wholeList(await this.catalogs.list(industry)));
  }

  @Get(':industry/:version')
  @ApiOperation({
    summary: 'One catalog version: product types, sections, processes and code mappings',
  })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1, maximum: 100000 } })
  @ApiOkResponse({ type: CatalogVersion })
  @ApiErrors(404)
  async get(
    @Param('industry') industry: string,
    @Param('version', catalogVersion) version: number,
  ) {
    return toResponse(CatalogVersion, await this.catalogs.get(industry, version));
  }

  @Get(':industry/:version/export')
  @ApiQuery({ name: 'format', enum: ['xlsx', 'csv'], required: false })
  @ApiOperation({
    summary:
      'The catalog as a spreadsheet (XLSX: 工序, 品种, 编码对照 sheets; CSV: the 工序 sheet)',
  })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1, maximum: 100000 } })
  @ApiSpreadsheetDownload('the catalog')
  @ApiErrors(404)
  async export(
    @Param('industry') industry: string,
    @Param('version', catalogVersion) version: number,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const f = formatOf(format ?? 'xlsx');
    const file = await this.catalogs.exportFile(industry, version, f);
    res.header('content-type', f === 'xlsx' ? XLSX_TYPE : `${CSV_TYPE}; charset=utf-8`);
    res.header(
      'content-disposition',
      `attachment; filename="${industry}-catalog-v${version}.${f}"`,
    );
    return file;
  }

  @Post(':industry/import')
  @ApiQuery({
    name: 'basedOnVersion',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100000 },
  })
  @ApiQuery({ name: 'note', required: false, schema: { type: 'string', maxLength: 2000 } })
  @ApiWrite()
  @ApiSpreadsheetUpload('the catalog (工序 sheet; XLSX may add 品种 and 编码对照)')
  @ApiOperation({
    summary:
      'Create the next catalog version from an XLSX or CSV body (Content-Type decides); a file with any bad row is refused whole',
  })
  @ApiCreatedResponse({ type: CatalogCreated })
  @ApiErrors(403, 404, 408, 409, 422, 503)
  async import(
    @CurrentCaller() caller: Caller,
    @Param('industry') industry: string,
    @Query('basedOnVersion') basedOn: string | undefined,
    @Query('note') note: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const format = uploadFormat(req, 'the file');
    if (basedOn !== undefined && !/^\d{1,6}$/.test(basedOn))
      throw queryInvalid('basedOnVersion', 'must be a whole number');
    if (note !== undefined && note.length > 2000)
      throw queryInvalid('note', 'must be at most 2000 characters');
    const target = {
      industryCode: industry,
      basedOnVersion: basedOn ? Number(basedOn) : null,
      note: note ?? `imported from ${format.toUpperCase()}`,
    };
    // The key's presence is checked now; its hash needs the body, read only after admission.
    idempotencyOf({ method: req.method, url: req.url, headers: req.headers });
    const out = await this.catalogs.importFile(caller, target, req, format, (file) =>
      idempotencyOf({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: { sha256: createHash('sha256').update(file).digest('hex'), target },
      }),
    );
    return replyWith(res, { ...out, body: toResponse(CatalogCreated, out.body) });
  }
}

function formatOf(format: string): 'xlsx' | 'csv' {
  if (format !== 'xlsx' && format !== 'csv') throw queryInvalid('format', 'must be xlsx or csv');
  return format;
}
