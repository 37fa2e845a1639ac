import type { BandReason, IncreaseBand } from './increase-band.js';
import type { CaucusCommitment, IsoDate, Instant, RateItem, Side } from './round.types.js';

// What a client sends to table an offer (or counteroffer): the write path turns it into the
// `offer.tabled` payload below after storing the table (ADR 0013).
export interface OfferTableRequest {
  items: RateItem[];
  note: string | null;
  scope?: 'full' | 'subset';
  basedOn?: string;
  // ADR 0035: why a line lies outside the round's increase band (only read when the round has one).
  bandReasons?: BandReason[];
}

// What a client sends to agree a draft: the write path computes the agreement's table (previous rates,
// changes, flags, summary), stores it in its own rows and commits to it by digest (ADR 0018).
export interface DraftRequest {
  text: string;
  items: RateItem[];
  // Issue 4, optional: the stated baseline when there is no previous round, lines that are industry
  // minimum rates (行业最低工价), cuts agreed on purpose, typical monthly output per process.
  baseline?: RateItem[];
  industryMinimum?: string[];
  confirmedCuts?: string[];
  typicalMonthlyOutput?: { productType?: string; processCode: string; pieces: number }[];
  // Issue 10: the lines of the round's table the draft leaves at last year's rate, named on purpose
  // (a process code for every product type, or productType:processCode), so that items plus these
  // cover the whole pinned table and a forgotten line cannot pass as "unchanged".
  keepPreviousRate?: string[];
}

// Who sent an event, stamped by the write path from the authenticated caller; never from the body.
export interface ActorStamp {
  accountId: string;
  // The person behind the account (null only for an account not yet linked to one).
  personId: string | null;
  capacity: Capacity;
  side: Side | null;
}

export type Capacity = 'chief' | 'member' | 'recorder' | 'labourOfficer';

// Events are facts in the past tense. Each carries its payload as the client sent it (validated at the
// edge) and the server's clock reading in `at`.
export interface RoundPayloads {
  'parties.registered': {
    worker: { representedCount: number; standing: string };
    employer: { representedCount: number; standing: string };
  };
  'delegate.appointed': {
    personId: string;
    isChief: boolean;
    isExpert: boolean;
    appointedOn: IsoDate;
  };
  'delegate.withdrawn': { personId: string; reason: string; vacatedOn: IsoDate };
  'recorder.appointed': { personId: string };
  // Knitwear v2 (ADR 0030): the recorder is replaced only with both chiefs' consent. One chief names the
  // new recorder and says why; the other side's chief consents or declines.
  'recorder.replacementProposed': { personId: string; reason: string };
  'recorder.replacementConsented': Record<string, never>;
  'recorder.replacementDeclined': { reason: string };
  'delegations.confirmed': { confirmedOn: IsoDate };
  'offer.sent': {
    content: string;
    proposedTime: Instant;
    proposedPlace: string;
    sentOn: IsoDate;
    receivedOn: IsoDate;
  };
  'offer.answered': { answeredOn: IsoDate; text: string };
  'offer.declined': { declinedOn: IsoDate; justCause: string };
  'agenda.itemAdded': { itemId: string; title: string };
  'information.requested': { requestId: string; subject: string; requestedOn: IsoDate };
  'information.supplied': { requestId: string; suppliedOn: IsoDate };
  'caucus.held': { heldOn: IsoDate; noteId: string } & CaucusCommitment;
  // Person ids of the representatives present. The business date is optional for v1 clients; v2
  // requires it, so minutes of a round recorded after the fact carry the day the session met (ADR 0030).
  'session.opened': { attendance: string[]; openedOn?: IsoDate };
  // The table itself is stored by the write path in its own rows; the event commits to it by digest.
  'offer.tabled': {
    offerId: string;
    sha256: string;
    lineCount: number;
    scope: 'full' | 'subset';
    basedOn: string | null;
    note: string | null;
    // ADR 0035: present only when the round holds an increase band for the tabling side.
    increaseBand?: IncreaseBand;
    bandReasons?: BandReason[];
  };
  'minutes.recorded': { minutes: string };
  // A new version of a session's minutes; earlier versions are kept, never overwritten (ADR 0030).
  'minutes.amended': { sessionNumber: number; minutes: string; reason: string };
  'session.closed': { closedOn?: IsoDate };
  'minutes.signed': { sessionNumber: number };
  'suspension.proposed': { reason: string; resumeOn: IsoDate };
  'suspension.consented': Record<string, never>;
  'suspension.declined': { reason: string };
  'negotiation.resumed': Record<string, never>;
  'coordination.requested': { application: string; appliedOn: IsoDate };
  'coordination.accepted': { acceptedOn: IsoDate };
  'coordination.extended': { days: number };
  'coordination.concluded': { concludedOn: IsoDate; resolved: string[]; unresolved: string[] };
  // The agreement's table is stored by the write path in its own rows; the event commits to it by digest.
  'draft.agreed': { text: string; draftId: string; sha256: string; lineCount: number };
  'draft.signed': Record<string, never>;
  'ratification.submitted': { body: string; totalMembers: number; meetingOn: IsoDate };
  'ballot.closed': { present: number; yes: number; no: number; abstain: number; closedOn: IsoDate };
  'agreement.prepared': { text: string };
  'agreement.signed': { signedOn: IsoDate };
  'round.abandoned': { reason: string; on: IsoDate };
}

