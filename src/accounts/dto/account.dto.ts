import { LimitParam, OffsetParam } from '../../common/paging.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EMAIL, PHONE, USERNAME, USERNAME_RULE } from '../account.rules.js';

export class PersonDetailsDto {
  @ApiProperty({ example: '王建国' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  fullName: string;

  @ApiPropertyOptional({ example: '138 0013 8000' })
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'phone must be digits, with an optional +, spaces or dashes' })
  phone?: string;

  @ApiPropertyOptional({ example: 'wang@example.cn' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @Matches(EMAIL, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the union or association (party id) the person belongs to',
  })
  @IsOptional()
  @IsUUID()
  organisationPartyId?: string;

  @ApiPropertyOptional({ example: '挡车工' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  position?: string;
}

export class CreateAccountDto {
  @ApiProperty({ example: 'wang.rep' })
  @IsString()
  @Matches(USERNAME, { message: USERNAME_RULE })
  username: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'an existing person; or give `person` to create one',
  })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ type: PersonDetailsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonDetailsDto)
  person?: PersonDetailsDto;
}

// By username, offset-paged like every list that can grow (docs/api.md).
export class ListAccountsQuery {
  @OffsetParam()
  offset = 0;

  @LimitParam({ max: 1000 }, 100)
  limit = 100;
}
