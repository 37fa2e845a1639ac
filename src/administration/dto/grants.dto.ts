import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { ROLES, type Role } from '../../auth/roles.js';
import { ceilingOf } from '../../common/limits.js';

const CODE = /^[a-z0-9][a-z0-9-]{0,59}$/;

export class ProposeGrantDto {
  @ApiProperty({ type: 'string', format: 'uuid', description: 'the account to receive the role' })
  @IsUUID()
  accountId: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description: 'the union or association (party roles only)',
  })
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiPropertyOptional({
    description: 'recorder, labourOfficer, auditor, administrator: the industry (omit for all)',
  })
  @IsOptional()
  @Matches(CODE)
  industryCode?: string;

  @ApiPropertyOptional({
    description:
      'recorder, labourOfficer, auditor, administrator: the region, covering its towns (omit for all)',
  })
  @IsOptional()
  @Matches(CODE)
  regionCode?: string;
}

export class GrantProposalsQuery {
  @ApiProperty({
    enum: ['awaitingMe', 'proposedByMe'],
    description:
      'awaitingMe: pending proposals you may approve or reject; proposedByMe: the ones you made',
  })
  @IsIn(['awaitingMe', 'proposedByMe'])
  view: 'awaitingMe' | 'proposedByMe';

  @ApiPropertyOptional({
    type: 'integer',
    default: 0,
    minimum: 0,
    maximum: 1_000_000,
    description: 'how many proposals to skip: send page.next of the previous page',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;

  @ApiPropertyOptional({
    type: 'integer',
    default: 100,
    minimum: 1,
    maximum: ceilingOf('historyPage'),
    description: 'page size; the deployment bound is LIMIT_HISTORY_PAGE',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ceilingOf('historyPage')) // the bound itself is LIMIT_HISTORY_PAGE, checked by the service
  limit = 100;
}
