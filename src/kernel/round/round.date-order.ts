import type { RoundEvent, RoundEventOf, RoundEventType } from './round.events.js';
import type { IsoDate, RoundContext, Side, Violation } from './round.types.js';

// Business dates in order (ADR 0030): a rule set composed beside `violationsOf` by the machine versions
// that adopt it (wool-knitwear v2); v1 rounds are decided as they always were. The dates are the ones
// the parties enter, compared with one another, never with the server's clock, so a round can still be
// recorded after the fact. Equal dates are in order: a step may follow another on the same day.
// Each violation names the event's date and the date it may not precede.

type DateRule<T extends RoundEventType> = (ctx: RoundContext, e: RoundEventOf<T>) => Violation[];

const before = (a: IsoDate | null | undefined, b: IsoDate | null | undefined): boolean =>
  !!a && !!b && a < b;

const out = (rule: string, message: string, field: string): Violation => ({
  rule,
  message,
  field,
});

const required = (event: string, field: string, value: IsoDate | undefined): Violation[] =>
  value
    ? []
    : [
        out(
          'dates.required',
          `${event} needs ${field}, the business date (YYYY-MM-DD) it happened on`,
          field,
        ),
      ];

const lastClosedSession = (ctx: RoundContext) =>
  ctx.sessions.filter((s) => s.closedAt !== null).at(-1);

