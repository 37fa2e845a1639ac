import { Body, Controller, Delete, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, ApiWrite, toResponse, wholeList } from '../common/api-contract.js';
import {
  CalendarDayChange,
  CalendarDayList,
  CalendarYearList,
  CalendarYearPublished,
} from './dto/calendar.response.js';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { idempotencyOf, replyWith } from '../common/idempotency-key.js';
import { CalendarService } from './calendar.service.js';
import { isIsoDate } from '../kernel/calendar/statutory-days.js';

class CalendarDayDto {
  @ApiProperty({
    enum: ['holiday', 'workday'],
    description: 'holiday: a public holiday; workday: a weekend made a working day (调休)',
  })
  @IsIn(['holiday', 'workday'])
  kind: 'holiday' | 'workday';

  @ApiProperty({ example: '国庆节 (National Day)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

class YearQuery {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

class PublishYearDto {
  @ApiProperty({
    example: '国务院办公厅关于2027年部分节假日安排的通知',
    description: 'the State Council notice the year’s arrangement comes from',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  source: string;
}

const yearParam = (year: string) => {
  const n = Number(year);
  if (!/^\d{4}$/.test(year) || n < 2000 || n > 2100)
    throw new DomainError(
      'VALIDATION_FAILED',
      'the path parameter year must be a year from 2000 to 2100',
    );
  return n;
};

const dayParam = (day: string) => {
  if (!isIsoDate(day))
    throw new DomainError(
      'VALIDATION_FAILED',
      'the path parameter day must be a real date written YYYY-MM-DD',
    );
  return day;
};

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar/days')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @ApiOperation({ summary: 'Public holidays and make-up working days of a year' })
  @ApiOkResponse({ type: CalendarDayList })
  async list(@Query() q: YearQuery) {
    return toResponse(CalendarDayList, wholeList(await this.calendar.list(q.year)));
  }

  @Put(':day')
  @ApiOperation({
    summary: 'Mark a day as a public holiday or a make-up working day (administrator)',
  })
  @ApiParam({ name: 'day', schema: { type: 'string', format: 'date' } })
  @ApiWrite()
  @ApiOkResponse({
    type: CalendarDayChange,
    description: 'open deadlines of open rounds are recomputed in the same transaction (ADR 0029)',
  })
  @ApiErrors(403)
  async put(
    @CurrentCaller() caller: Caller,
    @Param('day') day: string,
    @Body() body: CalendarDayDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.calendar.put(
      caller,
      dayParam(day),
      { kind: body.kind, name: body.name },
      idempotencyOf(req),
    );
    return replyWith(res, { ...out, body: toResponse(CalendarDayChange, out.body) });
  }

  @Delete(':day')
  @ApiOperation({ summary: 'Make a day ordinary again (administrator)' })
  @ApiParam({ name: 'day', schema: { type: 'string', format: 'date' } })
  @ApiWrite()
  @ApiOkResponse({ type: CalendarDayChange })
  @ApiErrors(403)
  async remove(
    @CurrentCaller() caller: Caller,
    @Param('day') day: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.calendar.put(caller, dayParam(day), null, idempotencyOf(req));
    return replyWith(res, { ...out, body: toResponse(CalendarDayChange, out.body) });
  }
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar/years')
export class CalendarYearsController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @ApiOperation({
    summary:
      'Years whose official holiday arrangement is entered in full; a deadline counted into any other year is flagged',
  })
  @ApiOkResponse({ type: CalendarYearList })
  async list() {
    return toResponse(CalendarYearList, wholeList(await this.calendar.years()));
  }

  @Put(':year')
  @ApiOperation({
    summary:
      'Publish a year: its days are entered as the State Council announced them (administrator); never a guess',
  })
  @ApiParam({ name: 'year', schema: { type: 'integer', minimum: 2000, maximum: 2100 } })
  @ApiWrite()
  @ApiOkResponse({ type: CalendarYearPublished })
  @ApiErrors(403)
  async publish(
    @CurrentCaller() caller: Caller,
    @Param('year') year: string,
    @Body() body: PublishYearDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.calendar.publishYear(
      caller,
      yearParam(year),
      body.source,
      idempotencyOf(req),
    );
    return replyWith(res, { ...out, body: toResponse(CalendarYearPublished, out.body) });
  }
}
