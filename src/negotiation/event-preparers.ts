import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '../common/domain-error.js';
import { refuseOverLimit } from '../common/limits.js';
import { validateInto } from '../common/validation.js';
import type { AppConfig } from '../config/app-config.js';
import {
  agreementTable,
  draftCoverageViolations,
  keptLines,
  pinnedTableKeys,
  resolveDraft,
  type PreviousRound,
} from '../kernel/round/agreement-table.js';
import { lineKey } from '../kernel/rates/rate-table.js';
import type { MachineVersionDefinition, PreviousSignedRound } from '../kernel/round/procedure.js';
import { commitToNote, NOTE_COMMITMENT_SCHEME } from '../kernel/round/caucus-commitment.js';
import type { Admission } from '../kernel/round/decide-event.js';
import { bandViolations, reasonsOutsideBand } from '../kernel/round/increase-band.js';
import { catalogViolations, resolveOffer } from '../kernel/round/offer-table.js';
import type {
  DraftRequest,
  OfferTableRequest,
  RoundEventType,
} from '../kernel/round/round.events.js';
import { rateItemViolations } from '../kernel/round/round.rules.js';
import type { RateItem, RoundContext, Side, Violation } from '../kernel/round/round.types.js';
import { CaucusHeldRequest, PAYLOAD_CLASSES } from './dto/event-payloads.dto.js';
import type { LockedNegotiation, RateTableRow } from './negotiation.store.js';

// The door's second step (ADR 0028): after admission, the event's preparer reads the request body,
// looks up the data it needs and returns the payload to decide on plus the rows to write with it. A
// preparer never writes: the door commits its rows in the event's own transaction, through the
// repository that owns each table.

// What a preparer may read, bound by the door to the transaction that holds the round's lock.
export interface PreparationReads {
  pinnedCatalog(catalogId: string): Promise<{ processes: string[]; productTypes: string[] }>;
  offerTables(ids: string[]): Promise<Map<string, RateItem[]>>;
  // The pair's last signed agreement of any earlier year, carried through the catalog mappings.
  previousAgreement(year: number): Promise<{ items: RateItem[]; from: PreviousRound } | null>;
  personStanding(personId: string): Promise<{ erased: boolean } | null>;
  grantsOfPerson(
    personId: string,
    partyIds: string[],
  ): Promise<{ partyId: string; role: string }[]>;
  // ADR 0038: the pair's last signed round of any earlier year, with its terms (for own events).
  previousRound(year: number): Promise<PreviousSignedRound | null>;
}

export interface CaucusNoteRow {
  id: string;
  side: Side;
  heldOn: string;
  body: string;
  salt: Buffer;
  commitment: string;
}

// The rows an event brings, written in its transaction only if the round's row advanced.
export interface RowsToWrite {
  rateTable?: Omit<RateTableRow, 'createdBy'>;
  caucusNote?: CaucusNoteRow;
}

export interface Prepared {
  payload: unknown;
  rows: RowsToWrite;
}

export interface PreparationInput {
  admission: Admission;
  definition: MachineVersionDefinition;
  negotiation: LockedNegotiation;
  context: RoundContext;
  reads: PreparationReads;
  limits: AppConfig['limits'];
}

export type Preparer = (body: unknown, input: PreparationInput) => Promise<Prepared>;

// Most events are their payload, checked against its class at the edge of the door.
const asSent =
  (cls: new () => object): Preparer =>
  async (body) => ({ payload: plain(validateInto(cls, body, 'payload')), rows: {} });

// An instance of a payload class back to the plain JSON the history hashes.
const plain = (instance: object): unknown => JSON.parse(JSON.stringify(instance));

// As plain, but a request's rate tables are taken as they are: the edge validated them as sent
// (IsRateTable), so copying 2,106 lines through JSON again would change nothing and cost milliseconds.
function plainWithTables<T>(instance: object, tables: readonly string[]): T {
  const own = instance as Record<string, unknown>;
  const rest = Object.fromEntries(Object.entries(own).filter(([k]) => !tables.includes(k)));
  const out = plain(rest) as Record<string, unknown>;
  for (const field of tables) if (own[field] !== undefined) out[field] = own[field];
  return out as T;
}

