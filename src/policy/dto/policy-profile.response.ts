import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant, ApiUuid, listOf } from '../../common/api-contract.js';
import { PolicyProfileBody } from '../../negotiation/dto/negotiation.response.js';

// What the policy profile routes answer; each class is also the mapper (toResponse).

export class PolicyProfileEntry {
  @ApiProperty({ example: 'zj-wage-2026' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'the rules a round pins when it opens' }) body: PolicyProfileBody;
  @ApiProperty({ type: 'string', nullable: true, description: 'the profile this one revises' })
  basedOnId: string | null;
  @ApiUuid({ nullable: true, description: 'the administrator’s account; null when seeded' })
  createdBy: string | null;
  @ApiInstant() createdAt: string;
}
export class PolicyProfileEntryList extends listOf(PolicyProfileEntry) {}
