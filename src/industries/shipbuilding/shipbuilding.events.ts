import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/validation.js';
import { CLAUSE_KINDS, YUAN_PATTERN, type ClauseKind } from './shipbuilding.package.js';

// The payload classes of shipbuilding's own events: the door checks their shape (400, every field at
// once) and the rules their meaning (422, shipbuilding.rules.ts); the console draws its forms from
// the descriptions published in the API description.

const TRADE = /^[A-Z][A-Z0-9-]{0,19}$/;
const TRADE_DESCRIPTION =
  'the trade’s code, as in the industry’s catalog sections (e.g. WELD for 电焊工, welder; illustrative trades)';
const YUAN = (what: string, example: string) =>
  ApiProperty({
    type: 'string',
    pattern: YUAN_PATTERN.source,
    example,
    description: `${what}, exact yuan (at most 2 decimals)`,
  });
const yuanCheck = Matches(YUAN_PATTERN, {
  message: '$property must be yuan with at most 2 decimals, e.g. 4200 or 4200.50',
});
// Dalian 2014 surveyed 16 trades; 100 leaves room and still bounds the round's record.
const MAX_TRADES = 100;
const MAX_GRADES = 20;

export class SurveyedTradeDto {
  @ApiProperty({ pattern: TRADE.source, example: 'WELD', description: TRADE_DESCRIPTION })
  @Matches(TRADE, { message: 'trade must be an upper-case code such as WELD' })
  trade: string;
  @ApiProperty({ example: '电焊工', description: 'the trade’s name in Chinese' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  nameZh: string;
  @ApiPropertyOptional({ example: 'welder', description: 'the trade’s name in English' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  nameEn?: string;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 14,
    description: 'how many enterprises reported wages for this trade',
  })
  @IsInt()
  @Min(1)
  @Max(100_000)
  enterprises: number;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 1260,
    description: 'how many workers of this trade the reports cover',
  })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  workers: number;
  @YUAN('the highest monthly wage reported, excluding overtime', '9800') @yuanCheck highest: string;
  @YUAN('the average monthly wage reported, excluding overtime', '7300') @yuanCheck average: string;
  @YUAN('the lowest monthly wage reported, excluding overtime', '4600') @yuanCheck lowest: string;
  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    pattern: YUAN_PATTERN.source,
    example: '4300',
    description:
      'the monthly minimum the pair agreed for this trade in its last round, if any (shown as the previous minimum in the agreement)',
  })
  @IsOptional()
  @yuanCheck
  previousMinimum?: string | null;
}

export class WageSurveyTabledPayload {
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2026-06-20',
    description: 'the day the survey closed',
  })
  @IsCalendarDate()
  surveyedOn: string;
  @ApiProperty({
    example: '会员企业工资报表（14家）enterprise wage reports of 14 member enterprises',
    description:
      'where the figures come from (enterprise reports; no enterprise is named in the findings)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  source: string;
  @ApiProperty({
    type: [SurveyedTradeDto],
    description:
      'the findings per trade: highest, average and lowest monthly wage excluding overtime, each trade once',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TRADES)
  @ValidateNested({ each: true })
  @Type(() => SurveyedTradeDto)
  trades: SurveyedTradeDto[];
}

export class TradeMinimumDto {
  @ApiProperty({ pattern: TRADE.source, example: 'WELD', description: TRADE_DESCRIPTION })
  @Matches(TRADE, { message: 'trade must be an upper-case code such as WELD' })
  trade: string;
  @YUAN(
    'the monthly minimum wage of the trade, never below the statutory monthly minimum of the round’s policy profile',
    '4600',
  )
  @yuanCheck
  monthlyMinimum: string;
}

export class SkillGradeDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_GRADES,
    example: 1,
    description: 'the skill grade (能级), 1 the lowest',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_GRADES)
  grade: number;
  @YUAN('the monthly allowance paid at this grade; it must rise with the grade', '200')
  @yuanCheck
  monthlyAllowance: string;
}

