import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiInstant, ApiInt, ApiUuid, listOf } from '../../common/api-contract.js';
import { GrantBody } from '../../auth/dto/auth.response.js';
import { ROLES } from '../../auth/roles.js';

// What the account routes answer; each class is also the mapper (toResponse). An account is read by
// administrators only, and never carries its password hash or a code's hash.

const PURPOSE = { enum: ['activation', 'reset'], enumName: 'OneTimeCodePurpose' };

export class OpenCode {
  @ApiProperty(PURPOSE) purpose: string;
  @ApiInstant({ description: 'it may have passed' }) expiresAt: string;
}

export class AccountRecord {
  @ApiUuid() id: string;
  @ApiProperty({ example: 'wang.rep' }) username: string;
  @ApiUuid({ nullable: true, description: 'the person who holds the account' })
  personId: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty() disabled: boolean;
  @ApiProperty({
    description: 'false until the person redeems the activation code and chooses a password',
  })
  hasPassword: boolean;
  @ApiProperty({
    type: () => OpenCode,
    nullable: true,
    description: 'the newest code not yet used or replaced; never the code itself',
  })
  openCode: OpenCode | null;
  @ApiProperty({ type: [GrantBody] }) grants: GrantBody[];
  @ApiInstant() createdAt: string;
}

export class AccountRecordList extends listOf(AccountRecord) {
  @ApiInt({ minimum: 0, description: 'how many accounts there are, over all pages' })
  total: number;
}

export class IssuedCode {
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'ABCD-EFGH-JKLM',
    description:
      'hand it to the person; null in a replay of the request (the code is shown once and never stored)',
  })
  code: string | null;
  @ApiInstant() expiresAt: string;
  @ApiPropertyOptional({ description: 'true when the code is withheld; absent when shown' })
  withheld?: boolean;
}

export class AccountCreated {
  @ApiProperty() account: AccountRecord;
  @ApiProperty() activationCode: IssuedCode;
}

export class AccountStatusChanged {
  @ApiProperty() account: AccountRecord;
  @ApiProperty({ description: 'false: it already was so, and nothing was recorded' })
  changed: boolean;
}

export class PasswordResetIssued {
  @ApiProperty() account: AccountRecord;
  @ApiProperty() resetCode: IssuedCode;
}

export class OnboardedRepresentative {
  @ApiInt({ minimum: 2, description: 'the row of the list (the header is row 1)' }) row: number;
  @ApiUuid() accountId: string;
  @ApiUuid() personId: string;
  @ApiProperty() username: string;
  @ApiUuid() organisationPartyId: string;
  @ApiProperty({
    enum: ROLES,
    enumName: 'Role',
    description:
      'the role the list asks for: proposed as a grant with the account, in effect once approved',
  })
  roleWanted: string;
  @ApiUuid({
    description:
      'the grant proposal for that role: the party’s chief (a chief’s seat: a second administrator) approves it',
  })
  grantProposalId: string;
  @ApiProperty() activationCode: IssuedCode;
}

export class DelegationOnboarded {
  @ApiProperty({ type: [OnboardedRepresentative] }) accounts: OnboardedRepresentative[];
}
