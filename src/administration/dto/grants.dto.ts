import { LimitParam, OffsetParam } from '../../common/paging.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ROLES, type Role } from '../../auth/roles.js';

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

  @OffsetParam()
  offset = 0;

  @LimitParam('historyPage', 100)
  limit = 100;
}
