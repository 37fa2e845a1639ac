import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant, ApiInt, ApiUuid, listOf } from '../../common/api-contract.js';
import { PolicyProfileBody } from '../../negotiation/dto/negotiation.response.js';

// What the policy profile routes answer; each class is also the mapper (toResponse).

export class PolicyProfileEntry {
  @ApiProperty({ example: 'zhejiang-v2', description: 'the version’s id: what a round pins' })
  id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'zhejiang', description: 'the profile’s name, shared by its versions' })
  family: string;
  @ApiInt({ minimum: 1 }) version: number;
  @ApiProperty({ description: 'the rules a round pins when it opens' }) body: PolicyProfileBody;
  @ApiProperty({ type: 'string', nullable: true, description: 'the profile this one revises' })
  basedOnId: string | null;
  @ApiUuid({ nullable: true, description: 'the administrator’s account; null when seeded' })
  createdBy: string | null;
  @ApiInstant() createdAt: string;
  @ApiInstant({
    nullable: true,
    description: 'set: no new round may pin this version; rounds that pinned it keep it',
  })
  retiredAt: string | null;
  @ApiUuid({ nullable: true }) retiredBy: string | null;
}
export class PolicyProfileEntryList extends listOf(PolicyProfileEntry) {}
