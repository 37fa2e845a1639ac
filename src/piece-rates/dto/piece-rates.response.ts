import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  ApiDate,
  ApiInstant,
  ApiInt,
  ApiUuid,
  REVISION_DESCRIPTION,
  listOf,
} from '../../common/api-contract.js';
import { OfferSummary } from '../../negotiation/dto/negotiation.response.js';
import { SIDES } from '../../kernel/round/round.types.js';
import { PROCESS_UNITS } from '../catalog.entity.js';
import { CSV_TYPE, XLSX_TYPE } from '../spreadsheet-upload.js';

// What the piece-rate routes answer; each class is also the mapper (toResponse).

const ApiSide = () => ApiProperty({ enum: SIDES, enumName: 'Side' });
const ApiRate = (o: Record<string, unknown> = {}) =>
  ApiProperty({ type: 'string', example: '1.2500', description: 'yuan, exact decimal', ...o });
const ApiNullableRate = (description = 'yuan, exact decimal; null when absent') =>
  ApiRate({ nullable: true, description });
const ApiPercent = () =>
  ApiProperty({
    type: 'string',
    nullable: true,
    example: '4.35',
    description: 'percent, exact decimal; null where there is nothing to compare with',
  });
const ApiProductType = () =>
  ApiProperty({
    type: 'string',
    nullable: true,
    description: 'product type (品种); null: the line applies to every product type',
  });

export class RateLine {
  @ApiProductType() productType: string | null;
  @ApiProperty() processCode: string;
  @ApiRate() rate: string;
}
export class OfferWithLines extends OfferSummary {
  @ApiProperty({ type: [RateLine] }) lines: RateLine[];
}

class OfferRef {
  @ApiProperty() id: string;
  @ApiSide() side: string;
}
class RateChange {
  @ApiProductType() productType: string | null;
  @ApiProperty() processCode: string;
  @ApiNullableRate('null: the line is new in to') from: string | null;
  @ApiNullableRate('null: the line is gone from to') to: string | null;
  @ApiNullableRate('to - from') absolute: string | null;
  @ApiPercent() percent: string | null;
  @ApiProperty({ enum: ['unchanged', 'raised', 'cut', 'added', 'removed'] }) status: string;
}
export class OfferComparison {
  @ApiProperty() from: OfferRef;
  @ApiProperty() to: OfferRef;
  @ApiProperty({ type: [RateChange] }) changes: RateChange[];
}

class RateGap {
  @ApiProductType() productType: string | null;
  @ApiProperty() processCode: string;
  @ApiNullableRate() worker: string | null;
  @ApiNullableRate() employer: string | null;
  @ApiNullableRate('worker - employer; null unless both sides rate the line') absolute:
    string | null;
  @ApiPercent() percent: string | null;
}
export const GAP_STATUSES = ['compared', 'awaitingBothSides'] as const;
const ApiGapStatus = () =>
  ApiProperty({
    enum: GAP_STATUSES,
    description: 'compared: both sides have tabled an offer; awaitingBothSides: not yet, no gap',
  });
class SessionGap {
  @ApiInt({ minimum: 1 }) sessionNumber: number;
  @ApiGapStatus() status: string;
  @ApiPropertyOptional({ type: [RateGap], description: 'present when status is compared' })
  gap?: RateGap[];
}
export class OfferGap {
  @ApiGapStatus() status: string;
  @ApiPropertyOptional({
    type: [RateGap],
    description: 'the gap between the latest offers; present when status is compared',
  })
  current?: RateGap[];
  @ApiProperty({ type: [SessionGap] }) bySession: SessionGap[];
}

