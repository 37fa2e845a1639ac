import { INDUSTRY_DEFINITIONS } from '../../industries/index.js';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  ApiDate,
  ApiInstant,
  ApiInt,
  ApiUuid,
  Page,
  REVISION_DESCRIPTION,
  listOf,
} from '../../common/api-contract.js';
import { ROUND_EVENT_TYPES } from '../../kernel/round/round.events.js';
import { SIDES } from '../../kernel/round/round.types.js';
import { PAYLOAD_CLASSES, RateItemDto } from './event-payloads.dto.js';
import { eventUnion } from './event-union.js';
import { RECORDED_PAYLOAD_CLASSES } from './recorded-payloads.dto.js';

// What the negotiation routes answer. Each class is the description and, through toResponse, the
// mapper: a field not named here never reaches a client.

const ApiSide = (o: Record<string, unknown> = {}) =>
  ApiProperty({ enum: SIDES, enumName: 'Side', ...o });
const ApiEventTypes = (description: string) =>
  ApiProperty({ enum: ROUND_EVENT_TYPES, enumName: 'RoundEventType', isArray: true, description });
const OUTCOMES = ['open', 'agreed', 'failed'];

export class EventAccepted {
  @ApiUuid({ description: 'the negotiation the event was sent to' }) negotiationId: string;
  @ApiInt({ minimum: 1, description: 'the event’s place in the history' }) seq: number;
  @ApiProperty({ enum: ROUND_EVENT_TYPES, enumName: 'RoundEventType' }) type: string;
  @ApiProperty({ type: 'string', nullable: true }) stateBefore: string | null;
  @ApiProperty({ example: 'negotiating.inSession' }) state: string;
  @ApiInt({ minimum: 1, description: REVISION_DESCRIPTION }) revision: number;
  @ApiProperty({ description: 'the event’s hash in the chain' }) hash: string;
  @ApiInstant() occurredAt: string;
}

export class NegotiationOpened {
  @ApiUuid({ description: 'the new negotiation' }) id: string;
  @ApiInt({ minimum: 1 }) seq: number;
  @ApiProperty({ enum: ['round.opened'] }) type: string;
  @ApiProperty({ example: 'constituting' }) state: string;
  @ApiInt({ minimum: 1, description: REVISION_DESCRIPTION }) revision: number;
  @ApiProperty() hash: string;
  @ApiInstant() occurredAt: string;
}

export class NegotiationSummary {
  @ApiUuid() id: string;
  @ApiProperty() title: string;
  @ApiInt() year: number;
  @ApiProperty() state: string;
  @ApiProperty({ enum: OUTCOMES }) outcome: string;
  @ApiInt({ minimum: 1 }) revision: number;
  @ApiProperty() industryCode: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() policyProfileId: string;
  @ApiProperty() machineId: string;
  @ApiInt() machineVersion: number;
  @ApiUuid({ nullable: true }) catalogId: string | null;
  @ApiInt({ nullable: true }) catalogVersion: number | null;
  @ApiInstant() createdAt: string;
  @ApiInstant() updatedAt: string;
}
export class NegotiationSummaryList extends listOf(NegotiationSummary) {
  @ApiInt({ minimum: 0, description: 'how many negotiations match, over all pages' })
  total: number;
}

