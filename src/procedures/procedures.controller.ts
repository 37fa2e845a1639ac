import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, toResponse } from '../common/api-contract.js';
import { DomainError } from '../common/domain-error.js';
import { PAYLOAD_CLASSES } from '../negotiation/dto/event-payloads.dto.js';
import { RecordCaucusDto } from '../negotiation/dto/negotiation-requests.dto.js';
import { ProcedureRegistry } from '../negotiation/procedure-registry.js';
import { INDUSTRY_DEFINITIONS } from '../industries/index.js';
import { ProcedureDto, ProcedureQuery } from './dto/procedure.dto.js';
import { describeProcedure, type EventRequest } from './procedure-description.js';

// Every event is POSTed to /events with its payload, except a caucus, whose notes go to their own
// route so only their hash enters the history (ADR 0014). An industry's own events name the payload
// classes its definition gives.
function requestOf(ownEventPayloads: Readonly<Record<string, new () => object>>) {
  return (type: string): EventRequest => {
    if (type === 'caucus.held')
      return { payloadSchema: RecordCaucusDto.name, path: '/api/negotiations/{id}/caucuses' };
    const cls =
      (PAYLOAD_CLASSES as Record<string, (new () => object) | undefined>)[type] ??
      ownEventPayloads[type];
    return { payloadSchema: cls?.name ?? '', path: '/api/negotiations/{id}/events' };
  };
}

const OWN_EVENT_PAYLOADS = INDUSTRY_DEFINITIONS.flatMap((d) => Object.values(d.ownEventPayloads));

@ApiTags('directory')
@ApiBearerAuth()
// The payload schemas the procedure names are published even where no operation references them.
@ApiExtraModels(
  ...new Set([...Object.values(PAYLOAD_CLASSES), ...OWN_EVENT_PAYLOADS]),
  RecordCaucusDto,
)
@Controller('industries')
export class ProceduresController {
  constructor(private readonly procedures: ProcedureRegistry) {}

  @Get(':code/procedure')
  @ApiOperation({
    summary: 'The procedure an industry’s rounds follow: states, events, who may send them',
    description:
      'Generated from the machine definition and the permission table, with texts in Chinese and English, so a client can draw forms and timelines.',
  })
  @ApiOkResponse({ type: ProcedureDto })
  @ApiErrors(404)
  procedure(@Param('code') code: string, @Query() query: ProcedureQuery): ProcedureDto {
    const versions = this.procedures.versionsFor(code);
    const current = this.procedures.currentFor(code);
    const def = query.version
      ? versions.find((d) => d.version === query.version)
      : (current ?? undefined);
    if (!current || !def)
      throw new DomainError(
        'PROCEDURE_NOT_FOUND',
        current
          ? `industry ${code} has no released procedure version ${query.version}; versions: ${versions.map((d) => d.version).join(', ')}`
          : `no procedure is defined for industry ${code}; GET /api/industries lists the industries`,
        { industryCode: code, version: query.version ?? null },
      );
    return toResponse(ProcedureDto, {
      industryCode: code,
      current: def === current,
      versions: versions.map((d) => d.version),
      ...describeProcedure(def, requestOf(this.procedures.industry(code)?.ownEventPayloads ?? {})),
    });
  }
}