const sent = (type: keyof typeof PAYLOAD_CLASSES): Preparer => asSent(PAYLOAD_CLASSES[type]);

function refuseIf(eventType: string, violations: Violation[]): void {
  if (violations.length > 0)
    throw new DomainError(
      'RULE_VIOLATED',
      `${eventType} breaks ${violations.length} rule(s): ${violations.map((v) => v.message).join('; ')}`,
      { eventType, violations },
    );
}

// Every table a request carries is bounded by one setting (ADR 0018), checked before a line is read.
function refuseLongTables(body: unknown, fields: string[], limits: AppConfig['limits']): void {
  const p = (body ?? {}) as Record<string, unknown>;
  for (const field of fields) {
    const list = p[field];
    if (Array.isArray(list)) refuseOverLimit(limits, 'rateTableLines', list.length, field);
  }
}

// A subset amends the offer it names, else this side's latest offer, else last year's agreed table;
// the whole table is resolved, hashed and stored in its own rows (ADR 0013).
const prepareOffer: Preparer = async (
  body,
  { admission, negotiation: n, context, reads, limits },
) => {
  refuseLongTables(body, ['items', 'bandReasons'], limits);
  const request = plainWithTables<OfferTableRequest>(
    validateInto(PAYLOAD_CLASSES['offer.tabled'], body, 'payload'),
    ['items'],
  );
  let base: { offerId: string | null; lines: RateItem[] } | null = null;
  if ((request.scope ?? 'subset') === 'subset') {
    const offers = context.sessions.flatMap((s) => s.offers);
    const named = request.basedOn
      ? offers.find((o) => o.offerId === request.basedOn)
      : context.latestOffers[admission.side!];
    if (request.basedOn && !named)
      refuseIf('offer.tabled', [
        {
          rule: 'offer.basedOnUnknown',
          message: `basedOn ${request.basedOn} is not an offer of this round; list them at GET /negotiations/${n.id}/offers`,
          field: 'basedOn',
        },
      ]);
    if (named)
      base = {
        offerId: named.offerId ?? null,
        lines: named.items ?? (await reads.offerTables([named.offerId])).get(named.offerId)!,
      };
    else {
      const previous = await reads.previousAgreement(context.year);
      if (previous) base = { offerId: null, lines: previous.items };
    }
  }
  const catalog = n.catalogId ? await reads.pinnedCatalog(n.catalogId) : null;
  const resolved = resolveOffer(randomUUID(), request, base, catalog);
  refuseIf('offer.tabled', resolved.violations);
  // ADR 0035: a side that stated an increase band offers inside it, line by line, or says why. Only
  // the lines it sends are its proposal (a subset's carried lines are the base's).
  const band = context.increaseBand;
  let payload = resolved.payload;
  if (band && band.side === admission.side) {
    const previous = await reads.previousAgreement(context.year);
    const last = previous?.items ?? [];
    const reasons = request.bandReasons ?? [];
    refuseIf('offer.tabled', bandViolations(request.items, last, band, reasons));
    payload = {
      ...payload,
      increaseBand: band,
      bandReasons: reasonsOutsideBand(request.items, last, band, reasons),
    };
  }
  return {
    payload,
    rows: {
      rateTable: {
        ...resolved.payload,
        id: resolved.payload.offerId,
        kind: 'offer',
        side: admission.side!,
        sessionNumber: context.sessions.length,
        header: null,
        lines: resolved.lines,
      },
    },
  };
};