class PartyRef {
  @ApiUuid() partyId: string;
  @ApiProperty() name: string;
}
class BySidePartyRef {
  @ApiProperty() worker: PartyRef;
  @ApiProperty() employer: PartyRef;
}
class Registration {
  @ApiInt() representedCount: number;
  @ApiProperty() standing: string;
}
class BySideRegistration {
  @ApiProperty() worker: Registration;
  @ApiProperty() employer: Registration;
}
class Delegate {
  @ApiProperty({
    description:
      'the person, by id in the people registry (a seat recorded before ADR 0025 holds the member handle it was appointed under)',
  })
  personId: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'the name in the people registry now; null once the person is erased',
  })
  name: string | null;
  @ApiProperty({ description: 'the person was erased from the registry (PIPL)' }) erased: boolean;
  @ApiProperty() isChief: boolean;
  @ApiProperty() isExpert: boolean;
  @ApiDate() appointedOn: string;
}
class BySideDelegates {
  @ApiProperty({ type: [Delegate] }) worker: Delegate[];
  @ApiProperty({ type: [Delegate] }) employer: Delegate[];
}
class Recorder {
  @ApiProperty({
    description:
      'the person, by id in the people registry (a seat recorded before ADR 0025 holds the member handle it was appointed under)',
  })
  personId: string;
  @ApiProperty({ type: 'string', nullable: true }) name: string | null;
  @ApiProperty() erased: boolean;
}
class RecorderReplacement {
  @ApiSide({
    description: 'the side whose chief proposed it; the other chief consents or declines',
  })
  proposedBy: string;
  @ApiProperty({ description: 'the proposed recorder, by id in the people registry' })
  personId: string;
  @ApiProperty({ type: 'string', nullable: true }) name: string | null;
  @ApiProperty() erased: boolean;
  @ApiProperty() reason: string;
  @ApiInstant() proposedAt: string;
}
class FormerRecorder {
  @ApiProperty() personId: string;
  @ApiProperty({ type: 'string', nullable: true }) name: string | null;
  @ApiProperty() erased: boolean;
  @ApiProperty({ description: 'why the recorder was replaced' }) reason: string;
  @ApiInstant() replacedAt: string;
}
class Vacancy {
  @ApiSide() side: string;
  @ApiProperty() personId: string;
  @ApiDate() vacatedOn: string;
  @ApiProperty() reason: string;
}
class SentOffer {
  @ApiSide() fromSide: string;
  @ApiProperty() content: string;
  @ApiInstant() proposedTime: string;
  @ApiProperty() proposedPlace: string;
  @ApiDate() sentOn: string;
  @ApiDate() receivedOn: string;
}
class OfferReply {
  @ApiDate() answeredOn: string;
  @ApiProperty() text: string;
}
class OfferDecline {
  @ApiDate() declinedOn: string;
  @ApiProperty() justCause: string;
}
class AgendaItem {
  @ApiProperty() itemId: string;
  @ApiProperty() title: string;
  @ApiSide() proposedBy: string;
}
class InformationRequest {
  @ApiProperty() requestId: string;
  @ApiSide() fromSide: string;
  @ApiProperty() subject: string;
  @ApiDate() requestedOn: string;
  @ApiDate({ nullable: true }) suppliedOn: string | null;
}
class CaucusRecord {
  @ApiSide() side: string;
  @ApiDate() heldOn: string;
  @ApiUuid() noteId: string;
  @ApiPropertyOptional({ description: 'the hiding commitment to the note (ADR 0014)' })
  noteCommitment?: string;
  @ApiPropertyOptional({ enum: ['hmac-sha256-salt256'] }) commitmentScheme?: string;
  @ApiPropertyOptional({ description: 'caucuses recorded before ADR 0014: a plain SHA-256' })
  noteSha256?: string;
}

// ADR 0035: the increase band a side stated, and the reasons of an offer's lines outside it.
export class IncreaseBandView {
  @ApiProperty({ title: '涨幅下限 (lowest increase, %)', example: '15' }) lowPercent: string;
  @ApiProperty({ title: '涨幅上限 (highest increase, %)', example: '20' }) highPercent: string;
  @ApiSide() side: string;
  @ApiDate() statedOn: string;
  @ApiProperty({ title: '依据 (basis)' }) basis: string;
}
export class BandReasonView {
  @ApiProperty({ type: 'string', nullable: true, required: false }) productType?: string | null;
  @ApiProperty() processCode: string;
  @ApiProperty() reason: string;
}
export class OfferSummary {
  @ApiProperty({
    description: 'the offer’s id: a UUID, or s<session>-<n> for one tabled before ADR 0013',
  })
  id: string;
  @ApiSide() side: string;
  @ApiInt({ minimum: 1 }) sessionNumber: number;
  @ApiInstant() tabledAt: string;
  @ApiProperty({ enum: ['full', 'subset'] }) scope: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'the offer it amends' })
  basedOn: string | null;
  @ApiInt({ minimum: 0 }) lineCount: number;
  @ApiProperty({ type: 'string', nullable: true }) sha256: string | null;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
  @ApiPropertyOptional({
    type: IncreaseBandView,
    description:
      'ADR 0035: the band in force for this side when the offer was tabled (absent: none)',
  })
  increaseBand?: IncreaseBandView;
  @ApiPropertyOptional({
    type: [BandReasonView],
    description: 'ADR 0035: the reasons of the lines outside the band',
  })
  bandReasons?: BandReasonView[];
}
export class OfferSummaryList extends listOf(OfferSummary) {}

