import { ratificationResult } from './ratification.js';
import type { RoundEvent, RoundEventOf, RoundEventType } from './round.events.js';
import type { JointSession, MinutesVersion, RoundContext, Side } from './round.types.js';
import { otherSide } from './round.types.js';

// How each accepted event changes the round's record. Pure: the machine calls it as its one
// `record` action, after its guards have accepted the event.

type Reducer<T extends RoundEventType> = (ctx: RoundContext, e: RoundEventOf<T>) => RoundContext;
const sideOf = (e: RoundEvent): Side => e.actor.side as Side;

const withSession = (
  ctx: RoundContext,
  change: (s: RoundContext['sessions'][number]) => RoundContext['sessions'][number],
) => ({
  ...ctx,
  sessions: ctx.sessions.map((s, i) => (i === ctx.sessions.length - 1 ? change(s) : s)),
});

// The versions of a session's minutes; a session recorded before versions existed has its one text.
export const versionsOf = (s: JointSession): MinutesVersion[] =>
  s.minutesVersions ??
  (s.minutes === null
    ? []
    : [
        {
          version: 1,
          text: s.minutes,
          reason: null,
          recordedBy: null,
          recordedAt: s.openedAt,
          signedBy: s.minutesSignedBy,
        },
      ]);

const REDUCERS: { [T in RoundEventType]: Reducer<T> } = {
  'parties.registered': (ctx, e) => ({ ...ctx, registration: e.payload }),
  'delegate.appointed': (ctx, e) => {
    const side = sideOf(e);
    const p = e.payload;
    // A refill takes the oldest vacancy of the side (CCR: refilled within 15 days of the vacancy).
    const vacancyIndex = ctx.vacancies.findIndex((x) => x.side === side);
    return {
      ...ctx,
      delegations: {
        ...ctx.delegations,
        [side]: [
          ...ctx.delegations[side],
          {
            personId: p.personId,
            isChief: p.isChief,
            isExpert: p.isExpert,
            appointedOn: p.appointedOn,
          },
        ],
      },
      vacancies:
        ctx.delegationsConfirmedOn && vacancyIndex >= 0
          ? ctx.vacancies.filter((_, i) => i !== vacancyIndex)
          : ctx.vacancies,
    };
  },
  'delegate.withdrawn': (ctx, e) => {
    const side = sideOf(e);
    return {
      ...ctx,
      delegations: {
        ...ctx.delegations,
        [side]: ctx.delegations[side].filter((m) => m.personId !== e.payload.personId),
      },
      // Before confirmation a withdrawal is just a change of list; afterwards it opens a vacancy.
      vacancies: ctx.delegationsConfirmedOn
        ? [
            ...ctx.vacancies,
            {
              side,
              personId: e.payload.personId,
              vacatedOn: e.payload.vacatedOn,
              reason: e.payload.reason,
            },
          ]
        : ctx.vacancies,
    };
  },
  'recorder.appointed': (ctx, e) => ({ ...ctx, recorder: { personId: e.payload.personId } }),
  'recorder.replacementProposed': (ctx, e) => ({
    ...ctx,
    recorderReplacement: { proposedBy: sideOf(e), ...e.payload, proposedAt: e.at },
  }),
  // Only the other chief's consent replaces the recorder; the one replaced stays on the record.
  'recorder.replacementConsented': (ctx, e) => {
    const proposal = ctx.recorderReplacement!;
    return {
      ...ctx,
      recorder: { personId: proposal.personId },
      recorderReplacement: null,
      formerRecorders: [
        ...(ctx.formerRecorders ?? []),
        ...(ctx.recorder
          ? [{ personId: ctx.recorder.personId, reason: proposal.reason, replacedAt: e.at }]
          : []),
      ],
    };
  },
  'recorder.replacementDeclined': (ctx) => ({ ...ctx, recorderReplacement: null }),
  'delegations.confirmed': (ctx, e) => ({ ...ctx, delegationsConfirmedOn: e.payload.confirmedOn }),
  'offer.sent': (ctx, e) => ({ ...ctx, offer: { fromSide: sideOf(e), ...e.payload } }),
  'offer.answered': (ctx, e) => ({ ...ctx, reply: e.payload }),
  'offer.declined': (ctx, e) => ({
    ...ctx,
    decline: e.payload,
    closure: { reason: e.payload.justCause, on: e.payload.declinedOn },
  }),
  'agenda.itemAdded': (ctx, e) => ({
    ...ctx,
    agenda: [...ctx.agenda, { ...e.payload, proposedBy: sideOf(e) }],
  }),
  'information.requested': (ctx, e) => ({
    ...ctx,
    informationRequests: [
      ...ctx.informationRequests,
      { ...e.payload, fromSide: sideOf(e), suppliedOn: null },
    ],
  }),
  'information.supplied': (ctx, e) => ({
    ...ctx,
    informationRequests: ctx.informationRequests.map((r) =>
      r.requestId === e.payload.requestId ? { ...r, suppliedOn: e.payload.suppliedOn } : r,
    ),
  }),
  'caucus.held': (ctx, e) => ({
    ...ctx,
    caucuses: [...ctx.caucuses, { side: sideOf(e), ...e.payload }],
  }),
  'session.opened': (ctx, e) => {
    const number = ctx.sessions.length + 1;
    // CCR: the chair alternates between the two chief representatives; the offering side chairs first.
    const first = ctx.offer?.fromSide ?? 'worker';
    const chairSide = number % 2 === 1 ? first : otherSide(first);
    return {
      ...ctx,
      sessions: [
        ...ctx.sessions,
        {
          number,
          chairSide,
          openedAt: e.at,
          ...(e.payload.openedOn ? { openedOn: e.payload.openedOn } : {}),
          attendance: e.payload.attendance,
          minutes: null,
          offers: [],
          closedAt: null,
          minutesSignedBy: [],
        },
      ],
    };
  },
  'offer.tabled': (ctx, e) => {
    const side = sideOf(e);
    const offer = {
      ...e.payload,
      side,
      sessionNumber: ctx.sessions.length,
      tabledAt: e.at,
    };
    return {
      ...withSession(ctx, (s) => ({ ...s, offers: [...s.offers, offer] })),
      latestOffers: { ...ctx.latestOffers, [side]: offer },
    };
  },
  // v1 lets a second recording replace the text; the versions keep every text either way, and v2
  // refuses a second recording (amend instead).
  'minutes.recorded': (ctx, e) =>
    withSession(ctx, (s) => ({
      ...s,
      minutes: e.payload.minutes,
      minutesVersions: [
        ...versionsOf(s),
        {
          version: versionsOf(s).length + 1,
          text: e.payload.minutes,
          reason: null,
          recordedBy: e.actor.personId,
          recordedAt: e.at,
          signedBy: [],
        },
      ],
    })),
  // A new version; the signatures given to the earlier one stay with it, and both chiefs sign the
  // new one again (ADR 0030) before a draft can be agreed (draft.minutesUnsigned).
  'minutes.amended': (ctx, e) => ({
    ...ctx,
    sessions: ctx.sessions.map((s) => {
      if (s.number !== e.payload.sessionNumber) return s;
      const versions = versionsOf(s);
      return {
        ...s,
        minutes: e.payload.minutes,
        minutesVersions: [
          ...versions,
          {
            version: versions.length + 1,
            text: e.payload.minutes,
            reason: e.payload.reason,
            recordedBy: e.actor.personId,
            recordedAt: e.at,
            signedBy: [],
          },
        ],
        minutesSignedBy: [],
      };
    }),
  }),
  'session.closed': (ctx, e) =>
    withSession(ctx, (s) => ({
      ...s,
      closedAt: e.at,
      ...(e.payload.closedOn ? { closedOn: e.payload.closedOn } : {}),
    })),
  'minutes.signed': (ctx, e) => ({
    ...ctx,
    sessions: ctx.sessions.map((s) => {
      if (s.number !== e.payload.sessionNumber) return s;
      const signedBy = [...s.minutesSignedBy, sideOf(e)];
      const versions = s.minutesVersions;
      return {
        ...s,
        minutesSignedBy: signedBy,
        ...(versions?.length
          ? {
              minutesVersions: versions.map((v, i) =>
                i === versions.length - 1 ? { ...v, signedBy } : v,
              ),
            }
          : {}),
      };
    }),
  }),
  'suspension.proposed': (ctx, e) => ({
    ...ctx,
    suspension: { proposedBy: sideOf(e), ...e.payload, proposedAt: e.at, consentedAt: null },
  }),
  'suspension.consented': (ctx, e) => ({
    ...ctx,
    suspension: ctx.suspension && { ...ctx.suspension, consentedAt: e.at },
  }),
  'suspension.declined': (ctx) => ({ ...ctx, suspension: null }),
  'negotiation.resumed': (ctx) => ({ ...ctx, suspension: null }),
  'coordination.requested': (ctx, e) => ({
    ...ctx,
    coordination: { appliedBy: sideOf(e), ...e.payload, acceptedOn: null, extensionDays: 0 },
  }),
  'coordination.accepted': (ctx, e) => ({
    ...ctx,
    coordination: ctx.coordination && { ...ctx.coordination, acceptedOn: e.payload.acceptedOn },
  }),
  'coordination.extended': (ctx, e) => ({
    ...ctx,
    coordination: ctx.coordination && {
      ...ctx.coordination,
      extensionDays: ctx.coordination.extensionDays + e.payload.days,
    },
  }),
  'coordination.concluded': (ctx, e) => ({
    ...ctx,
    coordination: null,
    coordinationAgreements: [...ctx.coordinationAgreements, e.payload],
  }),
  'draft.agreed': (ctx, e) => ({ ...ctx, draft: { ...e.payload, agreedAt: e.at, signedBy: [] } }),
  'draft.signed': (ctx, e) => ({
    ...ctx,
    draft: ctx.draft && { ...ctx.draft, signedBy: [...ctx.draft.signedBy, sideOf(e)] },
  }),
  'ratification.submitted': (ctx, e) => ({ ...ctx, ratification: e.payload }),
  'ballot.closed': (ctx, e) => {
    const body = ctx.ratification!;
    const result = ratificationResult(ctx.policy.ratification, {
      totalMembers: body.totalMembers,
      ...e.payload,
    });
    const ballot = {
      body: body.body,
      totalMembers: body.totalMembers,
      ...e.payload,
      hasQuorum: result.hasQuorum,
      outcome: result.outcome,
    };
    const ballots = [...ctx.ballots, ballot];
    if (result.outcome === 'rejected') return { ...ctx, ballots, ratification: null, draft: null };
    if (result.outcome === 'noQuorum') return { ...ctx, ballots, ratification: null };
    return { ...ctx, ballots };
  },
  'agreement.prepared': (ctx, e) => ({
    ...ctx,
    agreement: { text: e.payload.text, preparedAt: e.at, signatures: {}, signedOn: null },
  }),
  'agreement.signed': (ctx, e) => {
    const a = ctx.agreement!;
    const signatures = { ...a.signatures, [sideOf(e)]: e.payload.signedOn };
    const both = signatures.worker && signatures.employer;
    // The agreement is signed on the day the second chief signs.
    const signedOn = both ? [signatures.worker!, signatures.employer!].sort()[1] : null;
    return { ...ctx, agreement: { ...a, signatures, signedOn } };
  },
  'round.abandoned': (ctx, e) => ({ ...ctx, closure: e.payload }),
};

export function recordEvent(ctx: RoundContext, event: RoundEvent): RoundContext {
  return (REDUCERS[event.type] as Reducer<RoundEventType>)(
    ctx,
    event as RoundEventOf<RoundEventType>,
  );
}