// The agreement's table needs last year's rates: computed here, stored in its own rows, committed to
// by digest (ADR 0018).
const prepareDraft: Preparer = async (
  body,
  { admission, definition, negotiation: n, context, reads, limits },
) => {
  refuseLongTables(
    body,
    [
      'items',
      'baseline',
      'industryMinimum',
      'confirmedCuts',
      'typicalMonthlyOutput',
      'keepPreviousRate',
    ],
    limits,
  );
  const request = plainWithTables<DraftRequest>(
    validateInto(PAYLOAD_CLASSES['draft.agreed'], body, 'payload'),
    ['items', 'baseline'],
  );
  refuseIf('draft.agreed', [
    ...rateItemViolations(request.items, 'items'),
    ...(request.baseline?.length ? rateItemViolations(request.baseline, 'baseline') : []),
  ]);
  const catalog = n.catalogId ? await reads.pinnedCatalog(n.catalogId) : null;
  const previous = await reads.previousAgreement(context.year);
  const compared = previous?.items ?? request.baseline ?? null;
  const kept = keptLines(request.keepPreviousRate ?? [], compared ?? []).lines;
  refuseIf('draft.agreed', [
    ...(catalog ? catalogViolations([...request.items, ...kept], catalog) : []),
    // The whole pinned table (or, with no catalog, every line compared with), from v2 on.
    ...(definition.wholeTableDrafts
      ? draftCoverageViolations(
          request,
          catalog ? pinnedTableKeys(catalog) : (compared ?? []).map(lineKey),
          compared,
        )
      : []),
  ]);
  const { table, violations } = agreementTable(
    request,
    previous?.items ?? null,
    previous?.from ?? null,
  );
  refuseIf('draft.agreed', violations);
  const draft = resolveDraft(randomUUID(), request.text, table);
  return {
    payload: draft.payload,
    rows: {
      rateTable: {
        id: draft.payload.draftId,
        kind: 'draft',
        side: admission.side!,
        sessionNumber: context.sessions.length,
        scope: 'full',
        basedOn: null,
        sha256: draft.payload.sha256,
        note: null,
        header: draft.header,
        lines: draft.lines,
      },
    },
  };
};

// 背靠背: the note is sealed apart for its side; the history keeps only a hiding commitment (ADR 0014).
const prepareCaucus: Preparer = async (body, { admission }) => {
  const request = validateInto(CaucusHeldRequest, body, 'payload');
  const noteId = randomUUID();
  const salt = randomBytes(32);
  const commitment = commitToNote(request.notes, salt);
  return {
    payload: {
      heldOn: request.heldOn,
      noteId,
      noteCommitment: commitment,
      commitmentScheme: NOTE_COMMITMENT_SCHEME,
    },
    rows: {
      caucusNote: {
        id: noteId,
        side: admission.side!,
        heldOn: request.heldOn,
        body: request.notes,
        salt,
        commitment,
      },
    },
  };
};

// A seat goes to a person of the registry (ADR 0025), and nobody sits on both sides of a pair: a
// delegate may hold no grant on the other party, the neutral recorder none on either. A proposed
// replacement of the recorder (ADR 0030) names the new recorder and is held to the same.
const prepareSeat =
  (type: 'delegate.appointed' | 'recorder.appointed' | 'recorder.replacementProposed'): Preparer =>
  async (body, input) => {
    const prepared = await sent(type)(body, input);
    const { personId } = prepared.payload as { personId: string };
    const person = await input.reads.personStanding(personId);
    if (!person)
      throw new DomainError(
        'PERSON_UNKNOWN',
        `no person ${personId} in the people registry; an administrator adds them at POST /api/people, then appoint them by that id`,
        { personId, field: 'personId' },
      );
    if (person.erased)
      throw new DomainError(
        'PERSON_ERASED',
        `person ${personId} was erased from the people registry and cannot be appointed; appoint someone else`,
        { personId, field: 'personId' },
      );
    const n = input.negotiation;
    const isRecorder = type !== 'delegate.appointed';
    const parties = isRecorder
      ? [n.workerPartyId, n.employerPartyId]
      : [input.admission.side === 'worker' ? n.employerPartyId : n.workerPartyId];
    const grants = await input.reads.grantsOfPerson(personId, parties);
    refuseIf(
      type,
      grants.map((g) => {
        const party = g.partyId === n.workerPartyId ? 'worker' : 'employer';
        return {
          rule: isRecorder ? 'recorder.holdsPartyGrant' : 'delegate.grantOnOtherSide',
          message: isRecorder
            ? `person ${personId}'s account holds the ${g.role} role on the ${party} party of this round; the recorder must be neutral: appoint someone without a role on either party`
            : `person ${personId}'s account holds the ${g.role} role on the ${party} party of this round; nobody may sit on both sides: appoint someone else, or have an administrator remove that role first`,
          field: 'personId',
        };
      }),
    );
    return prepared;
  };

