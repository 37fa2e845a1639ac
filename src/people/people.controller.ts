import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { CorrectPersonDto, CreatePersonDto, ListPeopleQuery } from './dto/person.dto.js';
import { PersonChangesService } from './person-changes.service.js';
import { PeopleService } from './people.service.js';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'the person id in the path must be a UUID'),
});

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
      body: this.changes.requestFingerprint(req.body),
    });
  }

  @Get()
  @ApiOperation({
    summary:
      'People of the registry, by organisation and part of the name (administrators; a union chair or association chief: their own organisation, names and positions only)',
  })
  list(@CurrentCaller() caller: Caller, @Query() q: ListPeopleQuery) {
    return this.people.list(caller, q);
  }

  @Get('me')
  @ApiOperation({ summary: 'Your own record in the people registry' })
  me(@CurrentCaller() caller: Caller) {
    return this.people.me(caller);
  }

  @Get(':personId')
  @ApiOperation({
    summary:
      'One person (administrators and the person: every field; the chief of their organisation: name and position)',
  })
  one(@CurrentCaller() caller: Caller, @Param('personId', uuid) id: string) {
    return this.people.one(caller, id);
  }

  @Post()
  @ApiOperation({ summary: 'Add a person to the registry (administrator)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreatePersonDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(res, await this.changes.create(caller, body, this.idempotency(req)));
  }

  @Patch(':personId')
  @ApiOperation({ summary: "Correct a person's fields (administrator); null clears a field" })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async correct(
    @CurrentCaller() caller: Caller,
    @Param('personId', uuid) id: string,
    @Body() body: CorrectPersonDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(res, await this.changes.correct(caller, id, body, this.idempotency(req)));
  }

  @Post(':personId/erasure')
  @ApiOperation({
    summary:
      "Erase a person under the personal-information law (administrator): name, phone, e-mail and position are blanked, the id stays, the person's account is disabled",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async erase(
    @CurrentCaller() caller: Caller,
    @Param('personId', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return replyWith(res, await this.changes.erase(caller, id, this.idempotency(req)));
  }
}
