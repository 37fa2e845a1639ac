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
import { machineRegistry } from '../negotiation/machine-registry.js';
import { ROUND_EVENT_TYPES, type RoundEventType } from '../kernel/round/round.events.js';
import { WHO_MAY_SEND } from '../kernel/round/round.permissions.js';
import { ProcedureDto, ProcedureQuery } from './dto/procedure.dto.js';
import { describeProcedure, type EventRequest } from './procedure-description.js';

// Every event is POSTed to /events with its payload, except a caucus, whose notes go to their own
// route so only their hash enters the history (ADR 0014).
const EVENT_REQUESTS = Object.fromEntries(
  ROUND_EVENT_TYPES.map((type): [RoundEventType, EventRequest] =>
    type === 'caucus.held'
      ? [type, { payloadSchema: RecordCaucusDto.name, path: '/api/negotiations/{id}/caucuses' }]
      : [
          type,
          { payloadSchema: PAYLOAD_CLASSES[type].name, path: '/api/negotiations/{id}/events' },
        ],
  ),
) as Record<RoundEventType, EventRequest>;

@ApiTags('directory')
@ApiBearerAuth()
// The payload schemas the procedure names are published even where no operation references them.
@ApiExtraModels(...new Set(Object.values(PAYLOAD_CLASSES)), RecordCaucusDto)
@Controller('industries')
export class ProceduresController {
  @Get(':code/procedure')
  @ApiOperation({
    summary: 'The procedure an industry’s rounds follow: states, events, who may send them',
    description:
      'Generated from the machine definition and the permission table, with texts in Chinese and English, so a client can draw forms and timelines.',
  })
  @ApiOkResponse({ type: ProcedureDto })
  @ApiErrors(404)
  procedure(@Param('code') code: string, @Query() query: ProcedureQuery): ProcedureDto {
    const versions = machineRegistry.versionsFor(code);
    const current = machineRegistry.currentFor(code);
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
      ...describeProcedure(def, WHO_MAY_SEND, EVENT_REQUESTS),
    });
  }
}