class BySideOffer {
  @ApiProperty({ type: OfferSummary, nullable: true }) worker: OfferSummary | null;
  @ApiProperty({ type: OfferSummary, nullable: true }) employer: OfferSummary | null;
}
class MinutesVersion {
  @ApiInt({ minimum: 1 }) version: number;
  @ApiProperty() text: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'why it was amended; null for the first recording',
  })
  reason: string | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'the recorder, by person id (null on minutes recorded before versions)',
  })
  recordedBy: string | null;
  @ApiInstant() recordedAt: string;
  @ApiSide({
    isArray: true,
    description: 'the chiefs who signed this version; an amendment is signed anew (ADR 0030)',
  })
  signedBy: string[];
}
class JointSession {
  @ApiInt({ minimum: 1 }) number: number;
  @ApiSide() chairSide: string;
  @ApiInstant() openedAt: string;
  @ApiDate({
    required: false,
    description: 'the business date it met (wool-knitwear v2; absent on v1 sessions without one)',
  })
  openedOn?: string;
  @ApiDate({ required: false, description: 'the business date it closed (absent while open)' })
  closedOn?: string;
  @ApiProperty({ type: [String], description: 'person ids of those present' })
  attendance: string[];
  @ApiProperty({ type: 'string', nullable: true, description: 'the latest version’s text' })
  minutes: string | null;
  @ApiProperty({ type: [MinutesVersion], description: 'every version, oldest first' })
  minutesVersions: MinutesVersion[];
  @ApiProperty({ type: [OfferSummary] }) offers: OfferSummary[];
  @ApiInstant({ nullable: true }) closedAt: string | null;
  @ApiSide({ isArray: true, description: 'the chiefs who signed the latest version' })
  minutesSignedBy: string[];
}
class Suspension {
  @ApiSide() proposedBy: string;
  @ApiProperty() reason: string;
  @ApiDate() resumeOn: string;
  @ApiInstant() proposedAt: string;
  @ApiInstant({ nullable: true }) consentedAt: string | null;
}
class Coordination {
  @ApiSide() appliedBy: string;
  @ApiProperty() application: string;
  @ApiDate() appliedOn: string;
  @ApiDate({ nullable: true }) acceptedOn: string | null;
  @ApiInt({ minimum: 0 }) extensionDays: number;
}
class CoordinationAgreement {
  @ApiDate() concludedOn: string;
  @ApiProperty({ type: [String] }) resolved: string[];
  @ApiProperty({ type: [String] }) unresolved: string[];
}
class Draft {
  @ApiProperty() text: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'its table: GET …/agreement-table' })
  draftId?: string;
  @ApiPropertyOptional() sha256?: string;
  @ApiPropertyOptional({ type: 'integer' }) lineCount?: number;
  @ApiInstant() agreedAt: string;
  @ApiSide({ isArray: true }) signedBy: string[];
}
class Ratification {
  @ApiProperty() body: string;
  @ApiInt() totalMembers: number;
  @ApiDate() meetingOn: string;
}
class Ballot {
  @ApiProperty() body: string;
  @ApiInt() totalMembers: number;
  @ApiInt() present: number;
  @ApiInt() yes: number;
  @ApiInt() no: number;
  @ApiInt() abstain: number;
  @ApiDate() closedOn: string;
  @ApiProperty() hasQuorum: boolean;
  @ApiProperty({ enum: ['passed', 'rejected', 'noQuorum'] }) outcome: string;
}
class Signatures {
  @ApiDate({ required: false }) worker?: string;
  @ApiDate({ required: false }) employer?: string;
}
class Agreement {
  @ApiProperty() text: string;
  @ApiInstant() preparedAt: string;
  @ApiProperty({ type: Signatures }) signatures: Signatures;
  @ApiDate({ nullable: true }) signedOn: string | null;
}
class Closure {
  @ApiProperty() reason: string;
  @ApiDate() on: string;
}
class Deadline {
  @ApiProperty() key: string;
  @ApiProperty() kind: string;
  @ApiDate({ nullable: true }) startsOn: string | null;
  @ApiDate() dueOn: string;
  @ApiInstant({ nullable: true }) dueAt: string | null;
  @ApiProperty() rule: string;
  @ApiProperty({ type: 'string', nullable: true }) legalSource: string | null;
  @ApiProperty() status: string;
  @ApiDate({ nullable: true }) metOn: string | null;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description:
      'set: the counting ran into this year, whose official holiday arrangement is not entered yet, so the due date counted weekends only and may move when an administrator publishes the year (ADR 0029)',
  })
  calendarMissingYear?: number | null;
  @ApiProperty({
    description:
      'whether this open deadline is yours to act on: you may now send an event that meets it (as that side’s chief where a side must act), or you are the chief of the side that must act when no event meets it yet; false once met',
  })
  yourMove: boolean;
}
class Fraction {
  @ApiInt({ minimum: 1 }) numerator: number;
  @ApiInt({ minimum: 1 }) denominator: number;
}
class Representatives {
  @ApiInt() minPerSide: number;
  @ApiPropertyOptional({ type: 'integer', description: 'absent: no maximum (ADR 0029)' })
  maxPerSide?: number;
  @ApiProperty() maxExpertShare: Fraction;
}
class RatificationRule {
  @ApiProperty() quorum: Fraction;
  @ApiProperty({ enum: ['moreThanHalfOfAll', 'atLeastHalfOfAll'] }) passRule: string;
}
class PolicyDeadlines {
  @ApiInt() offerReplyDays: number;
  @ApiInt() informationLeadDays: number;
  @ApiInt() vacancyRefillDays: number;
  @ApiInt() coordinationDays: number;
  @ApiInt() coordinationExtensionMaxDays: number;
  @ApiInt() filingDays: number;
  @ApiPropertyOptional({
    type: 'integer',
    description: 'absent in profiles pinned before ADR 0029: read as 7',
  })
  correctionDays?: number;
  @ApiInt() reviewDays: number;
  @ApiPropertyOptional({
    type: 'integer',
    description: 'absent in profiles pinned before ADR 0029: read as 10',
  })
  publicationDays?: number;
  @ApiInt({ nullable: true }) resubmissionDays: number | null;
}
class RenewalWindow {
  @ApiInt({ minimum: 1 }) amount: number;
  @ApiProperty({ enum: ['months', 'days'] }) unit: string;
}
class MinimumWage {
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: '2490.00',
    description: 'the statutory monthly minimum wage in yuan, exact; null: not set in this profile',
  })
  monthlyYuan: string | null;
}
class RateSurveyRule {
  @ApiInt({ minimum: 1 }) minQuotesPerSide: number;
}
class HearingRule {
  @ApiInt({ minimum: 1 }) minAttendancePerSide: number;
}
export class PolicyProfileBody {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ enum: ['calendarDays', 'workingDays'] }) dayCounting: string;
  @ApiProperty() representatives: Representatives;
  @ApiProperty() ratification: RatificationRule;
  @ApiProperty() deadlines: PolicyDeadlines;
  @ApiPropertyOptional() rateSurvey?: RateSurveyRule;
  @ApiPropertyOptional({
    description: 'the profile family (ADR 0029); absent in older pinned copies',
  })
  family?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'its version within the family' })
  version?: number;
  @ApiPropertyOptional({
    type: RenewalWindow,
    description: 'absent in profiles pinned before ADR 0029: read as 3 months',
  })
  renewalWindow?: RenewalWindow;
  @ApiPropertyOptional({
    type: MinimumWage,
    description: 'absent in profiles pinned before ADR 0029',
  })
  minimumWage?: MinimumWage;
  @ApiPropertyOptional({
    type: HearingRule,
    description:
      'ADR 0036: a public hearing’s minimum attendance per side; absent: the procedure’s default',
  })
  hearing?: HearingRule;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'for each value (by its path, e.g. deadlines.filingDays) the rule it comes from, or "assumed: <why>"',
  })
  sources?: Record<string, string>;
}
class MachineRef {
  @ApiProperty({ example: 'wool-knitwear' }) id: string;
  @ApiInt({ minimum: 1 }) version: number;
}
class StateDescription {
  @ApiProperty() en: string;
  @ApiProperty() zh: string;
}

