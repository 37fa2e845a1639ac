import { ApiProperty } from '@nestjs/swagger';
import { ApiUuid, listOf } from '../../common/api-contract.js';

// What the directory routes answer; each class is also the mapper (toResponse).

export class Industry {
  @ApiProperty({ example: 'wool-knitwear' }) code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty({ type: 'string', nullable: true }) nameEn: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'the procedure version new rounds of this industry get (GET /industries/{code}/procedure); null while it has none',
  })
  procedureVersion: number | null;
}
export class IndustryList extends listOf(Industry) {}

export class Region {
  @ApiProperty() code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty({ type: 'string', nullable: true }) nameEn: string | null;
  @ApiProperty({ example: 'county' }) level: string;
  @ApiProperty({ type: 'string', nullable: true }) parentCode: string | null;
}
export class RegionList extends listOf(Region) {}

export class Party {
  @ApiUuid() id: string;
  @ApiProperty({ enum: ['worker', 'employer'], enumName: 'Side' }) side: string;
  @ApiProperty() kind: string;
  @ApiProperty() nameZh: string;
  @ApiProperty({ type: 'string', nullable: true }) nameEn: string | null;
  @ApiProperty() industryCode: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ description: 'you hold a role in it' }) yours: boolean;
}
export class PartyList extends listOf(Party) {}
