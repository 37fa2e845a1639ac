import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
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
import { ApiErrors, ApiWrite, toResponse } from '../common/api-contract.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { isRawUpload } from '../common/input-guard.js';
import { uuidParam } from '../common/validation.js';
import { CorrectPersonDto, CreatePersonDto, ListPeopleQuery } from './dto/person.dto.js';
import {
  PersonChanged,
  PersonErased,
  PersonRecord,
  PersonRecordList,
} from './dto/person.response.js';
import { PersonChangesService } from './person-changes.service.js';
import { PeopleService } from './people.service.js';

const uuid = uuidParam('personId', 'the person’s id');

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly changes: PersonChangesService,
  ) {}

  // The request is remembered with its body replaced by a keyed digest (PersonChangesService).
  private idempotency(req: FastifyRequest) {
    return idempotencyOf({
      method: req.method,
      url: req.url,
      headers: req.headers,
      // A raw upload is passed on as it is, for idempotencyOf to refuse (415): it has no fingerprint.
      body: isRawUpload(req.body) ? req.body : this.changes.requestFingerprint(req.body),
    });
  }

  @Get()
  @ApiOperation({
    summary:
      'People of the registry, by organisation and part of the name (administrators; a union chair or association chief: their own organisation, names and positions only)',
    description:
      'Pages follow offset: send page.next as offset for the next page. A chief’s items carry no phone, e-mail or dates (their own record excepted).',
  })
  @ApiOkResponse({ type: PersonRecordList })
  @ApiErrors(403)
  list(@CurrentCaller() caller: Caller, @Query() q: ListPeopleQuery) {
    return this.people.list(caller, q);
  }

  @Get('me')
  @ApiOperation({ summary: 'Your own record in the people registry' })
  @ApiOkResponse({ type: PersonRecord })
  @ApiErrors(404)
  me(@CurrentCaller() caller: Caller) {
    return this.people.me(caller);
  }

  @Get(':personId')
  @ApiOperation({
    summary:
      'One person (administrators and the person: every field; the chief of their organisation: name and position; anyone else: 404)',
  })
  @ApiOkResponse({ type: PersonRecord })
  @ApiErrors(404)
  one(@CurrentCaller() caller: Caller, @Param('personId', uuid) id: string) {
    return this.people.one(caller, id);
  }

  @Post()
  @ApiOperation({ summary: 'Add a person to the registry (administrator)' })
  @ApiWrite()
  @ApiCreatedResponse({ type: PersonChanged })
  @ApiErrors(403, 409, 422)
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreatePersonDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.changes.create(caller, body, this.idempotency(req));
    return replyWith(res, { ...out, body: toResponse(PersonChanged, out.body) });
  }

  @Patch(':personId')
  @ApiOperation({ summary: "Correct a person's fields (administrator); null clears a field" })
  @ApiWrite()
  @ApiOkResponse({ type: PersonChanged })
  @ApiErrors(403, 404, 409, 422)
  async correct(
    @CurrentCaller() caller: Caller,
    @Param('personId', uuid) id: string,
    @Body() body: CorrectPersonDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.changes.correct(caller, id, body, this.idempotency(req));
    return replyWith(res, { ...out, body: toResponse(PersonChanged, out.body) });
  }

  @Post(':personId/erasure')
  @ApiOperation({
    summary:
      "Erase a person under the personal-information law (administrator): name, phone, e-mail and position are blanked, the id stays, the person's account is disabled",
  })
  @ApiWrite()
  @ApiOkResponse({ type: PersonErased })
  @ApiErrors(403, 404, 409, 422)
  async erase(
    @CurrentCaller() caller: Caller,
    @Param('personId', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.changes.erase(caller, id, this.idempotency(req));
    return replyWith(res, { ...out, body: toResponse(PersonErased, out.body) });
  }
}