const DATE_RULES: { [T in RoundEventType]?: DateRule<T> } = {
  // Appointments before confirmation: no delegate may be appointed after the day the delegations
  // were confirmed complete.
  'delegations.confirmed': (ctx, e) => {
    const late = (['worker', 'employer'] as Side[]).flatMap((side) =>
      ctx.delegations[side].filter((m) => before(e.payload.confirmedOn, m.appointedOn)),
    );
    if (late.length === 0) return [];
    const last = late.map((m) => m.appointedOn).sort()[late.length - 1];
    return [
      out(
        'dates.confirmedBeforeAppointment',
        `delegations.confirmed on ${e.payload.confirmedOn} is before the last appointment on ${last} (appointed after it: ${late.map((m) => m.personId).join(', ')})`,
        'confirmedOn',
      ),
    ];
  },
  // A seat is refilled after it fell vacant (CCR: within 15 days of the vacancy).
  'delegate.appointed': (ctx, e) => {
    if (!ctx.delegationsConfirmedOn) return [];
    const vacancy = ctx.vacancies.find((x) => x.side === e.actor.side);
    return before(e.payload.appointedOn, vacancy?.vacatedOn)
      ? [
          out(
            'dates.refillBeforeVacancy',
            `delegate.appointed on ${e.payload.appointedOn} is before the seat of ${vacancy?.personId} fell vacant on ${vacancy?.vacatedOn}`,
            'appointedOn',
          ),
        ]
      : [];
  },
  'delegate.withdrawn': (ctx, e) => {
    const m = ctx.delegations[e.actor.side as Side].find((x) => x.personId === e.payload.personId);
    return before(e.payload.vacatedOn, m?.appointedOn)
      ? [
          out(
            'dates.vacatedBeforeAppointment',
            `delegate.withdrawn on ${e.payload.vacatedOn} is before ${e.payload.personId} was appointed on ${m?.appointedOn}`,
            'vacatedOn',
          ),
        ]
      : [];
  },
  // Confirmation before the offer.
  'offer.sent': (ctx, e) => [
    ...(before(e.payload.sentOn, ctx.delegationsConfirmedOn)
      ? [
          out(
            'dates.offerBeforeConfirmation',
            `offer.sent on ${e.payload.sentOn} is before the delegations were confirmed on ${ctx.delegationsConfirmedOn}`,
            'sentOn',
          ),
        ]
      : []),
    ...(before(e.payload.receivedOn, e.payload.sentOn)
      ? [
          out(
            'dates.receivedBeforeSent',
            `the offer received on ${e.payload.receivedOn} is before it was sent on ${e.payload.sentOn}`,
            'receivedOn',
          ),
        ]
      : []),
  ],
  // The offer before its answer (or its refusal).
  'offer.answered': (ctx, e) =>
    before(e.payload.answeredOn, ctx.offer?.receivedOn)
      ? [
          out(
            'dates.answerBeforeReceipt',
            `offer.answered on ${e.payload.answeredOn} is before the offer was received on ${ctx.offer?.receivedOn}`,
            'answeredOn',
          ),
        ]
      : [],
  'offer.declined': (ctx, e) =>
    before(e.payload.declinedOn, ctx.offer?.receivedOn)
      ? [
          out(
            'dates.declineBeforeReceipt',
            `offer.declined on ${e.payload.declinedOn} is before the offer was received on ${ctx.offer?.receivedOn}`,
            'declinedOn',
          ),
        ]
      : [],
  'information.supplied': (ctx, e) => {
    const req = ctx.informationRequests.find((r) => r.requestId === e.payload.requestId);
    return before(e.payload.suppliedOn, req?.requestedOn)
      ? [
          out(
            'dates.suppliedBeforeRequested',
            `information.supplied on ${e.payload.suppliedOn} is before request ${e.payload.requestId} was made on ${req?.requestedOn}`,
            'suppliedOn',
          ),
        ]
      : [];
  },
  // Joint sessions carry their own dates: after the answer, after the previous session closed.
  'session.opened': (ctx, e) => {
    const openedOn = e.payload.openedOn;
    if (!openedOn) return required('session.opened', 'openedOn', openedOn);
    const previous = lastClosedSession(ctx);
    return [
      ...(before(openedOn, ctx.reply?.answeredOn)
        ? [
            out(
              'dates.sessionBeforeAnswer',
              `session.opened on ${openedOn} is before the offer was answered on ${ctx.reply?.answeredOn}`,
              'openedOn',
            ),
          ]
        : []),
      ...(previous && before(openedOn, previous.closedOn)
        ? [
            out(
              'dates.sessionBeforePreviousClosed',
              `session.opened on ${openedOn} is before joint session ${previous.number} closed on ${previous.closedOn}`,
              'openedOn',
            ),
          ]
        : []),
    ];
  },
  'session.closed': (ctx, e) => {
    const closedOn = e.payload.closedOn;
    if (!closedOn) return required('session.closed', 'closedOn', closedOn);
    const open = ctx.sessions.at(-1);
    return before(closedOn, open?.openedOn)
      ? [
          out(
            'dates.sessionClosedBeforeOpened',
            `session.closed on ${closedOn} is before joint session ${open?.number} opened on ${open?.openedOn}`,
            'closedOn',
          ),
        ]
      : [];
  },
  'coordination.accepted': (ctx, e) =>
    before(e.payload.acceptedOn, ctx.coordination?.appliedOn)
      ? [
          out(
            'dates.acceptedBeforeApplied',
            `coordination.accepted on ${e.payload.acceptedOn} is before the application was made on ${ctx.coordination?.appliedOn}`,
            'acceptedOn',
          ),
        ]
      : [],
  'coordination.concluded': (ctx, e) =>
    before(e.payload.concludedOn, ctx.coordination?.acceptedOn)
      ? [
          out(
            'dates.concludedBeforeAccepted',
            `coordination.concluded on ${e.payload.concludedOn} is before the application was accepted on ${ctx.coordination?.acceptedOn}`,
            'concludedOn',
          ),
        ]
      : [],
  // The congress meets on the draft the joint sessions produced, so not before the last one closed.
  'ratification.submitted': (ctx, e) => {
    const last = lastClosedSession(ctx);
    return last && before(e.payload.meetingOn, last.closedOn)
      ? [
          out(
            'dates.meetingBeforeLastSession',
            `ratification.submitted for a meeting on ${e.payload.meetingOn} is before joint session ${last.number} closed on ${last.closedOn}`,
            'meetingOn',
          ),
        ]
      : [];
  },
  // ballot.closedOn not before meetingOn.
  'ballot.closed': (ctx, e) =>
    before(e.payload.closedOn, ctx.ratification?.meetingOn)
      ? [
          out(
            'dates.ballotBeforeMeeting',
            `ballot.closed on ${e.payload.closedOn} is before the congress meeting on ${ctx.ratification?.meetingOn}`,
            'closedOn',
          ),
        ]
      : [],
  // The final signature not before the vote that passed the draft.
  'agreement.signed': (ctx, e) => {
    const vote = ctx.ballots.filter((b) => b.outcome === 'passed').at(-1);
    return before(e.payload.signedOn, vote?.closedOn)
      ? [
          out(
            'dates.signatureBeforeVote',
            `agreement.signed on ${e.payload.signedOn} is before the congress passed the draft on ${vote?.closedOn}`,
            'signedOn',
          ),
        ]
      : [];
  },
};

export function dateOrderViolations(ctx: RoundContext, event: RoundEvent): Violation[] {
  const rule = DATE_RULES[event.type] as DateRule<RoundEventType> | undefined;
  return rule ? rule(ctx, event as RoundEventOf<RoundEventType>) : [];
}

// The v1 rules the date-order set states again with both dates named; a version that composes both
// drops these so one broken order is reported once.
export const RESTATED_BY_DATE_ORDER: ReadonlySet<string> = new Set([
  'offer.receivedBeforeSent',
  'offer.answerBeforeReceipt',
  'coordination.acceptedBeforeApplied',
]);
