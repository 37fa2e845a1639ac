import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { SIDES } from '../../kernel/round/round.types.js';
import { ClauseTermsDto, SkillGradeDto, SurveyedTradeDto } from './shipbuilding.events.js';
import { CLAUSE_KINDS, CLAUSE_STATUSES } from './shipbuilding.package.js';

// The shape of shipbuilding's terms as GET /api/negotiations/{id}/terms answers them (ADR 0037),
// published in the API description so the console's client is typed by it. Money: exact yuan strings.

const yuan = (description: string, nullable = false) =>
  ApiProperty({ type: 'string', nullable, example: '4600.00', description });

class StatutoryMinimum {
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'the pinned profile’s statutory monthly minimum wage; null: it sets none',
  })
  monthlyYuan: string | null;
  @ApiProperty() policyProfileId: string;
  @ApiProperty({ description: 'false: the profile sets no figure, so minimums were not checked' })
  checked: boolean;
}

class PreviousRoundRef {
  @ApiProperty({ format: 'uuid' }) negotiationId: string;
  @ApiProperty({ type: 'integer' }) year: number;
}

class WageSurveyTerms {
  @ApiProperty({ type: 'string', format: 'date' }) surveyedOn: string;
  @ApiProperty() source: string;
  @ApiProperty({ type: [SurveyedTradeDto] }) trades: SurveyedTradeDto[];
  @ApiPropertyOptional({
    type: PreviousRoundRef,
    description: 'the pair’s last signed round the previous minimums come from (ADR 0038)',
  })
  previousRound?: PreviousRoundRef;
  @ApiProperty({ type: 'string', format: 'date-time' }) tabledAt: string;
}

class SidePositionTerms {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'the side’s latest monthly minimum per trade code',
  })
  minimums: Record<string, string>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: getSchemaPath(SkillGradeDto) } },
    description: 'the side’s latest skill grid per trade code',
  })
  grids: Record<string, SkillGradeDto[]>;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) tabledAt: string | null;
}

class SidePositions {
  @ApiProperty() worker: SidePositionTerms;
  @ApiProperty() employer: SidePositionTerms;
}

class ClauseChange {
  @ApiProperty({ enum: SIDES }) side: string;
  @ApiProperty({ enum: CLAUSE_STATUSES }) status: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) at: string;
}

class ClauseStateTerms {
  @ApiProperty({ enum: CLAUSE_KINDS }) clause: string;
  @ApiProperty({ enum: SIDES, description: 'who tabled it first; only they may withdraw it' })
  proposer: string;
  @ApiProperty({ type: ClauseTermsDto }) terms: ClauseTermsDto;
  @ApiProperty({
    enum: SIDES,
    description: 'whose terms are on the table; the other side agrees them',
  })
  termsBy: string;
  @ApiProperty({ enum: CLAUSE_STATUSES }) status: string;
  @ApiProperty({ type: [ClauseChange] }) changes: ClauseChange[];
}

class TradeSurveyFigures {
  @ApiProperty({ type: 'integer' }) enterprises: number;
  @ApiProperty({ type: 'integer' }) workers: number;
  @yuan('highest monthly wage, excluding overtime') highest: string;
  @yuan('average monthly wage, excluding overtime') average: string;
  @yuan('lowest monthly wage, excluding overtime') lowest: string;
}

class AgreedTradeTerms {
  @ApiProperty() trade: string;
  @ApiProperty() nameZh: string;
  @ApiProperty({ type: 'string', nullable: true }) nameEn: string | null;
  @ApiProperty() survey: TradeSurveyFigures;
  @yuan('the minimum agreed in the pair’s last round, as the survey states it', true)
  previousMinimum: string | null;
  @yuan('the agreed monthly minimum') agreedMinimum: string;
  @yuan('agreed − previous', true) change: string | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: '5.43',
    description: 'percent, 2 decimals, half up',
  })
  changePercent: string | null;
  @ApiProperty({ type: [SkillGradeDto] }) grid: SkillGradeDto[];
}

class SettledClauses {
  @ApiProperty({ type: [ClauseStateTerms] }) agreed: ClauseStateTerms[];
  @ApiProperty({ type: [ClauseStateTerms] }) withdrawn: ClauseStateTerms[];
}

class PayImpactTrade {
  @ApiProperty() trade: string;
  @ApiProperty({ type: 'integer' }) workers: number;
  @yuan('agreed − previous minimum (never below 0); null without a previous minimum', true)
  minimumRaisePerWorker: string | null;
  @yuan('the raise × workers counted', true) minimumRaiseMonthly: string | null;
  @yuan('the allowances of the grades counted') allowancesMonthly: string;
  @yuan('the trade’s monthly estimate') totalMonthly: string;
}

class PayImpactTerms {
  @ApiProperty({ description: 'how the estimate is made (assumed)' }) basis: string;
  @ApiProperty({ type: [PayImpactTrade] }) trades: PayImpactTrade[];
  @yuan('monthly estimate, all trades') totalMonthly: string;
  @yuan('12 × the monthly estimate') totalYearly: string;
}

class PackageAgreementTerms {
  @ApiProperty() text: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) agreedAt: string;
  @yuan('the statutory monthly minimum the draft was checked against; null: none set', true)
  statutoryMinimum: string | null;
  @ApiProperty({ type: [AgreedTradeTerms] }) trades: AgreedTradeTerms[];
  @ApiProperty() clauses: SettledClauses;
  @ApiProperty({
    type: PayImpactTerms,
    nullable: true,
    description: 'null: the draft gave no headcount',
  })
  payImpact: PayImpactTerms | null;
}

export class ShipbuildingTerms {
  @ApiProperty({ enum: ['shipbuilding.package'] }) kind: string;
  @ApiProperty() statutoryMinimum: StatutoryMinimum;
  @ApiProperty({
    type: WageSurveyTerms,
    nullable: true,
    description: 'null until the union tables it',
  })
  survey: WageSurveyTerms | null;
  @ApiProperty({ description: 'each side’s package as it stands, side by side' })
  positions: SidePositions;
  @ApiProperty({ type: [ClauseStateTerms] }) clauses: ClauseStateTerms[];
  @ApiProperty({
    type: PackageAgreementTerms,
    nullable: true,
    description:
      'the agreement table, once a draft is agreed (null again if the congress rejects it)',
  })
  agreement: PackageAgreementTerms | null;
}
