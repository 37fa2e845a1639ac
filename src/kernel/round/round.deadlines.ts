import { endOfLocalDay, localDateOf, type StatutoryCalendar } from '../calendar/statutory-days.js';
import type { NegotiationActor } from './round.permissions.js';
import { otherSide, type RoundContext, type Side } from './round.types.js';

// Statutory deadlines as data (ADR 0003). `deadlineBases` needs no calendar, so the write path can
// tell cheaply whether an event changed any deadline; only then does it load the calendar and
// compute due dates with `dueDates`.

export interface DeadlineBasis {
  key: string;
  kind: string;
  startsOn: string;
  days: number;
  // forward: "within N days after"; backward: "at least N days before"; fixed: a date the parties agreed
  direction: 'forward' | 'backward' | 'fixed';
  rule: string;
  legalSource: string;
  metOn: string | null;
}

export interface DeadlineRow extends DeadlineBasis {
  dueOn: string;
  dueAt: string;
  status: 'open' | 'met';
}

export function deadlineBases(ctx: RoundContext): DeadlineBasis[] {
  const d = ctx.policy.deadlines;
  const out: DeadlineBasis[] = [];
  for (const v of ctx.vacancies)
    out.push({
      key: `delegate.vacancy:${v.side}:${v.personId}`,
      kind: 'delegate.vacancy',
      startsOn: v.vacatedOn,
      days: d.vacancyRefillDays,
      direction: 'forward',
      rule: `refill the ${v.side} seat of ${v.personId} within ${d.vacancyRefillDays} days of the vacancy`,
      legalSource: 'CCR (集体合同规定), representatives: vacancy refilled within 15 days',
      metOn: null,
    });
  if (ctx.offer) {
    const answered = ctx.reply?.answeredOn ?? ctx.decline?.declinedOn ?? null;
    out.push({
      key: 'offer.reply',
      kind: 'offer.reply',
      startsOn: ctx.offer.receivedOn,
      days: d.offerReplyDays,
      direction: 'forward',
      rule: `the ${ctx.offer.fromSide === 'worker' ? 'employer' : 'worker'} side answers the offer in writing within ${d.offerReplyDays} days of receipt`,
      legalSource: 'CCR (集体合同规定), offer (要约): written reply within 20 days of receipt',
      metOn: answered,
    });
    const firstSession = localDateOf(ctx.offer.proposedTime, ctx.policy.timeZone);
    for (const r of ctx.informationRequests)
      out.push({
        key: `information.supply:${r.requestId}`,
        kind: 'information.supply',
        startsOn: firstSession,
        days: d.informationLeadDays,
        direction: 'backward',
        rule: `supply "${r.subject}" at least ${d.informationLeadDays} days before the first joint session`,
        legalSource:
          'CCR (集体合同规定), preparation: information supplied ≥ 5 days before the session',
        metOn: r.suppliedOn,
      });
  }
  if (ctx.suspension?.consentedAt)
    out.push({
      key: 'suspension.resume',
      kind: 'suspension.resume',
      startsOn: ctx.suspension.resumeOn,
      days: 0,
      direction: 'fixed',
      rule: 'resume on the date both chiefs agreed',
      legalSource: 'CCR (集体合同规定), suspension by mutual consent with an agreed resume date',
      metOn: null,
    });
  if (ctx.coordination?.acceptedOn) {
    const days = d.coordinationDays + ctx.coordination.extensionDays;
    out.push({
      key: 'coordination.conclude',
      kind: 'coordination.conclude',
      startsOn: ctx.coordination.acceptedOn,
      days,
      direction: 'forward',
      rule: `the labour administration concludes coordination within ${d.coordinationDays} days${ctx.coordination.extensionDays ? ` + ${ctx.coordination.extensionDays} days extension` : ''}`,
      legalSource: 'CCR (集体合同规定), dispute coordination: 30 days, extension ≤ 15 days',
      metOn: null,
    });
  }
  const lastBallot = ctx.ballots.at(-1);
  if (d.resubmissionDays !== null && lastBallot?.outcome === 'rejected' && !ctx.ratification)
    out.push({
      key: 'ratification.resubmit',
      kind: 'ratification.resubmit',
      startsOn: lastBallot.closedOn,
      days: d.resubmissionDays,
      direction: 'forward',
      rule: `resubmit a draft within ${d.resubmissionDays} days of its rejection`,
      legalSource: 'local rule (e.g. Fujian: 60 days)',
      metOn: null,
    });
  if (ctx.agreement?.signedOn)
    out.push({
      key: 'filing.submit',
      kind: 'filing.submit',
      startsOn: ctx.agreement.signedOn,
      days: d.filingDays,
      direction: 'forward',
      rule: `the employer side files the agreement with the labour administration within ${d.filingDays} days of signing`,
      legalSource: 'WTM (工资集体协商试行办法): 7 days for wage agreements; CCR: 10 days',
      metOn: null,
    });
  return out;
}