// ADR 0037: the shapes of the terms the industries' versions keep, published beside the route.
export const TERMS_SCHEMAS = [
  ...new Set(INDUSTRY_DEFINITIONS.flatMap((d) => d.versions).flatMap((v) => v.terms?.schema ?? [])),
];

// ADR 0037: what an industry's own events built in a round, as its procedure version describes it.
export class NegotiationTerms {
  @ApiUuid() negotiationId: string;
  @ApiProperty() industryCode: string;
  @ApiProperty() machine: MachineRef;
  @ApiInt({ description: 'the revision these terms were read at' }) revision: number;
  @ApiProperty({
    oneOf: TERMS_SCHEMAS.map((cls) => ({ $ref: getSchemaPath(cls) })),
    description:
      'the terms as the industry keeps them; `kind` names their shape (shipbuilding.package: the wage survey by trade, each side’s trade minimums and skill grids, each clause with its status, and the agreement table once a draft is agreed)',
  })
  terms: object;
}

export class NegotiationView {
  @ApiUuid() id: string;
  @ApiProperty() title: string;
  @ApiProperty() industryCode: string;
  @ApiProperty() regionCode: string;
  @ApiInt() year: number;
  @ApiProperty() machine: MachineRef;
  @ApiProperty() policyProfileId: string;
  @ApiInt({ nullable: true }) catalogVersion: number | null;
  @ApiProperty({ example: 'negotiating.inSession' }) state: string;
  @ApiProperty({ enum: OUTCOMES }) outcome: string;
  @ApiProperty() description: StateDescription;
  @ApiInt({ minimum: 1, description: 'send it back as expectedRevision with your next change' })
  revision: number;
  @ApiProperty() headHash: string;
  @ApiEventTypes('events the round accepts in its state') acceptedEvents: string[];
  @ApiEventTypes('of those, the ones you may send') youMaySend: string[];
  @ApiSide({ isArray: true }) yourSides: string[];
  @ApiProperty() parties: BySidePartyRef;
  @ApiProperty({ type: BySideRegistration, nullable: true }) registration: BySideRegistration;
  @ApiProperty() delegations: BySideDelegates;
  @ApiProperty({ type: Recorder, nullable: true }) recorder: Recorder | null;
  @ApiProperty({
    type: RecorderReplacement,
    nullable: true,
    description: 'a replacement of the recorder awaiting the other chief (ADR 0030)',
  })
  recorderReplacement: RecorderReplacement | null;
  @ApiProperty({ type: [FormerRecorder], description: 'recorders replaced, oldest first' })
  formerRecorders: FormerRecorder[];
  @ApiDate({ nullable: true }) delegationsConfirmedOn: string | null;
  @ApiProperty({ type: [Vacancy] }) vacancies: Vacancy[];
  @ApiProperty({ type: SentOffer, nullable: true }) offer: SentOffer | null;
  @ApiProperty({ type: OfferReply, nullable: true }) reply: OfferReply | null;
  @ApiProperty({ type: OfferDecline, nullable: true }) decline: OfferDecline | null;
  @ApiProperty({ type: [AgendaItem] }) agenda: AgendaItem[];
  @ApiProperty({ type: [InformationRequest] }) informationRequests: InformationRequest[];
  @ApiProperty({ type: [CaucusRecord], description: 'your own side’s only' })
  caucuses: CaucusRecord[];
  @ApiProperty({ type: [JointSession] }) sessions: JointSession[];
  @ApiProperty() latestOffers: BySideOffer;
  @ApiProperty({ type: Suspension, nullable: true }) suspension: Suspension | null;
  @ApiProperty({ type: Coordination, nullable: true }) coordination: Coordination | null;
  @ApiProperty({ type: [CoordinationAgreement] })
  coordinationAgreements: CoordinationAgreement[];
  @ApiProperty({ type: Draft, nullable: true }) draft: Draft | null;
  @ApiProperty({ type: Ratification, nullable: true }) ratification: Ratification | null;
  @ApiProperty({ type: [Ballot] }) ballots: Ballot[];
  @ApiProperty({ type: Agreement, nullable: true }) agreement: Agreement | null;
  @ApiProperty({ type: Closure, nullable: true }) closure: Closure | null;
  @ApiProperty({
    type: IncreaseBandView,
    nullable: true,
    description: 'ADR 0035: the increase band a side stated for its offers (null: none)',
  })
  increaseBand: IncreaseBandView | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'what the procedure’s own events keep (e.g. shoes: the public hearing), as its definition publishes it; shapes per industry in docs/industries/<code>.md; {} for procedures without any',
  })
  industryRecord: Record<string, unknown>;
  @ApiProperty({ type: [Deadline] }) deadlines: Deadline[];
  @ApiProperty() policy: PolicyProfileBody;
  @ApiInstant() createdAt: string;
  @ApiInstant() updatedAt: string;
}

