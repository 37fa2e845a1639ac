import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDate, ApiInt, ApiUuid } from '../../common/api-contract.js';
import type { RoundEventType } from '../../kernel/round/round.events.js';
import { PAYLOAD_CLASSES, RateItemDto } from './event-payloads.dto.js';

// Payloads as the history records them (and the hash chain commits to): as sent, except where the
// write path stores a table in its own rows or a note apart, and the round's first event.

export class OfferTabledRecordedPayload {
  @ApiProperty({ description: 'the offer’s id: GET …/offers/{offerId}' }) offerId: string;
  @ApiProperty({ description: 'the digest of its table (ADR 0013)' }) sha256: string;
  @ApiInt({ minimum: 0 }) lineCount: number;
  @ApiProperty({ enum: ['full', 'subset'] }) scope: string;
  @ApiProperty({ type: 'string', nullable: true }) basedOn: string | null;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
  @ApiPropertyOptional({ type: [RateItemDto], description: 'offers tabled before ADR 0013 only' })
  items?: RateItemDto[];
}
export class DraftAgreedRecordedPayload {
  @ApiProperty() text: string;
  @ApiUuid({ description: 'its table: GET …/agreement-table' }) draftId: string;
  @ApiProperty() sha256: string;
  @ApiInt({ minimum: 0 }) lineCount: number;
}
export class CaucusHeldPayload {
  @ApiDate() heldOn: string;
  @ApiUuid() noteId: string;
  @ApiPropertyOptional({ description: 'the hiding commitment to the note (ADR 0014)' })
  noteCommitment?: string;
  @ApiPropertyOptional({ enum: ['hmac-sha256-salt256'] }) commitmentScheme?: string;
  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    description: 'before ADR 0014; null outside the note’s side',
  })
  noteSha256?: string | null;
}
class RecordedParty {
  @ApiUuid() partyId: string;
  @ApiProperty() name: string;
}
class RecordedParties {
  @ApiProperty() worker: RecordedParty;
  @ApiProperty() employer: RecordedParty;
}
class PolicyRef {
  @ApiProperty() id: string;
}
export class RoundOpenedPayload {
  @ApiUuid() negotiationId: string;
  @ApiProperty() industryCode: string;
  @ApiProperty() regionCode: string;
  @ApiInt() year: number;
  @ApiProperty() title: string;
  @ApiProperty() policy: PolicyRef;
  @ApiProperty() parties: RecordedParties;
  @ApiInt({ nullable: true }) catalogVersion: number | null;
}

class CalendarChangeRecord {
  @ApiProperty({ enum: ['calendarDay.marked', 'calendarDay.cleared', 'calendarYear.published'] })
  action: string;
  @ApiDate({ description: 'the day edited, or the first day of the year published' }) from: string;
  @ApiDate() to: string;
}
class MovedDeadline {
  @ApiProperty({ example: 'offer.reply' }) key: string;
  @ApiDate() fromDueOn: string;
  @ApiDate() toDueOn: string;
  @ApiInt({ nullable: true }) fromCalendarMissingYear: number | null;
  @ApiInt({ nullable: true }) toCalendarMissingYear: number | null;
}
// Recorded by the system, not sent: an administrator's calendar edit moved open deadlines (ADR 0029).
export class DeadlinesRecomputedPayload {
  @ApiProperty() calendarChange: CalendarChangeRecord;
  @ApiProperty({ type: [MovedDeadline] }) deadlines: MovedDeadline[];
}

export const RECORDED_PAYLOAD_CLASSES: Record<
  RoundEventType | 'round.opened' | 'deadlines.recomputed',
  new () => object
> = {
  'round.opened': RoundOpenedPayload,
  'deadlines.recomputed': DeadlinesRecomputedPayload,
  ...PAYLOAD_CLASSES,
  'offer.tabled': OfferTabledRecordedPayload,
  'draft.agreed': DraftAgreedRecordedPayload,
  'caucus.held': CaucusHeldPayload,
};