// One preparer per kernel event; the compiler refuses a kernel event without one.
export const KERNEL_PREPARERS: { readonly [T in RoundEventType]: Preparer } = {
  'parties.registered': sent('parties.registered'),
  'delegate.appointed': prepareSeat('delegate.appointed'),
  'delegate.withdrawn': sent('delegate.withdrawn'),
  'recorder.appointed': prepareSeat('recorder.appointed'),
  'recorder.replacementProposed': prepareSeat('recorder.replacementProposed'),
  'recorder.replacementConsented': sent('recorder.replacementConsented'),
  'recorder.replacementDeclined': sent('recorder.replacementDeclined'),
  'delegations.confirmed': sent('delegations.confirmed'),
  'offer.sent': sent('offer.sent'),
  'offer.answered': sent('offer.answered'),
  'offer.declined': sent('offer.declined'),
  'agenda.itemAdded': sent('agenda.itemAdded'),
  'information.requested': sent('information.requested'),
  'information.supplied': sent('information.supplied'),
  'caucus.held': prepareCaucus,
  'session.opened': sent('session.opened'),
  'offer.tabled': prepareOffer,
  'minutes.recorded': sent('minutes.recorded'),
  'minutes.amended': sent('minutes.amended'),
  'session.closed': sent('session.closed'),
  'minutes.signed': sent('minutes.signed'),
  'suspension.proposed': sent('suspension.proposed'),
  'suspension.consented': sent('suspension.consented'),
  'suspension.declined': sent('suspension.declined'),
  'negotiation.resumed': sent('negotiation.resumed'),
  'coordination.requested': sent('coordination.requested'),
  'coordination.accepted': sent('coordination.accepted'),
  'coordination.extended': sent('coordination.extended'),
  'coordination.concluded': sent('coordination.concluded'),
  'draft.agreed': prepareDraft,
  'draft.signed': sent('draft.signed'),
  'ratification.submitted': sent('ratification.submitted'),
  'ballot.closed': sent('ballot.closed'),
  'agreement.prepared': sent('agreement.prepared'),
  'agreement.signed': sent('agreement.signed'),
  'round.abandoned': sent('round.abandoned'),
};

// An industry's own event: its payload class at the edge, then (ADR 0038) the version's own preparer
// with the pair's last signed round, read only for the events that have one.
const ownPreparer =
  (type: string, cls: new () => object): Preparer =>
  async (body, input) => {
    const sentAs = await asSent(cls)(body, input);
    const prepare = input.definition.prepareOwn?.[type];
    if (!prepare) return sentAs;
    const { payload, violations } = prepare(
      sentAs.payload,
      await input.reads.previousRound(input.context.year),
    );
    refuseIf(type, violations);
    return { payload, rows: {} };
  };

// The preparer of any event of a procedure: the kernel's, or an industry's own event checked against
// the payload class its definition gives.
export function preparerFor(
  type: string,
  ownEventPayloads: Readonly<Record<string, new () => object>>,
): Preparer {
  const kernel = (KERNEL_PREPARERS as Record<string, Preparer | undefined>)[type];
  if (kernel) return kernel;
  const own = ownEventPayloads[type];
  if (own) return ownPreparer(type, own);
  // definitionProblems keeps this from happening: every accepted event is defined.
  throw new DomainError('INTERNAL', `event ${type} has no payload class`, { eventType: type });
}
