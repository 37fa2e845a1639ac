import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDate, ApiInt, helpZh } from '../../common/api-contract.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  Max,
} from 'class-validator';
import type { RoundEventType } from '../../kernel/round/round.events.js';
import { ceilingOf } from '../../common/limits.js';
import { IsCalendarDate, IsRateTable } from '../../common/validation.js';

// Tables may be as long as LIMIT_RATE_TABLE_LINES can be set; the setting is checked by the write path.
const TABLE_CEILING = ceilingOf('rateTableLines');

// One class per event payload: the edge checks shape and types (400); the round's rules check
// meaning against the current state (422).

const REF = /^[a-z0-9][a-z0-9._-]{0,79}$/;
const refMessage = 'must be 1-80 lowercase letters, digits, dots, dashes or underscores';
const text = (max: number) => [IsString(), MinLength(1), MaxLength(max)];
const apply =
  (...ds: PropertyDecorator[]) =>
  (t: object, k: string) =>
    ds.forEach((d) => d(t, k));

class SideRegistration {
  @ApiInt({ minimum: 1, maximum: 10_000_000, example: 1000 })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  representedCount: number;
  @ApiProperty() @apply(...text(500)) standing: string;
}
export class PartiesRegisteredPayload {
  @ApiProperty() @ValidateNested() @Type(() => SideRegistration) worker: SideRegistration;
  @ApiProperty() @ValidateNested() @Type(() => SideRegistration) employer: SideRegistration;
}
// People are named by their id in the people registry, never by name (ADR 0025).
const PERSON_ID = 'the id of a person in the people registry (GET /api/people)';
export class DelegateAppointedPayload {
  @ApiProperty({ format: 'uuid', ...helpZh('人员登记中的人员'), description: PERSON_ID })
  @IsUUID('all', { message: 'personId must be the uuid of a person in the people registry' })
  personId: string;
  @ApiProperty() @IsBoolean() isChief: boolean;
  @ApiProperty() @IsBoolean() isExpert: boolean;
  @ApiDate({ example: '2026-07-01' }) @IsCalendarDate() appointedOn: string;
}
// A withdrawal names the seat as the round holds it: a person id, or in a round recorded before
// ADR 0025 the member handle it was appointed under.
export class DelegateWithdrawnPayload {
  @ApiProperty({ ...helpZh('代表名单上的人员'), description: `${PERSON_ID}, as on the delegation` })
  @IsString()
  @Matches(REF, { message: `personId ${refMessage}` })
  personId: string;
  @ApiProperty() @apply(...text(500)) reason: string;
  @ApiDate() @IsCalendarDate() vacatedOn: string;
}
export class RecorderAppointedPayload {
  @ApiProperty({ format: 'uuid', ...helpZh('人员登记中的人员'), description: PERSON_ID })
  @IsUUID('all', { message: 'personId must be the uuid of a person in the people registry' })
  personId: string;
}
export class RecorderReplacementProposedPayload {
  @ApiProperty({
    format: 'uuid',
    ...helpZh('新记录员（人员登记中的人员）'),
    description: `the new recorder: ${PERSON_ID}`,
  })
  @IsUUID('all', { message: 'personId must be the uuid of a person in the people registry' })
  personId: string;
  @ApiProperty({ ...helpZh('更换记录员的理由'), description: 'why the recorder is replaced' })
  @apply(...text(1000))
  reason: string;
}
export class RecorderReplacementDeclinedPayload {
  @ApiProperty() @apply(...text(1000)) reason: string;
}
export class DelegationsConfirmedPayload {
  @ApiDate() @IsCalendarDate() confirmedOn: string;
}
export class OfferSentPayload {
  @ApiProperty({
    ...helpZh('协商内容：拟协商的事项'),
    description: '协商内容: what is to be negotiated',
  })
  @apply(...text(4000))
  content: string;
  @ApiProperty({
    format: 'date-time',
    ...helpZh('建议的首次协商会议时间'),
    description: 'proposed time of the first joint session (ISO-8601 instant)',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  proposedTime: string;
  @ApiProperty() @apply(...text(300)) proposedPlace: string;
  @ApiDate() @IsCalendarDate() sentOn: string;
  @ApiDate() @IsCalendarDate() receivedOn: string;
}
export class OfferAnsweredPayload {
  @ApiDate() @IsCalendarDate() answeredOn: string;
  @ApiProperty() @apply(...text(4000)) text: string;
}
export class OfferDeclinedPayload {
  @ApiDate() @IsCalendarDate() declinedOn: string;
  @ApiProperty() @apply(...text(4000)) justCause: string;
}
export class AgendaItemAddedPayload {
  @ApiProperty() @IsString() @Matches(REF, { message: `itemId ${refMessage}` }) itemId: string;
  @ApiProperty() @apply(...text(300)) title: string;
}
export class InformationRequestedPayload {
  @ApiProperty()
  @IsString()
  @Matches(REF, { message: `requestId ${refMessage}` })
  requestId: string;
  @ApiProperty() @apply(...text(500)) subject: string;
  @ApiDate() @IsCalendarDate() requestedOn: string;
}
export class InformationSuppliedPayload {
  @ApiProperty()
  @IsString()
  @Matches(REF, { message: `requestId ${refMessage}` })
  requestId: string;
  @ApiDate() @IsCalendarDate() suppliedOn: string;
}
export class SessionOpenedPayload {
  @ApiProperty({
    type: [String],
    ...helpZh('出席的协商代表'),
    description: 'the person ids of the representatives present (as on the delegations)',
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(40)
  @IsString({ each: true })
  @Matches(REF, { each: true, message: `each attendee ${refMessage}` })
  attendance: string[];
  @ApiDate({
    required: false,
    ...helpZh('会议召开的日期（羊毛衫 v2 必填）'),
    description: 'the business date the session met; required by wool-knitwear v2 (ADR 0030)',
  })
  @IsOptional()
  @IsCalendarDate()
  openedOn?: string;
}
export class SessionClosedPayload {
  @ApiDate({
    required: false,
    ...helpZh('会议结束的日期（羊毛衫 v2 必填）'),
    description: 'the business date the session closed; required by wool-knitwear v2 (ADR 0030)',
  })
  @IsOptional()
  @IsCalendarDate()
  closedOn?: string;
}
export class RateItemDto {
  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    example: 'PT-CASHMERE',
    ...helpZh('品种代码；适用于所有品种时不填'),
    description:
      'product type (品种) code; omit or null for a rate that applies to every product type',
  })
  productType?: string | null;
  @ApiProperty({ example: 'KN-01' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, {
    message: 'processCode must be 1-40 letters, digits, dots, dashes or underscores',
  })
  processCode: string;
  @ApiProperty({
    example: '1.2500',
    ...helpZh('工价（元），最多 4 位小数'),
    description: 'yuan, a decimal string with at most 4 places',
  })
  @IsString({
    message: 'rate must be a decimal string such as "1.2500" (never a JSON number, to stay exact)',
  })
  @Matches(/^\d{1,6}(\.\d{1,4})?$/, {
    message: 'rate must be a non-negative decimal with at most 4 decimal places, e.g. "1.2500"',
  })
  rate: string;
}
// ADR 0035: why one line of an offer lies outside the round's increase band.
export class BandReasonDto {
  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    ...helpZh('该行的品种代码（同工价行）；适用于所有品种时不填'),
    description:
      'product type (品种) code of the line, as in items; omit for a line of every product type',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  productType?: string | null;
  @ApiProperty({
    example: 'SH-113',
    ...helpZh('该行的工序代码（同工价行）'),
    description: 'the process code of the line, as in items',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, {
    message: 'processCode must be 1-40 letters, digits, dots, dashes or underscores',
  })
  processCode: string;
  @ApiProperty({
    example: '前帮制作工价多年偏低 (this process has lagged for years)',
    ...helpZh('该行超出涨幅区间的理由'),
    description: 'why this line lies outside the band',
    maxLength: 500,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}
export class OfferTabledPayload {
  @ApiProperty({ type: [RateItemDto] })
  @IsRateTable(1, TABLE_CEILING)
  items: RateItemDto[];
  @ApiPropertyOptional({
    enum: ['full', 'subset'],
    default: 'subset',
    ...helpZh('全部：为工序目录的每一行报价；部分：只改列出的行，其余同所依据的报价'),
    description:
      'full: a rate for every line of the pinned catalog; subset: only the lines named change, the rest as in basedOn',
  })
  @IsOptional()
  @IsIn(['full', 'subset'], { message: 'scope must be full or subset' })
  scope: 'full' | 'subset' = 'subset';
  @ApiPropertyOptional({
    format: 'uuid',
    ...helpZh('部分报价时所修改的报价（默认为本方最近一次报价，没有则为上年协议工价表）'),
    description:
      "for a subset: the offer it amends (default: this side's latest offer, else last year's agreed table)",
  })
  @IsOptional()
  @IsUUID('all', { message: 'basedOn must be the id of an offer of this round' })
  basedOn?: string;
  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note: string | null = null;
  @ApiPropertyOptional({
    type: [BandReasonDto],
    title: '超出涨幅区间的理由 (reasons outside the increase band)',
    ...helpZh('本方有涨幅区间时，涨幅超出区间的每一行须在此说明理由；区间内的行无须说明'),
    description:
      'ADR 0035: when the round holds an increase band for your side, each line whose change over last year lies outside it needs a reason here; lines inside the band need none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TABLE_CEILING)
  @ValidateNested({ each: true })
  @Type(() => BandReasonDto)
  bandReasons?: BandReasonDto[];
}
export class MinutesRecordedPayload {
  @ApiProperty() @apply(...text(20000)) minutes: string;
}
export class MinutesAmendedPayload {
  @ApiInt({ minimum: 1, maximum: 10_000 }) @IsInt() @Min(1) @Max(10_000) sessionNumber: number;
  @ApiProperty({
    ...helpZh('新版本会议记录的全文'),
    description: 'the whole text of the new version',
  })
  @apply(...text(20000))
  minutes: string;
  @ApiProperty({ description: 'why the minutes are amended', ...helpZh('修改记录的理由') })
  @apply(...text(1000))
  reason: string;
}
// No fields: the event is its type alone; the body's payload is {} (described with no properties).
export class EmptyPayload {}
export class MinutesSignedPayload {
  @ApiInt({ minimum: 1, maximum: 10_000 }) @IsInt() @Min(1) @Max(10_000) sessionNumber: number;
}
export class SuspensionProposedPayload {
  @ApiProperty() @apply(...text(1000)) reason: string;
  @ApiDate() @IsCalendarDate() resumeOn: string;
}
export class SuspensionDeclinedPayload {
  @ApiProperty() @apply(...text(1000)) reason: string;
}
export class CoordinationRequestedPayload {
  @ApiProperty({ ...helpZh('书面申请的内容'), description: 'the written application (书面申请)' })
  @apply(...text(8000))
  application: string;
  @ApiDate() @IsCalendarDate() appliedOn: string;
}
export class CoordinationAcceptedPayload {
  @ApiDate() @IsCalendarDate() acceptedOn: string;
}
export class CoordinationExtendedPayload {
  @ApiInt({ minimum: 1, maximum: 365 }) @IsInt() @Min(1) @Max(365) days: number;
}
export class CoordinationConcludedPayload {
  @ApiDate() @IsCalendarDate() concludedOn: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  resolved: string[];
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  unresolved: string[];
}
export class MonthlyOutputDto {
  @ApiPropertyOptional({
    ...helpZh('品种代码；适用于所有品种时不填'),
    description: 'product type code; omit for every product type',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, {
    message: 'productType must be 1-40 letters, digits, dots, dashes or underscores',
  })
  productType?: string;
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, {
    message: 'processCode must be 1-40 letters, digits, dots, dashes or underscores',
  })
  processCode: string;
  @ApiInt({ minimum: 0, maximum: 1000000, example: 600 })
  @IsInt()
  @Min(0)
  @Max(1000000)
  pieces: number;
}

export class DraftAgreedPayload {
  @ApiProperty() @apply(...text(100000)) text: string;
  @ApiProperty({ type: [RateItemDto] })
  @IsRateTable(1, TABLE_CEILING)
  items: RateItemDto[];

  @ApiPropertyOptional({
    type: [RateItemDto],
    ...helpZh('没有上一轮已签协议时，用于比较的上年工价'),
    description: 'previous rates to compare with when there is no previous signed round',
  })
  @IsOptional()
  @IsRateTable(0, TABLE_CEILING)
  baseline?: RateItemDto[];

  @ApiPropertyOptional({
    type: [String],
    ...helpZh('约定工价为行业最低工价的行：工序代码（所有品种）或“品种:工序代码”'),
    description:
      'lines whose agreed rate is an industry minimum rate (行业最低工价): a process code (every product type) or productType:processCode',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TABLE_CEILING)
  @IsString({ each: true })
  @MaxLength(81, { each: true })
  industryMinimum?: string[];

  @ApiPropertyOptional({
    type: [String],
    ...helpZh('有意下调工价的行，写法同“行业最低工价”；未列出的下调会被拒绝'),
    description:
      'lines whose rate is cut on purpose, written like industryMinimum; any unlisted cut is refused',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TABLE_CEILING)
  @IsString({ each: true })
  @MaxLength(81, { each: true })
  confirmedCuts?: string[];

  @ApiPropertyOptional({
    type: [MonthlyOutputDto],
    ...helpZh('各工序的典型月产量，用于估算月工资的变化'),
    description: 'typical monthly output per process, for the estimated change in monthly pay',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TABLE_CEILING)
  @ValidateNested({ each: true })
  @Type(() => MonthlyOutputDto)
  typicalMonthlyOutput?: MonthlyOutputDto[];

  @ApiPropertyOptional({
    type: [String],
    ...helpZh(
      '维持上年工价的行，写法同“行业最低工价”（只写工序代码即该工序所有品种）；与工价行合起来须覆盖整张工价表，每行须有上年工价，且不得与工价行重复',
    ),
    description:
      'lines of the round’s table that keep last year’s rate, written like industryMinimum (a process code keeps every product type); items plus these must cover the whole pinned table (422 draft.incomplete), each needs a previous rate and may not be in items too',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TABLE_CEILING)
  @IsString({ each: true })
  @MaxLength(81, { each: true })
  keepPreviousRate?: string[];
}
export class RatificationSubmittedPayload {
  @ApiProperty({ example: '行业职工代表大会' }) @apply(...text(300)) body: string;
  @ApiInt({ minimum: 1, maximum: 1000000 }) @IsInt() @Min(1) @Max(1000000) totalMembers: number;
  @ApiDate() @IsCalendarDate() meetingOn: string;
}
export class BallotClosedPayload {
  @ApiInt({ minimum: 0, maximum: 1000000 }) @IsInt() @Min(0) @Max(1000000) present: number;
  @ApiInt({ minimum: 0, maximum: 1000000 }) @IsInt() @Min(0) @Max(1000000) yes: number;
  @ApiInt({ minimum: 0, maximum: 1000000 }) @IsInt() @Min(0) @Max(1000000) no: number;
  @ApiInt({ minimum: 0, maximum: 1000000 }) @IsInt() @Min(0) @Max(1000000) abstain: number;
  @ApiDate() @IsCalendarDate() closedOn: string;
}
export class AgreementPreparedPayload {
  @ApiProperty() @apply(...text(200000)) text: string;
}
export class AgreementSignedPayload {
  @ApiDate() @IsCalendarDate() signedOn: string;
}
export class RoundAbandonedPayload {
  @ApiProperty() @apply(...text(2000)) reason: string;
  @ApiDate() @IsCalendarDate() on: string;
}

// `caucus.held` is absent on purpose: it is sent through POST /negotiations/:id/caucuses, which stores
// the confidential note and puts only its hash in the history.
export const PAYLOAD_CLASSES: Record<Exclude<RoundEventType, 'caucus.held'>, new () => object> = {
  'parties.registered': PartiesRegisteredPayload,
  'delegate.appointed': DelegateAppointedPayload,
  'delegate.withdrawn': DelegateWithdrawnPayload,
  'recorder.appointed': RecorderAppointedPayload,
  'recorder.replacementProposed': RecorderReplacementProposedPayload,
  'recorder.replacementConsented': EmptyPayload,
  'recorder.replacementDeclined': RecorderReplacementDeclinedPayload,
  'delegations.confirmed': DelegationsConfirmedPayload,
  'offer.sent': OfferSentPayload,
  'offer.answered': OfferAnsweredPayload,
  'offer.declined': OfferDeclinedPayload,
  'agenda.itemAdded': AgendaItemAddedPayload,
  'information.requested': InformationRequestedPayload,
  'information.supplied': InformationSuppliedPayload,
  'session.opened': SessionOpenedPayload,
  'offer.tabled': OfferTabledPayload,
  'minutes.recorded': MinutesRecordedPayload,
  'minutes.amended': MinutesAmendedPayload,
  'session.closed': SessionClosedPayload,
  'minutes.signed': MinutesSignedPayload,
  'suspension.proposed': SuspensionProposedPayload,
  'suspension.consented': EmptyPayload,
  'suspension.declined': SuspensionDeclinedPayload,
  'negotiation.resumed': EmptyPayload,
  'coordination.requested': CoordinationRequestedPayload,
  'coordination.accepted': CoordinationAcceptedPayload,
  'coordination.extended': CoordinationExtendedPayload,
  'coordination.concluded': CoordinationConcludedPayload,
  'draft.agreed': DraftAgreedPayload,
  'draft.signed': EmptyPayload,
  'ratification.submitted': RatificationSubmittedPayload,
  'ballot.closed': BallotClosedPayload,
  'agreement.prepared': AgreementPreparedPayload,
  'agreement.signed': AgreementSignedPayload,
  'round.abandoned': RoundAbandonedPayload,
};

// What POST /negotiations/:id/caucuses carries for a caucus.held event: the note itself, which the
// door's preparer seals apart and replaces with a commitment (ADR 0014).
export class CaucusHeldRequest {
  @ApiDate({ example: '2026-07-28' }) @IsCalendarDate() heldOn: string;
  @ApiProperty({ description: 'confidential to your side' })
  @IsString()
  @MinLength(1)
  @MaxLength(50000)
  notes: string;
}