class AgreementRow {
  @ApiProductType() productType: string | null;
  @ApiProperty() processCode: string;
  @ApiNullableRate('null: the process is new in the agreement') previous: string | null;
  @ApiRate() agreed: string;
  @ApiNullableRate() absolute: string | null;
  @ApiPercent() percent: string | null;
  @ApiProperty() isIndustryMinimum: boolean;
  @ApiProperty() isCut: boolean;
}
class AgreementSummary {
  @ApiInt({ minimum: 0 }) processes: number;
  @ApiPercent() meanPercent: string | null;
  @ApiPercent() medianPercent: string | null;
  @ApiPercent() lowestPercent: string | null;
  @ApiPercent() highestPercent: string | null;
}
class MonthlyPayChange {
  @ApiRate() before: string;
  @ApiRate() after: string;
  @ApiRate() absolute: string;
  @ApiPercent() percent: string | null;
}
export class PreviousRoundRef {
  @ApiUuid() negotiationId: string;
  @ApiInt({ minimum: 1 }) year: number;
  @ApiInt({ minimum: 1, nullable: true, description: 'the catalog version that round pinned' })
  catalogVersion: number | null;
}
export class AgreementTableBody {
  @ApiProperty({ enum: ['previousRound', 'statedBaseline', 'none'] }) previousFrom: string;
  @ApiPropertyOptional({
    type: PreviousRoundRef,
    description:
      'the signed round the previous rates came from: the pair’s most recent agreement of any earlier year, mapped to this round’s catalog version (absent for a stated baseline, and for drafts agreed before it was recorded)',
  })
  previousRound?: PreviousRoundRef;
  @ApiProperty({ type: [AgreementRow] }) rows: AgreementRow[];
  @ApiProperty() summary: AgreementSummary;
  @ApiProperty({ type: MonthlyPayChange, nullable: true }) monthlyPay: MonthlyPayChange | null;
}

// ---- catalogs ----

export class CatalogCreated {
  @ApiUuid() id: string;
  @ApiProperty() industryCode: string;
  @ApiInt({ minimum: 1 }) version: number;
  @ApiInt({ nullable: true }) basedOnVersion: number | null;
  @ApiInt({ minimum: 0, description: 'how many processes it lists' }) processes: number;
}
export class CatalogSummary {
  @ApiUuid() id: string;
  @ApiProperty() industryCode: string;
  @ApiInt({ minimum: 1 }) version: number;
  @ApiInt({ nullable: true }) basedOnVersion: number | null;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
  @ApiInstant() createdAt: string;
  @ApiInt({ minimum: 0 }) processes: number;
}
export class CatalogSummaryList extends listOf(CatalogSummary) {}
class CatalogGroup {
  @ApiProperty() code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty({ type: 'string', nullable: true }) nameEn: string | null;
}
class CatalogProcess {
  @ApiProperty() code: string;
  @ApiProperty() sectionCode: string;
  @ApiProperty() nameZh: string;
  @ApiProperty({ type: 'string', nullable: true }) nameEn: string | null;
  @ApiProperty({ enum: PROCESS_UNITS }) unit: string;
}
class CodeMapping {
  @ApiProperty() fromCode: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'null: retired' }) toCode:
    string | null;
  @ApiProperty({ enum: ['renamed', 'split', 'merged', 'retired'] }) kind: string;
}
export class CatalogVersion {
  @ApiUuid() id: string;
  @ApiProperty() industryCode: string;
  @ApiInt({ minimum: 1 }) version: number;
  @ApiInt({ nullable: true }) basedOnVersion: number | null;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
  @ApiInstant() createdAt: string;
  @ApiProperty({ type: [CatalogGroup] }) productTypes: CatalogGroup[];
  @ApiProperty({ type: [CatalogGroup] }) sections: CatalogGroup[];
  @ApiProperty({ type: [CatalogProcess] }) processes: CatalogProcess[];
  @ApiProperty({ type: [CodeMapping] }) mappings: CodeMapping[];
}

// ---- rate surveys ----

