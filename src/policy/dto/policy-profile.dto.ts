import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

// The shape is checked here; what the numbers must satisfy together is validatePolicyProfile's job
// (422 POLICY_INVALID with every violation).
const PROFILE_ID = /^[a-z0-9][a-z0-9-]{1,59}$/;
const Count = () => (target: object, key: string) => {
  IsInt()(target, key);
  Min(0)(target, key);
  Max(100_000)(target, key);
};

const ApiCount = (example: number) =>
  ApiProperty({ type: 'integer', minimum: 0, maximum: 100_000, example });

class FractionDto {
  @ApiCount(2) @Count() numerator: number;
  @ApiCount(3) @Count() denominator: number;
}

class RepresentativesDto {
  @ApiCount(3) @Count() minPerSide: number;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 100_000,
    example: 10,
    description: 'absent: no maximum (CCR sets none)',
  })
  @IsOptional()
  @Count()
  maxPerSide?: number;
  @ApiProperty({ type: FractionDto })
  @ValidateNested()
  @Type(() => FractionDto)
  maxExpertShare: FractionDto;
}

class RatificationDto {
  @ApiProperty({ type: FractionDto })
  @ValidateNested()
  @Type(() => FractionDto)
  quorum: FractionDto;
  @ApiProperty({ enum: ['moreThanHalfOfAll', 'atLeastHalfOfAll'] })
  @IsIn(['moreThanHalfOfAll', 'atLeastHalfOfAll'])
  passRule: 'moreThanHalfOfAll' | 'atLeastHalfOfAll';
}

class DeadlinesDto {
  @ApiCount(20) @Count() offerReplyDays: number;
  @ApiCount(5) @Count() informationLeadDays: number;
  @ApiCount(15) @Count() vacancyRefillDays: number;
  @ApiCount(30) @Count() coordinationDays: number;
  @ApiCount(15) @Count() coordinationExtensionMaxDays: number;
  @ApiCount(7) @Count() filingDays: number;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 100_000,
    example: 7,
    description: 'absent: taken from basedOnId',
  })
  @IsOptional()
  @Count()
  correctionDays?: number;
  @ApiCount(15) @Count() reviewDays: number;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 100_000,
    example: 10,
    description: 'absent: taken from basedOnId',
  })
  @IsOptional()
  @Count()
  publicationDays?: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100_000,
    nullable: true,
    example: null,
    description: 'null: no time limit',
  })
  @ValidateIf((_, v) => v !== null)
  @Count()
  resubmissionDays: number | null;
}

class RateSurveyDto {
  @ApiCount(3) @Count() minQuotesPerSide: number;
}

// ADR 0036: the fewest representatives of each side a public hearing (听证会) needs, where an
// industry's procedure holds one (shoes; absent: its default, 51).
class HearingDto {
  @ApiCount(51) @Count() minAttendancePerSide: number;
}

class RenewalWindowDto {
  @ApiCount(3) @Count() amount: number;
  @ApiProperty({ enum: ['months', 'days'] })
  @IsIn(['months', 'days'])
  unit: 'months' | 'days';
}

class MinimumWageDto {
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: '2490.00',
    description: 'yuan per month, exact, at most 2 decimals; null: not set (cite why in sources)',
  })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(20)
  monthlyYuan: string | null;
}

export class ProposePolicyProfileDto {
  @ApiProperty({
    example: 'zj-wage-2027',
    description: 'the new version’s id: 2-60 lower-case letters, digits and dashes',
  })
  @Matches(PROFILE_ID, { message: 'id must be 2-60 lower-case letters, digits and dashes' })
  id: string;

  @ApiPropertyOptional({
    example: 'zj-wage-2026',
    description:
      'the profile this one revises: the new version joins its family, and values or sources left out are taken from it',
  })
  @IsOptional()
  @Matches(PROFILE_ID)
  basedOnId?: string;

  @ApiPropertyOptional({
    example: 'ningbo',
    description: 'the family of a first version (without basedOnId); defaults to the id',
  })
  @IsOptional()
  @Matches(PROFILE_ID, { message: 'family must be 2-60 lower-case letters, digits and dashes' })
  family?: string;

  @ApiProperty({ example: '浙江省工资集体协商默认规则 2027' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Asia/Shanghai' }) @IsString() @MaxLength(60) timeZone: string;

  @ApiProperty({ enum: ['calendarDays', 'workingDays'] })
  @IsIn(['calendarDays', 'workingDays'])
  dayCounting: 'calendarDays' | 'workingDays';

  @ApiProperty({ type: RepresentativesDto })
  @ValidateNested()
  @Type(() => RepresentativesDto)
  representatives: RepresentativesDto;

  @ApiProperty({ type: RatificationDto })
  @ValidateNested()
  @Type(() => RatificationDto)
  ratification: RatificationDto;

  @ApiProperty({ type: DeadlinesDto })
  @ValidateNested()
  @Type(() => DeadlinesDto)
  deadlines: DeadlinesDto;

  @ApiPropertyOptional({ type: RateSurveyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RateSurveyDto)
  rateSurvey?: RateSurveyDto;

  @ApiPropertyOptional({ type: RenewalWindowDto, description: 'absent: taken from basedOnId' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RenewalWindowDto)
  renewalWindow?: RenewalWindowDto;

  @ApiPropertyOptional({ type: MinimumWageDto, description: 'absent: taken from basedOnId' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MinimumWageDto)
  minimumWage?: MinimumWageDto;

  @ApiPropertyOptional({
    type: HearingDto,
    description:
      'ADR 0036: the public hearing’s minimum attendance per side, for procedures with a hearing (shoes); absent: taken from basedOnId, else the procedure’s default',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => HearingDto)
  hearing?: HearingDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 500 },
    example: { 'deadlines.filingDays': 'WTM (工资集体协商试行办法 2000): 7 days' },
    description:
      'per value path, the rule it comes from or "assumed: <why>". A value left uncited keeps its base’s citation if unchanged; a changed one is marked "assumed: set by an administrator without a citation"',
  })
  @IsOptional()
  @IsObject()
  sources?: Record<string, string>;
}

export class RetirePolicyProfileDto {
  @ApiProperty({
    example: 'superseded by zhejiang-v3',
    description: 'why new rounds may no longer pin it',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}
