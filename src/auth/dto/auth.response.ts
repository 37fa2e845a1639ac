import { ApiProperty } from '@nestjs/swagger';
import { ApiInt, ApiUuid } from '../../common/api-contract.js';
import { ROLES } from '../roles.js';

// What the auth routes answer; each class is also the mapper (toResponse).

export class GrantBody {
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role: string;
  @ApiUuid({ nullable: true }) partyId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) industryCode: string | null;
  @ApiProperty({ type: 'string', nullable: true }) regionCode: string | null;
}
class AccountBody {
  @ApiProperty() username: string;
  @ApiUuid({
    nullable: true,
    description: 'the person who holds the account: the history names them by this id',
  })
  personId: string | null;
  @ApiProperty({ type: [GrantBody] }) grants: GrantBody[];
}
export class LoginAnswer {
  @ApiProperty({ description: 'send as Authorization: Bearer <accessToken>' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: string;
  @ApiInt({ minimum: 1, description: 'seconds until the token expires' }) expiresIn: number;
  @ApiProperty({
    description:
      'send to POST /api/auth/refresh before the access token expires; it works once and is replaced by the answer’s new one',
  })
  refreshToken: string;
  @ApiProperty() account: AccountBody;
}
export class Me {
  @ApiUuid() accountId: string;
  @ApiProperty() username: string;
  @ApiUuid({ nullable: true }) personId: string | null;
  @ApiProperty({ type: [GrantBody] }) grants: GrantBody[];
}