export class SurveyOpened {
  @ApiUuid() id: string;
  @ApiUuid() negotiationId: string;
  @ApiProperty({ enum: ['open'] }) status: string;
  @ApiInt({ minimum: 1 }) minQuotes: number;
  @ApiInt({ minimum: 1, description: 'how many processes it surveys' }) processes: number;
}
export class SurveyAnswerAccepted {
  @ApiUuid() surveyId: string;
  @ApiSide() side: string;
  @ApiInt({ minimum: 1, description: 'how many quotes were taken' }) accepted: number;
}
export class SurveyClosed {
  @ApiUuid() id: string;
  @ApiProperty({ enum: ['closed'] }) status: string;
  @ApiDate() closedOn: string;
}
export class SurveySummary {
  @ApiUuid() id: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiInt({ minimum: 1 }) minQuotes: number;
  @ApiInt({ minimum: 1 }) processes: number;
  @ApiDate() openedOn: string;
  @ApiDate({ nullable: true }) closedOn: string | null;
  @ApiInt({ minimum: 0 }) respondents: number;
}
export class SurveySummaryList extends listOf(SurveySummary) {}
class SideStatistics {
  @ApiInt({ minimum: 0 }) count: number;
  @ApiPropertyOptional({ enum: [true], description: 'fewer quotes than minQuotes: no figures' })
  suppressed?: boolean;
  @ApiRate({ required: false }) high?: string;
  @ApiRate({ required: false }) median?: string;
  @ApiRate({ required: false }) low?: string;
  @ApiRate({ required: false }) mean?: string;
}
class SurveyGap {
  @ApiRate() absolute: string;
  @ApiPercent() percent: string | null;
}
class ProcessStatistics {
  @ApiProperty() processCode: string;
  @ApiProperty() worker: SideStatistics;
  @ApiProperty() employer: SideStatistics;
  @ApiProperty({ type: SurveyGap, nullable: true }) gap: SurveyGap | null;
}
class RespondentsBySide {
  @ApiInt({ minimum: 0 }) worker: number;
  @ApiInt({ minimum: 0 }) employer: number;
}
export class SurveyStatistics {
  @ApiUuid() id: string;
  @ApiUuid() negotiationId: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiInt({ minimum: 1 }) minQuotes: number;
  @ApiProperty({ type: [String] }) processCodes: string[];
  @ApiDate() openedOn: string;
  @ApiDate({ nullable: true }) closedOn: string | null;
  @ApiInt({ minimum: 0 }) respondents: number;
  @ApiPropertyOptional({ description: 'while open: answers so far per side, no figures' })
  respondentsBySide?: RespondentsBySide;
  @ApiProperty({ type: [ProcessStatistics], description: 'empty while open' })
  processes: ProcessStatistics[];
  @ApiPropertyOptional({ description: 'while open: why there are no figures yet' })
  figuresWithheld?: string;
}

export const OFFER_UPLOAD_DESCRIPTION = `Tables an offer (offer.tabled) from the file. ${REVISION_DESCRIPTION}`;

const BINARY = { type: 'string', format: 'binary' } as const;

/** The route reads the raw body: an XLSX or CSV file, the Content-Type says which. */
export const ApiSpreadsheetUpload = (what: string) =>
  applyDecorators(
    ApiConsumes(XLSX_TYPE, CSV_TYPE),
    ApiBody({
      required: true,
      description: `${what}: the file itself as the body (not multipart), at most SPREADSHEET_UPLOAD_LIMIT_BYTES`,
      schema: BINARY,
    }),
  );

/** The route answers a file: XLSX or CSV (UTF-8) as ?format= asks, or JSON where it offers one. */
export const ApiSpreadsheetDownload = (description: string, json?: Type<unknown>) =>
  ApiResponse({
    status: 200,
    description: `${description}; sent as an attachment (Content-Disposition) except json`,
    content: {
      [XLSX_TYPE]: { schema: BINARY },
      [CSV_TYPE]: { schema: { type: 'string', description: 'UTF-8 CSV' } },
      ...(json ? { 'application/json': { schema: { $ref: getSchemaPath(json) } } } : {}),
    },
  });