export type RoundEventType = keyof RoundPayloads;

// Payloads as a client sends them: as the events carry them, except whole tables for an offer and a draft.
export type RequestPayloads = Omit<RoundPayloads, 'offer.tabled' | 'draft.agreed'> & {
  'offer.tabled': OfferTableRequest;
  'draft.agreed': DraftRequest;
};

// An event as a client asks for it, before the door stamps the actor and the time.
export interface EventRequest<T extends RoundEventType = RoundEventType> {
  type: T;
  payload: RoundPayloads[T];
}

// What arrives at the door: an event request, except that an offer or a draft arrives with its whole
// table, which the door's preparer stores before the event commits to it (ADR 0013).
export interface ClientRequest<T extends RoundEventType = RoundEventType> {
  type: T;
  payload: RequestPayloads[T];
}

export type RoundEventOf<T extends RoundEventType> = {
  type: T;
  at: Instant;
  actor: ActorStamp;
  payload: RoundPayloads[T];
};

export type RoundEvent = { [T in RoundEventType]: RoundEventOf<T> }[RoundEventType];

export const ROUND_EVENT_TYPES = [
  'parties.registered',
  'delegate.appointed',
  'delegate.withdrawn',
  'recorder.appointed',
  'recorder.replacementProposed',
  'recorder.replacementConsented',
  'recorder.replacementDeclined',
  'delegations.confirmed',
  'offer.sent',
  'offer.answered',
  'offer.declined',
  'agenda.itemAdded',
  'information.requested',
  'information.supplied',
  'caucus.held',
  'session.opened',
  'offer.tabled',
  'minutes.recorded',
  'minutes.amended',
  'session.closed',
  'minutes.signed',
  'suspension.proposed',
  'suspension.consented',
  'suspension.declined',
  'negotiation.resumed',
  'coordination.requested',
  'coordination.accepted',
  'coordination.extended',
  'coordination.concluded',
  'draft.agreed',
  'draft.signed',
  'ratification.submitted',
  'ballot.closed',
  'agreement.prepared',
  'agreement.signed',
  'round.abandoned',
] as const satisfies readonly RoundEventType[];

export function isRoundEventType(value: string): value is RoundEventType {
  return (ROUND_EVENT_TYPES as readonly string[]).includes(value);
}

// Compile-time proof that the list above names every event type.
type Unlisted = Exclude<RoundEventType, (typeof ROUND_EVENT_TYPES)[number]>;
export const EVERY_EVENT_LISTED: [Unlisted] extends [never] ? true : never = true;
