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
import { helpZh } from '../../common/api-contract.js';
import { IsCalendarDate } from '../../common/validation.js';
import { CLAUSE_KINDS, YUAN_PATTERN, type ClauseKind } from './shipbuilding.package.js';

// The payload classes of shipbuilding's own events: the door checks their shape (400, every field at
// once) and the rules their meaning (422, shipbuilding.rules.ts); the console draws its forms from
// the descriptions published in the API description.

const TRADE = /^[A-Z][A-Z0-9-]{0,19}$/;
const TRADE_DESCRIPTION =
  'the trade’s code, as in the industry’s catalog sections (e.g. WELD for 电焊工, welder; illustrative trades)';
const YUAN = (what: string, example: string, zh: string) =>
  ApiProperty({
    type: 'string',
    pattern: YUAN_PATTERN.source,
    example,
    description: `${what}, exact yuan (at most 2 decimals)`,
    ...helpZh(`${zh}（元，最多 2 位小数）`),
  });
const yuanCheck = Matches(YUAN_PATTERN, {
  message: '$property must be yuan with at most 2 decimals, e.g. 4200 or 4200.50',
});
// Dalian 2014 surveyed 16 trades; 100 leaves room and still bounds the round's record.
const MAX_TRADES = 100;
const MAX_GRADES = 20;