// ---- events: sent and recorded ----

class SendEventFields {
  @ApiInt({ minimum: 1, maximum: 2_147_483_647, description: REVISION_DESCRIPTION, example: 12 })
  expectedRevision: number;
}
/** The body of POST /negotiations/{id}/events: one schema per kernel event and per industry's own. */
export const SEND_EVENT = eventUnion(
  Object.assign({}, PAYLOAD_CLASSES, ...INDUSTRY_DEFINITIONS.map((d) => d.ownEventPayloads)),
  SendEventFields,
  'Event',
);

export class PersonName {
  @ApiProperty({ type: 'string', nullable: true }) name: string | null;
  @ApiProperty() erased: boolean;
}
class Actor {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'the sender as a person (events recorded since ADR 0025)',
  })
  personId?: string | null;
  @ApiPropertyOptional({
    description: 'the sender’s member handle, on events recorded before ADR 0025 only',
  })
  memberRef?: string;
  @ApiProperty({
    enum: ['chief', 'member', 'recorder', 'labourOfficer', 'administrator'],
    description:
      'administrator: a change the system recorded for an administrator’s edit (deadlines.recomputed)',
  })
  capacity: string;
  @ApiSide({ nullable: true }) side: string | null;
}
export class HistoryEventFields {
  @ApiUuid() negotiationId: string;
  @ApiInt({ minimum: 1 }) seq: number;
  @ApiProperty() actor: Actor;
  @ApiProperty({ type: 'string', nullable: true }) stateBefore: string | null;
  @ApiProperty() stateAfter: string;
  @ApiProperty({ example: 'wool-knitwear@1' }) machine: string;
  @ApiInstant() occurredAt: string;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'fields withheld from you (set to null), e.g. payload.noteSha256',
  })
  withheld?: string[];
}
/** A recorded event, as the hash chain commits to it: one schema per type. */
export const HISTORY_EVENT = eventUnion(
  RECORDED_PAYLOAD_CLASSES,
  HistoryEventFields,
  'HistoryEvent',
);

