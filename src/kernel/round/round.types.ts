import type { PolicyProfile } from '../policy/policy-profile.js';
import type { BandReason, IncreaseBand } from './increase-band.js';

export type Side = 'worker' | 'employer';
export const SIDES: readonly Side[] = ['worker', 'employer'];
export const otherSide = (side: Side): Side => (side === 'worker' ? 'employer' : 'worker');

export type IsoDate = string; // 'YYYY-MM-DD', a business date in the round's time zone
export type Instant = string; // ISO-8601 UTC instant, always from the server clock

export interface PartyRef {
  partyId: string;
  name: string;
}

// A delegate is named by the id of a person in the registry, never by name, so "nobody on both sides"
// is checkable and a name can be corrected or erased without touching the round (ADR 0025). Rounds
// recorded before ADR 0025 (frozen v1 fixtures) hold the old member handle in `personId` and the name
// inline; reads show the registry's name and fall back to that one.
export interface Delegate {
  personId: string;
  name?: string;
  isChief: boolean;
  isExpert: boolean; // 外部专业人员: an outside expert, at most a third of a side, never chief
  appointedOn: IsoDate;
}

export interface Vacancy {
  side: Side;
  personId: string;
  vacatedOn: IsoDate;
  reason: string;
}

export interface RateItem {
  productType?: string | null; // 品种; absent or null: the rate applies to every product type
  processCode: string;
  rate: string; // exact decimal yuan, 4 places at most; never a binary float
}

// An offer's table lives in its own immutable rows (rate_table, ADR 0013); the round keeps the
// reference and the digest the history commits to.
export interface TabledOffer {
  offerId: string;
  side: Side;
  sessionNumber: number;
  tabledAt: Instant;
  sha256: string;
  lineCount: number;
  scope: 'full' | 'subset';
  basedOn: string | null;
  note: string | null;
  // ADR 0035: the increase band in force when the offer was tabled, and the reasons of its lines
  // outside it. Absent on offers of rounds without a band.
  increaseBand?: IncreaseBand;
  bandReasons?: BandReason[];
  // Only offers tabled before ADR 0013 (frozen v1 fixtures) carry their table inline.
  items?: RateItem[];
}

// One version of a session's minutes. The first is the recording; each amendment adds the next and
// keeps the earlier ones (ADR 0030). Signatures belong to the version they were given to.
export interface MinutesVersion {
  version: number;
  text: string;
  reason: string | null; // null for the first recording; an amendment says why
  recordedBy: string | null; // the recorder, as a person id
  recordedAt: Instant;
  signedBy: Side[];
}

export interface JointSession {
  number: number;
  chairSide: Side;
  openedAt: Instant;
  // Business dates (ADR 0030): absent on sessions recorded without them (v1 rounds); closedOn is
  // absent until the session closes.
  openedOn?: IsoDate;
  closedOn?: IsoDate;
  attendance: string[];
  // The latest version's text, so every rule and reader that predates versions keeps working.
  minutes: string | null;
  // Absent on sessions recorded before versions existed (frozen v1 fixtures): `minutes` is then the only one.
  minutesVersions?: MinutesVersion[];
  offers: TabledOffer[];
  closedAt: Instant | null;
  // The chiefs who signed the latest version of the minutes.
  minutesSignedBy: Side[];
}

export interface Ballot {
  body: string;
  totalMembers: number;
  present: number;
  yes: number;
  no: number;
  abstain: number;
  closedOn: IsoDate;
  hasQuorum: boolean;
  outcome: 'passed' | 'rejected' | 'noQuorum';
}

export interface RoundContext {
  negotiationId: string;
  industryCode: string;
  regionCode: string;
  year: number;
  title: string;
  policy: PolicyProfile;
  parties: Record<Side, PartyRef>;
  registration: Record<Side, { representedCount: number; standing: string }> | null;
  delegations: Record<Side, Delegate[]>;
  recorder: { personId: string; name?: string } | null;
  // Knitwear v2 (ADR 0030): a proposed replacement awaiting the other chief, and the recorders replaced.
  // Optional so rounds stored before them restore.
  recorderReplacement?: {
    proposedBy: Side;
    personId: string;
    reason: string;
    proposedAt: Instant;
  } | null;
  formerRecorders?: { personId: string; reason: string; replacedAt: Instant }[];
  delegationsConfirmedOn: IsoDate | null;
  vacancies: Vacancy[];
  offer: {
    fromSide: Side;
    content: string;
    proposedTime: Instant;
    proposedPlace: string;
    sentOn: IsoDate;
    receivedOn: IsoDate;
  } | null;
  reply: { answeredOn: IsoDate; text: string } | null;
  decline: { declinedOn: IsoDate; justCause: string } | null;
  agenda: { itemId: string; title: string; proposedBy: Side }[];
  informationRequests: {
    requestId: string;
    fromSide: Side;
    subject: string;
    requestedOn: IsoDate;
    suppliedOn: IsoDate | null;
  }[];
  // Caucus notes live in their own table, sealed and readable by one side only; the round keeps a
  // hiding commitment to each (ADR 0014).
  caucuses: ({ side: Side; heldOn: IsoDate; noteId: string } & CaucusCommitment)[];
  sessions: JointSession[];
  latestOffers: Record<Side, TabledOffer | null>;
  suspension: {
    proposedBy: Side;
    reason: string;
    resumeOn: IsoDate;
    proposedAt: Instant;
    consentedAt: Instant | null;
  } | null;
  coordination: {
    appliedBy: Side;
    application: string;
    appliedOn: IsoDate;
    acceptedOn: IsoDate | null;
    extensionDays: number;
  } | null;
  coordinationAgreements: { concludedOn: IsoDate; resolved: string[]; unresolved: string[] }[];
  // The agreed draft's table lives in its own rows (rate_table kind 'draft', ADR 0018); the round keeps
  // the reference and the digest the history commits to.
  draft: {
    text: string;
    draftId?: string;
    sha256?: string;
    lineCount?: number;
    // Only drafts agreed before ADR 0018 (frozen v1 fixtures) carry their lines and table inline.
    items?: RateItem[];
    table?: unknown;
    agreedAt: Instant;
    signedBy: Side[];
  } | null;
  ratification: { body: string; totalMembers: number; meetingOn: IsoDate } | null;
  ballots: Ballot[];
  agreement: {
    text: string;
    preparedAt: Instant;
    signatures: Partial<Record<Side, IsoDate>>;
    signedOn: IsoDate | null;
  } | null;
  closure: { reason: string; on: IsoDate } | null;
  // ADR 0035: a side's stated increase band over last year's rates; its offers are checked against it
  // at the door. Set by an industry's own event; absent in rounds of industries without one.
  increaseBand?: IncreaseBand | null;
}

export interface Violation {
  rule: string;
  message: string;
  field?: string;
}

// What a caucus.held event commits to. Rounds recorded before ADR 0014 carry an unsalted SHA-256
// (`noteSha256`), which reads can no longer show to anyone outside the note's side.
export type CaucusCommitment =
  { noteCommitment: string; commitmentScheme: 'hmac-sha256-salt256' } | { noteSha256: string };