export class TradeGridDto {
  @ApiProperty({ pattern: TRADE.source, example: 'WELD', description: TRADE_DESCRIPTION })
  @Matches(TRADE, { message: 'trade must be an upper-case code such as WELD' })
  trade: string;
  @ApiProperty({
    type: [SkillGradeDto],
    description:
      'the skill-level grid (能级): grade → monthly allowance, each grade once, allowances rising with the grade',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_GRADES)
  @ValidateNested({ each: true })
  @Type(() => SkillGradeDto)
  grades: SkillGradeDto[];
}

export class ClauseTermsDto {
  @ApiProperty({
    enum: CLAUSE_KINDS,
    description:
      'which non-wage clause: work-injury insurance, employer’s liability insurance, seniority pay (工龄工资), the latest payment day, the term',
  })
  @IsIn(CLAUSE_KINDS)
  clause: ClauseKind;
  @ApiProperty({
    example: '企业为全体职工足额缴纳工伤保险',
    description: 'the clause as it would read in the agreement',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  text: string;
  @ApiPropertyOptional({
    type: 'string',
    pattern: YUAN_PATTERN.source,
    example: '50',
    description: 'seniorityPay: yuan a month per year of service',
  })
  @IsOptional()
  @yuanCheck
  yuanPerYear?: string;
  @ApiPropertyOptional({
    type: 'string',
    pattern: YUAN_PATTERN.source,
    example: '500',
    description: 'seniorityPay: the cap on seniority pay, yuan a month',
  })
  @IsOptional()
  @yuanCheck
  capYuan?: string;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 31,
    example: 15,
    description: 'paymentDay: the latest day of the month the previous month’s wages are paid',
  })
  @IsOptional()
  @IsInt()
  latestDay?: number;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 3,
    example: 1,
    description: 'term: the agreement’s term in years (1–3, CCR)',
  })
  @IsOptional()
  @IsInt()
  years?: number;
  @ApiPropertyOptional({
    type: 'string',
    pattern: YUAN_PATTERN.source,
    example: '600000',
    description: 'employerLiabilityInsurance: the sum insured per worker, yuan',
  })
  @IsOptional()
  @yuanCheck
  sumInsuredYuan?: string;
}

export class PackageTabledPayload {
  @ApiPropertyOptional({
    enum: ['whole', 'items'],
    default: 'items',
    description:
      'whole: the side’s package is replaced and must give a minimum for every surveyed trade; items: only the trades and clauses named change',
  })
  @IsOptional()
  @IsIn(['whole', 'items'])
  scope?: 'whole' | 'items';
  @ApiPropertyOptional({
    type: [TradeMinimumDto],
    description: 'trade minimums tabled or countered (item by item: only the trades named change)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TRADES)
  @ValidateNested({ each: true })
  @Type(() => TradeMinimumDto)
  minimums?: TradeMinimumDto[];
  @ApiPropertyOptional({
    type: [TradeGridDto],
    description: 'skill grids tabled or countered, whole per trade',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TRADES)
  @ValidateNested({ each: true })
  @Type(() => TradeGridDto)
  grids?: TradeGridDto[];
  @ApiPropertyOptional({
    type: [ClauseTermsDto],
    description:
      'clauses tabled, or countered with the other side’s clause replaced by these terms',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CLAUSE_KINDS.length * 2)
  @ValidateNested({ each: true })
  @Type(() => ClauseTermsDto)
  clauses?: ClauseTermsDto[];
  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    description: 'what the side says with it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class ClauseAgreedPayload {
  @ApiProperty({
    enum: CLAUSE_KINDS,
    description: 'the clause whose terms on the table (the other side’s) are agreed',
  })
  @IsIn(CLAUSE_KINDS)
  clause: ClauseKind;
}

export class ClauseWithdrawnPayload {
  @ApiProperty({ enum: CLAUSE_KINDS, description: 'the clause its proposer withdraws' })
  @IsIn(CLAUSE_KINDS)
  clause: ClauseKind;
  @ApiProperty({ description: 'why it is withdrawn' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class HeadcountLineDto {
  @ApiProperty({ pattern: TRADE.source, example: 'WELD', description: TRADE_DESCRIPTION })
  @Matches(TRADE, { message: 'trade must be an upper-case code such as WELD' })
  trade: string;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_GRADES,
    description: 'the skill grade these workers hold; absent: not graded',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_GRADES)
  grade?: number | null;
  @ApiProperty({ type: 'integer', minimum: 1, example: 300, description: 'how many workers' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  workers: number;
}

export class PackageDraftAgreedPayload {
  @ApiProperty({ description: 'the draft agreement’s text' })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  text: string;
  @ApiProperty({
    type: [TradeMinimumDto],
    description: 'the agreed monthly minimum of every surveyed trade',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TRADES)
  @ValidateNested({ each: true })
  @Type(() => TradeMinimumDto)
  minimums: TradeMinimumDto[];
  @ApiProperty({
    type: [TradeGridDto],
    description: 'the agreed skill grids (trades without a grid are left out)',
  })
  @IsArray()
  @ArrayMaxSize(MAX_TRADES)
  @ValidateNested({ each: true })
  @Type(() => TradeGridDto)
  grids: TradeGridDto[];
  @ApiPropertyOptional({
    type: [HeadcountLineDto],
    description: 'workers per trade and grade, for the pay-impact estimate; absent: no estimate',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TRADES * (MAX_GRADES + 1))
  @ValidateNested({ each: true })
  @Type(() => HeadcountLineDto)
  headcount?: HeadcountLineDto[];
}

export const SHIPBUILDING_PAYLOADS = {
  'wageSurvey.tabled': WageSurveyTabledPayload,
  'package.tabled': PackageTabledPayload,
  'clause.agreed': ClauseAgreedPayload,
  'clause.withdrawn': ClauseWithdrawnPayload,
  'package.draftAgreed': PackageDraftAgreedPayload,
} as const;