@ApiExtraModels(PersonName)
export class History {
  @ApiProperty({
    type: 'array',
    items: HISTORY_EVENT.schema,
    description: 'the events after afterSeq, oldest first',
  })
  items: unknown[];
  @ApiProperty() page: Page;
  @ApiUuid() negotiationId: string;
  @ApiInt({ minimum: 1 }) revision: number;
  @ApiProperty() headHash: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(PersonName) },
    description:
      'the people this page names (senders, appointees, attendance), by person id: their names in the registry now (ADR 0025)',
  })
  people: Record<string, PersonName>;
}

class AlteredOffer {
  @ApiInt() seq: number;
  @ApiProperty() offerId: string;
}
class AlteredDraft {
  @ApiInt() seq: number;
  @ApiUuid() draftId: string;
}
class ChainBreak {
  @ApiInt() seq: number;
  @ApiProperty({ enum: ['gap', 'prevHashMismatch', 'hashMismatch'] }) problem: string;
}
export class ChainVerification {
  @ApiUuid() negotiationId: string;
  @ApiInt({ minimum: 1 }) revision: number;
  @ApiProperty() valid: boolean;
  @ApiProperty() headHash: string;
  @ApiProperty() recomputedHeadHash: string;
  @ApiProperty({ type: ChainBreak, nullable: true }) firstBreak: ChainBreak | null;
  @ApiInt({ minimum: 0 }) offersChecked: number;
  @ApiProperty({ type: [AlteredOffer] }) alteredOffers: AlteredOffer[];
  @ApiInt({ minimum: 0 }) draftsChecked: number;
  @ApiProperty({ type: [AlteredDraft] }) alteredDrafts: AlteredDraft[];
}

class NoteCommitment {
  @ApiProperty({ enum: ['hmac-sha256-salt256', 'sha256'] }) scheme: string;
  @ApiProperty({ type: 'string', nullable: true }) value: string | null;
  @ApiProperty({ type: 'string', nullable: true }) salt: string | null;
}
export class CaucusNote {
  @ApiUuid() id: string;
  @ApiSide() side: string;
  @ApiDate() heldOn: string;
  @ApiProperty() body: string;
  @ApiProperty() commitment: NoteCommitment;
  @ApiInstant() createdAt: string;
}
export class CaucusNoteList extends listOf(CaucusNote) {
  @ApiSide({ description: 'your side: the only one whose notes you see' }) side: string;
}

export { RateItemDto };