export class SurveyedTradeDto {
  @ApiProperty({
    pattern: TRADE.source,
    example: 'WELD',
    ...helpZh('工种代码，同行业目录（如电焊工 WELD；工种为示例）'),
    description: TRADE_DESCRIPTION,
  })
  @Matches(TRADE, { message: 'trade must be an upper-case code such as WELD' })
  trade: string;
  @ApiProperty({
    example: '电焊工',
    ...helpZh('工种中文名称'),
    description: 'the trade’s name in Chinese',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  nameZh: string;
  @ApiPropertyOptional({
    example: 'welder',
    ...helpZh('工种英文名称'),
    description: 'the trade’s name in English',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  nameEn?: string;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 14,
    ...helpZh('报送该工种工资的企业数'),
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
    ...helpZh('报表覆盖的该工种职工人数'),
    description: 'how many workers of this trade the reports cover',
  })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  workers: number;
  @YUAN('the highest monthly wage reported, excluding overtime', '9800', '不含加班的最高月工资')
  @yuanCheck
  highest: string;
  @YUAN('the average monthly wage reported, excluding overtime', '7300', '不含加班的月平均工资')
  @yuanCheck
  average: string;
  @YUAN('the lowest monthly wage reported, excluding overtime', '4600', '不含加班的最低月工资')
  @yuanCheck
  lowest: string;
  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    pattern: YUAN_PATTERN.source,
    example: '4300',
    ...helpZh('双方上一轮约定的该工种月最低工资（如有），协议中作为原最低工资显示'),
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
    ...helpZh('调查结束的日期'),
    description: 'the day the survey closed',
  })
  @IsCalendarDate()
  surveyedOn: string;
  @ApiProperty({
    example: '会员企业工资报表（14家）enterprise wage reports of 14 member enterprises',
    ...helpZh('数据来源（企业报表；调查结果不列企业名称）'),
    description:
      'where the figures come from (enterprise reports; no enterprise is named in the findings)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  source: string;
  @ApiProperty({
    type: [SurveyedTradeDto],
    ...helpZh('各工种的调查结果：不含加班的月工资最高、平均、最低，每个工种一次'),
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
  @ApiProperty({
    pattern: TRADE.source,
    example: 'WELD',
    ...helpZh('工种代码，同行业目录（如电焊工 WELD；工种为示例）'),
    description: TRADE_DESCRIPTION,
  })
  @Matches(TRADE, { message: 'trade must be an upper-case code such as WELD' })
  trade: string;
  @YUAN(
    'the monthly minimum wage of the trade, never below the statutory monthly minimum of the round’s policy profile',
    '4600',
    '该工种的月最低工资，不得低于本轮规则配置的法定月最低工资',
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
    ...helpZh('能级，1 为最低'),
    description: 'the skill grade (能级), 1 the lowest',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_GRADES)
  grade: number;
  @YUAN(
    'the monthly allowance paid at this grade; it must rise with the grade',
    '200',
    '该能级的每月津贴，须随能级递增',
  )
  @yuanCheck
  monthlyAllowance: string;
}

export class TradeGridDto {
  @ApiProperty({
    pattern: TRADE.source,
    example: 'WELD',
    ...helpZh('工种代码，同行业目录（如电焊工 WELD；工种为示例）'),
    description: TRADE_DESCRIPTION,
  })
  @Matches(TRADE, { message: 'trade must be an upper-case code such as WELD' })
  trade: string;
  @ApiProperty({
    type: [SkillGradeDto],
    ...helpZh('能级表：能级与每月津贴，每个能级一次，津贴随能级递增'),
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
    ...helpZh('哪一项非工资条款：工伤保险、雇主责任险、工龄工资、最迟发薪日、协议期限'),
    description:
      'which non-wage clause: work-injury insurance, employer’s liability insurance, seniority pay (工龄工资), the latest payment day, the term',
  })
  @IsIn(CLAUSE_KINDS)
  clause: ClauseKind;
  @ApiProperty({
    example: '企业为全体职工足额缴纳工伤保险',
    ...helpZh('写入协议的条款文字'),
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
    ...helpZh('工龄工资：每满一年每月增加（元）'),
    description: 'seniorityPay: yuan a month per year of service',
  })
  @IsOptional()
  @yuanCheck
  yuanPerYear?: string;
  @ApiPropertyOptional({
    type: 'string',
    pattern: YUAN_PATTERN.source,
    example: '500',
    ...helpZh('工龄工资：每月上限（元）'),
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
    ...helpZh('最迟发薪日：每月发放上月工资的最迟日期'),
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
    ...helpZh('协议期限：1–3 年'),
    description: 'term: the agreement’s term in years (1–3, CCR)',
  })
  @IsOptional()
  @IsInt()
  years?: number;
  @ApiPropertyOptional({
    type: 'string',
    pattern: YUAN_PATTERN.source,
    example: '600000',
    ...helpZh('雇主责任险：每人保额（元）'),
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
    ...helpZh('整体：替换本方整个方案，须为每个已调查工种给出最低工资；逐项：只改列出的工种和条款'),
    description:
      'whole: the side’s package is replaced and must give a minimum for every surveyed trade; items: only the trades and clauses named change',
  })
  @IsOptional()
  @IsIn(['whole', 'items'])
  scope?: 'whole' | 'items';
  @ApiPropertyOptional({
    type: [TradeMinimumDto],
    ...helpZh('提出或还价的工种最低工资（逐项时只改列出的工种）'),
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
    ...helpZh('提出或还价的能级工资，按工种整体提出'),
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
    ...helpZh('提出的条款，或以本方条款内容替换对方条款的还价'),
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
    ...helpZh('本方的说明'),
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
    ...helpZh('同意桌面上（对方提出的）条款内容的条款'),
    description: 'the clause whose terms on the table (the other side’s) are agreed',
  })
  @IsIn(CLAUSE_KINDS)
  clause: ClauseKind;
}

export class ClauseWithdrawnPayload {
  @ApiProperty({
    enum: CLAUSE_KINDS,
    ...helpZh('提出方撤回的条款'),
    description: 'the clause its proposer withdraws',
  })
  @IsIn(CLAUSE_KINDS)
  clause: ClauseKind;
  @ApiProperty({ ...helpZh('撤回的理由'), description: 'why it is withdrawn' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class HeadcountLineDto {
  @ApiProperty({
    pattern: TRADE.source,
    example: 'WELD',
    ...helpZh('工种代码，同行业目录'),
    description: TRADE_DESCRIPTION,
  })
  @Matches(TRADE, { message: 'trade must be an upper-case code such as WELD' })
  trade: string;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_GRADES,
    ...helpZh('这些职工的能级；不填表示未定级'),
    description: 'the skill grade these workers hold; absent: not graded',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_GRADES)
  grade?: number | null;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 300,
    ...helpZh('人数'),
    description: 'how many workers',
  })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  workers: number;
}

export class PackageDraftAgreedPayload {
  @ApiProperty({ ...helpZh('协议草案的文本'), description: 'the draft agreement’s text' })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  text: string;
  @ApiProperty({
    type: [TradeMinimumDto],
    ...helpZh('每个已调查工种约定的月最低工资'),
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
    ...helpZh('约定的能级工资（没有能级的工种不列）'),
    description: 'the agreed skill grids (trades without a grid are left out)',
  })
  @IsArray()
  @ArrayMaxSize(MAX_TRADES)
  @ValidateNested({ each: true })
  @Type(() => TradeGridDto)
  grids: TradeGridDto[];
  @ApiPropertyOptional({
    type: [HeadcountLineDto],
    ...helpZh('各工种、各能级的人数，用于估算工资影响；不填则不估算'),
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
