import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
import { ceilingOf } from '../../common/limits.js';
import { PROCESS_UNITS } from '../catalog.entity.js';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const codeMessage = 'codes are 1-40 letters, digits, dots, dashes or underscores';

class GroupDto {
  @ApiProperty({ example: 'V-NECK' })
  @IsString()
  @Matches(CODE, { message: codeMessage })
  code: string;
  @ApiProperty({ example: '单面V领' }) @IsString() @MinLength(1) @MaxLength(200) nameZh: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) nameEn?: string;
}

class ProcessDto {
  @ApiProperty({ example: 'KN-01' })
  @IsString()
  @Matches(CODE, { message: codeMessage })
  code: string;
  @ApiProperty({ example: 'SEW' })
  @IsString()
  @Matches(CODE, { message: codeMessage })
  sectionCode: string;
  @ApiProperty({ example: '手缝' }) @IsString() @MinLength(1) @MaxLength(200) nameZh: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) nameEn?: string;
  @ApiProperty({ enum: PROCESS_UNITS })
  @IsIn(PROCESS_UNITS, { message: `unit must be one of ${PROCESS_UNITS.join(', ')}` })
  unit: string;
}

class MappingDto {
  @ApiProperty() @IsString() @Matches(CODE, { message: codeMessage }) fromCode: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(CODE, { each: true, message: codeMessage })
  toCodes: string[];
  @ApiProperty({ enum: ['renamed', 'split', 'merged', 'retired'] })
  @IsIn(['renamed', 'split', 'merged', 'retired'])
  kind: 'renamed' | 'split' | 'merged' | 'retired';
}

export class CreateCatalogDto {
  @ApiProperty({ example: 'wool-knitwear' })
  @IsString()
  @Matches(/^[a-z0-9-]{1,40}$/)
  industryCode: string;
  @ApiPropertyOptional({ description: 'the version this one replaces; required to map codes' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  basedOnVersion?: number;
  @ApiProperty() @IsString() @MaxLength(2000) note: string;
  @ApiProperty({ type: [GroupDto], description: '品种 (may be empty)' })
  @IsArray()
  @ArrayMaxSize(ceilingOf('catalogGroups'))
  @ValidateNested({ each: true })
  @Type(() => GroupDto)
  productTypes: GroupDto[];
  @ApiProperty({ type: [GroupDto], description: '车间 / 工种' })
  @IsArray()
  @ArrayMaxSize(ceilingOf('catalogGroups'))
  @ValidateNested({ each: true })
  @Type(() => GroupDto)
  sections: GroupDto[];
  @ApiProperty({ type: [ProcessDto], description: '工序' })
  @IsArray()
  @ArrayMaxSize(ceilingOf('catalogProcesses'))
  @ValidateNested({ each: true })
  @Type(() => ProcessDto)
  processes: ProcessDto[];
  @ApiProperty({ type: [MappingDto] })
  @IsArray()
  @ArrayMaxSize(ceilingOf('catalogMappings'))
  @ValidateNested({ each: true })
  @Type(() => MappingDto)
  mappings: MappingDto[];
}
