import { ApiProperty } from '@nestjs/swagger';
import { ApiDate } from '../../common/api-contract.js';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches } from 'class-validator';
import { ceilingOf } from '../../common/limits.js';
import { IsCalendarDate, IsRateTable } from '../../common/validation.js';
import { RateItemDto } from '../../negotiation/dto/event-payloads.dto.js';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export class OpenSurveyDto {
  @ApiProperty({ type: [String], example: ['KN-01', 'KN-02'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ceilingOf('surveyProcesses'))
  @IsString({ each: true })
  @Matches(CODE, {
    each: true,
    message: 'process codes are 1-40 letters, digits, dots, dashes or underscores',
  })
  processCodes: string[];

  @ApiDate({ example: '2026-07-20' }) @IsCalendarDate() openedOn: string;
}

export class SurveyResponseDto {
  @ApiProperty({
    type: [RateItemDto],
    description: 'one rate per surveyed process you quote; anonymous',
  })
  @IsRateTable(1, ceilingOf('rateTableLines'))
  quotes: RateItemDto[];
}

export class CloseSurveyDto {
  @ApiDate({ example: '2026-07-28' }) @IsCalendarDate() closedOn: string;
}
