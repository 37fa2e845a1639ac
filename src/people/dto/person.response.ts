import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiInstant, ApiInt, ApiUuid, listOf } from '../../common/api-contract.js';

// What the people routes answer; each class is also the mapper (toResponse), so a column added to
// person never reaches a reader undescribed. Who sees which field is decided before (personView).

const FULL_ONLY = 'present only for administrators and the person themself';

export class PersonRecord {
  @ApiUuid() id: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'null once erased' })
  fullName: string | null;
  @ApiUuid({ nullable: true, description: 'the union or association (a party id)' })
  organisationPartyId: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: '挡车工' }) position: string | null;
  @ApiProperty({ description: 'erased under the personal-information law' }) erased: boolean;
  @ApiPropertyOptional({ type: 'string', nullable: true, description: FULL_ONLY })
  phone?: string | null;
  @ApiPropertyOptional({ type: 'string', nullable: true, description: FULL_ONLY })
  email?: string | null;
  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: FULL_ONLY,
  })
  erasedAt?: string | null;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: FULL_ONLY })
  createdAt?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: FULL_ONLY })
  updatedAt?: string;
}

export class PersonRecordList extends listOf(PersonRecord) {
  @ApiInt({ minimum: 0, description: 'how many people match, over all pages' })
  total: number;
}

export const PERSON_FIELDS = [
  'fullName',
  'phone',
  'email',
  'organisationPartyId',
  'position',
] as const;

// A change answers ids and field names only: no value of a person is kept in an idempotency record.
export class PersonChanged {
  @ApiUuid() id: string;
  @ApiProperty({
    enum: PERSON_FIELDS,
    enumName: 'PersonField',
    isArray: true,
    description: 'the fields given (created) or changed (corrected); never their values',
  })
  fields: string[];
}

export class PersonErased {
  @ApiUuid() id: string;
  @ApiInstant() erasedAt: string;
  @ApiUuid({ nullable: true, description: "the person's account, disabled by the erasure" })
  disabledAccountId: string | null;
}
