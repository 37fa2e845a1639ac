import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { CatalogService } from './catalog.service.js';
import { CreateCatalogDto } from './dto/catalog.dto.js';

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
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateCatalogDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(res, await this.catalogs.create(caller, body, idempotencyOf(req)));
  }

  @Get()
  @ApiQuery({ name: 'industry', required: false })
  @ApiOperation({ summary: 'Catalog versions, per industry' })
  list(@Query('industry') industry?: string) {
    return this.catalogs.list(industry);
  }

  @Get(':industry/:version')
  @ApiOperation({
    summary: 'One catalog version: product types, sections, processes and code mappings',
  })
  get(
    @Param('industry') industry: string,
    @Param(
      'version',
      new ParseIntPipe({
        exceptionFactory: () =>
          new DomainError(
            'VALIDATION_FAILED',
            'the catalog version in the path must be a whole number',
          ),
      }),
    )
    version: number,
  ) {
    return this.catalogs.get(industry, version);
  }
}
