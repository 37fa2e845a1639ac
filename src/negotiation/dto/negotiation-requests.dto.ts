import { LimitParam, OffsetParam } from '../../common/paging.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { INT32_MAX, IsCalendarDate, IsPayloadObject } from '../../common/validation.js';
import { INDUSTRY_DEFINITIONS } from '../../industries/index.js';
import { eventTypesOf } from '../../kernel/round/procedure.js';

// Every event a client may POST to /events in the industries this build serves (for the description).
const SENDABLE_EVENT_TYPES = [
  ...new Set(
    INDUSTRY_DEFINITIONS.flatMap((d) => d.versions.flatMap((v) => eventTypesOf(v.machine))),
  ),
]
  .filter((t) => t !== 'caucus.held')
  .sort();

export class OpenNegotiationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() workerPartyId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() employerPartyId: string;
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
  @ApiProperty({ example: '2026年度新河镇羊毛衫行业工资集体协商' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;
  @ApiPropertyOptional({
    example: 'taizhou-v1',
    description:
      'the policy profile version the round pins; absent: the current version of the profile governing the round’s region (Wenling and Yuhuan: Taizhou; elsewhere the national wage-agreement rules). An unknown version is POLICY_PROFILE_UNKNOWN, a retired one POLICY_PROFILE_RETIRED',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  policyProfileId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100000,
    description: 'process catalog version the round pins; defaults to the industry’s latest',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  catalogVersion?: number;
}

export class SendEventDto {
  // Any well-formed event name: which ones the round takes is its procedure's business, answered by
  // the door (EVENT_NOT_IN_PROCEDURE), so an industry's own events need no change here (ADR 0028).
  @ApiProperty({
    enum: SENDABLE_EVENT_TYPES,
    example: 'offer.tabled',
  })
  @IsString()
  @MaxLength(80)
  @Matches(/^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/, {
    message:
      'type must be an event name such as offer.tabled (GET /api/industries/{code}/procedure lists them)',
  })
  @IsNotIn(['caucus.held'], {
    message: 'caucus notes go to POST /negotiations/:id/caucuses, which keeps them confidential',
  })
  type: string;

  @ApiProperty({
    description: 'the revision you last read; a stale one is refused with 409',
    example: 12,
  })
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  expectedRevision: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the event payload; its shape depends on type',
  })
  @IsPayloadObject()
  payload: Record<string, unknown>;
}

export class RecordCaucusDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: INT32_MAX })
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  expectedRevision: number;
  @ApiProperty({ format: 'date', example: '2026-07-28' }) @IsCalendarDate() heldOn: string;
  @ApiProperty({ description: 'confidential to your side' })
  @IsString()
  @MinLength(1)
  @MaxLength(50000)
  notes: string;
}

// `type: Number` where a default gives the type: tsc records an inferred type as Object, SWC as
// Number, and the description must not depend on the compiler (ADR 0024).
export class ListNegotiationsQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z0-9-]{1,40}$/) industry?: string;
  @ApiPropertyOptional({ description: 'a region code; a county includes its towns' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,60}$/)
  region?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
  @ApiPropertyOptional({ example: 'negotiating.inSession' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z.]{1,80}$/)
  state?: string;
  @ApiPropertyOptional({ enum: ['open', 'agreed', 'failed'] })
  @IsOptional()
  @IsIn(['open', 'agreed', 'failed'])
  outcome?: string;
  @OffsetParam()
  offset = 0;
  @LimitParam('pageSize', 20)
  limit = 20;
}