export function dueDates(
  bases: readonly DeadlineBasis[],
  calendar: StatutoryCalendar,
  ctx: RoundContext,
): DeadlineRow[] {
  const counting = ctx.policy.dayCounting;
  return bases.map((b) => {
    const dueOn =
      b.direction === 'fixed'
        ? b.startsOn
        : b.direction === 'forward'
          ? calendar.addDays(b.startsOn, b.days, counting)
          : calendar.subtractDays(b.startsOn, b.days, counting);
    return {
      ...b,
      dueOn,
      dueAt: endOfLocalDay(dueOn, ctx.policy.timeZone),
      status: b.metOn ? 'met' : 'open',
    };
  });
}

// Whose move an open deadline is (issue 11: "my work" lists the deadlines a person must act on).
// Either the events that meet it, of which the person must be able to send one now, or the side whose
// chief must act when no event of the round meets it yet (a draft to resubmit after the congress
// rejected one: new draft, signatures and submission; the filing, whose event comes with the life
// after signature). `side`, where set, narrows the events to that side's chief.
export type DeadlineDuty =
  { by: 'events'; events: readonly string[]; side: Side | null } | { by: 'chief'; side: Side };

export function deadlineDuty(
  deadline: { kind: string; key: string },
  ctx: RoundContext,
): DeadlineDuty | null {
  switch (deadline.kind) {
    case 'delegate.vacancy': {
      // The key is delegate.vacancy:<side>:<personId>; each side refills its own seats.
      const side = deadline.key.split(':')[1] as Side;
      return { by: 'events', events: ['delegate.appointed'], side };
    }
    case 'offer.reply':
      return {
        by: 'events',
        events: ['offer.answered', 'offer.declined'],
        side: ctx.offer ? otherSide(ctx.offer.fromSide) : null,
      };
    case 'information.supply': {
      const request = ctx.informationRequests.find(
        (r) => `information.supply:${r.requestId}` === deadline.key,
      );
      // The side that asked cannot supply its own request.
      return {
        by: 'events',
        events: ['information.supplied'],
        side: request ? otherSide(request.fromSide) : null,
      };
    }
    case 'suspension.resume':
      return { by: 'events', events: ['negotiation.resumed'], side: null };
    case 'coordination.conclude':
      return {
        by: 'events',
        events: ['coordination.concluded', 'coordination.extended'],
        side: null,
      };
    case 'ratification.resubmit':
      return { by: 'chief', side: 'worker' };
    case 'filing.submit':
      return { by: 'chief', side: 'employer' };
    default:
      // A kind this kernel does not know (an industry's own): nobody's in particular.
      return null;
  }
}

export function isYourMove(
  deadline: { kind: string; key: string; status: string },
  ctx: RoundContext,
  actor: NegotiationActor,
  youMaySend: readonly string[],
): boolean {
  if (deadline.status !== 'open') return false;
  const duty = deadlineDuty(deadline, ctx);
  if (!duty) return false;
  if (duty.by === 'chief') return actor.chiefOf.includes(duty.side);
  if (!duty.events.some((e) => youMaySend.includes(e))) return false;
  return duty.side === null || actor.chiefOf.includes(duty.side);
}
