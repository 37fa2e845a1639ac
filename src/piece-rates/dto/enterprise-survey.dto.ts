import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ApiDate, ApiInt, ApiUuid, listOf } from '../../common/api-contract.js';
import { ceilingOf } from '../../common/limits.js';
import { IsCalendarDate } from '../../common/validation.js';

// The enterprise rate survey's requests and answers (ADR 0036). The console draws its forms from these.

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const FIGURE = /^\d{1,6}(\.\d{1,4})?$/;

export class OpenEnterpriseSurveyDto {
  @ApiProperty({
    title: '调查项目类别 (what is surveyed)',
    enum: ['process', 'trade'],
    description:
      'process: catalog process codes, each with the rate an enterprise pays (per piece or pair); trade: trade codes, each with the monthly wage excluding overtime',
  })
  @IsIn(['process', 'trade'], { message: 'itemKind must be process or trade' })
  itemKind: 'process' | 'trade';

  @ApiProperty({
    title: '调查项目 (items)',
    type: [String],
    example: ['SH-001', 'SH-111'],
    description: 'the process or trade codes surveyed',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ceilingOf('surveyProcesses'))
  @IsString({ each: true })
  @Matches(CODE, {
    each: true,
    message: 'item codes are 1-40 letters, digits, dots, dashes or underscores',
  })
  itemCodes: string[];

  @ApiDate({ title: '开始日期 (opened on)', example: '2026-05-20' })
  @IsCalendarDate()
  openedOn: string;
}

export class SurveyedEnterpriseDto {
  @ApiPropertyOptional({
    title: '企业（协会成员） (employer party)',
    format: 'uuid',
    description: 'the enterprise as a party of the registry; give this or name',
  })
  @IsOptional()
  @IsUUID('all', { message: 'partyId must be the id of a party' })
  partyId?: string;

  @ApiPropertyOptional({
    title: '企业名称 (enterprise name)',
    maxLength: 200,
    description: 'the enterprise by name; give this or partyId. Never shown again to anyone',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
}

export class EnterpriseFigureDto {
  @ApiProperty({ title: '项目 (item)', example: 'SH-111' })
  @IsString()
  @Matches(CODE, { message: 'itemCode must be 1-40 letters, digits, dots, dashes or underscores' })
  itemCode: string;

  @ApiProperty({
    title: '实付工价 (rate or wage paid)',
    example: '0.1150',
    description: 'yuan, an exact decimal string with at most 4 places (a rate, or a monthly wage)',
  })
  @IsString()
  @Matches(FIGURE, {
    message: 'value must be a non-negative decimal string with at most 4 places, e.g. "0.1150"',
  })
  value: string;
}

export class RecordEnterpriseDto {
  @ApiProperty({ title: '被调查企业 (enterprise)', type: SurveyedEnterpriseDto })
  @ValidateNested()
  @Type(() => SurveyedEnterpriseDto)
  enterprise: SurveyedEnterpriseDto;

  @ApiProperty({
    title: '企业类型 (type of enterprise)',
    example: '规上企业 (above designated size)',
    maxLength: 40,
    description: 'the group the statistics are broken down by',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  enterpriseType: string;

  @ApiProperty({ title: '各项目实付工价 (figures)', type: [EnterpriseFigureDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ceilingOf('rateTableLines'))
  @ValidateNested({ each: true })
  @Type(() => EnterpriseFigureDto)
  figures: EnterpriseFigureDto[];
}

export class CloseEnterpriseSurveyDto {
  @ApiDate({ title: '结束日期 (closed on)', example: '2026-06-01' })
  @IsCalendarDate()
  closedOn: string;
}

// Answers.

export class EnterpriseSurveyOpened {
  @ApiUuid() id: string;
  @ApiUuid() negotiationId: string;
  @ApiProperty({ enum: ['open'] }) status: string;
  @ApiInt({ minimum: 1, description: 'k: the fewest enterprises an item needs to show figures' })
  minEnterprises: number;
  @ApiProperty({ enum: ['process', 'trade'] }) itemKind: string;
  @ApiInt({ minimum: 1 }) items: number;
}

export class EnterpriseRecorded {
  @ApiUuid() surveyId: string;
  @ApiInt({ minimum: 1, description: 'how many figures were taken' }) recorded: number;
}

export class EnterpriseSurveyClosed {
  @ApiUuid() id: string;
  @ApiProperty({ enum: ['closed'] }) status: string;
  @ApiDate() closedOn: string;
}

export class EnterpriseSurveySummary {
  @ApiUuid() id: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiInt({ minimum: 1 }) minEnterprises: number;
  @ApiProperty({ enum: ['process', 'trade'] }) itemKind: string;
  @ApiInt({ minimum: 1 }) items: number;
  @ApiDate() openedOn: string;
  @ApiDate({ nullable: true }) closedOn: string | null;
  @ApiInt({ minimum: 0 }) enterprises: number;
}
export class EnterpriseSurveySummaryList extends listOf(EnterpriseSurveySummary) {}

const ApiFigure = () =>
  ApiPropertyOptional({ type: 'string', example: '0.1150', description: 'yuan, exact decimal' });

class FigureStatistics {
  @ApiInt({ minimum: 0 }) count: number;
  @ApiPropertyOptional({
    enum: [true],
    description: 'fewer enterprises than minEnterprises: no figures',
  })
  suppressed?: boolean;
  @ApiFigure() high?: string;
  @ApiFigure() median?: string;
  @ApiFigure() low?: string;
  @ApiFigure() mean?: string;
}

class EnterpriseTypeStatistics {
  @ApiProperty({ title: '企业类型 (type of enterprise)' }) enterpriseType: string;
  @ApiProperty() statistics: FigureStatistics;
}

class ItemStatistics {
  @ApiProperty() itemCode: string;
  @ApiProperty({ description: 'every enterprise that answered the item' })
  overall: FigureStatistics;
  @ApiProperty({
    type: [EnterpriseTypeStatistics],
    nullable: true,
    description: 'per type of enterprise; null when withheld',
  })
  byType: EnterpriseTypeStatistics[] | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'why the breakdown by type is withheld (a type under k would be revealed)',
  })
  byTypeWithheld: string | null;
}

export class EnterpriseSurveyStatistics {
  @ApiUuid() id: string;
  @ApiUuid() negotiationId: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiInt({ minimum: 1 }) minEnterprises: number;
  @ApiProperty({ enum: ['process', 'trade'] }) itemKind: string;
  @ApiProperty({ type: [String] }) itemCodes: string[];
  @ApiDate() openedOn: string;
  @ApiDate({ nullable: true }) closedOn: string | null;
  @ApiInt({ minimum: 0 }) enterprises: number;
  @ApiProperty({
    title: '工价征求表 (rate form)',
    type: [ItemStatistics],
    description: 'high / median / low / mean per item and type of enterprise; empty while open',
  })
  items: ItemStatistics[];
  @ApiPropertyOptional({ description: 'while open: why there are no figures yet' })
  figuresWithheld?: string;
}
