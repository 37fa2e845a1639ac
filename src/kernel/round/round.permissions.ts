import type { Capacity, RoundEventType } from './round.events.js';
import type { RoundContext, Side } from './round.types.js';
import { otherSide } from './round.types.js';

// Who may send which event, in one table a reviewer can read against domain.md §4.
// `side` says which side the sender acts for:
//   own         the sender's own side (a chief or member acts only for the side they belong to)
//   worker      only the worker side (the union chair runs the round)
//   employer    only the employer side
//   notOffering only the side that received the offer (the answer comes from the other side)
//   notProposer only the side that did not propose the suspension (consent needs both chiefs)
//   notRecorderProposer only the side that did not propose replacing the recorder (ADR 0030)
//   none        a neutral sender (recorder, labour administration)
export type SideRule =
  'own' | 'worker' | 'employer' | 'notOffering' | 'notProposer' | 'notRecorderProposer' | 'none';

export interface SendRule {
  capacities: readonly Capacity[];
  side: SideRule;
}

const chief = (side: SideRule = 'own'): SendRule => ({ capacities: ['chief'], side });

export const WHO_MAY_SEND: Record<RoundEventType, SendRule> = {
  'parties.registered': chief('worker'),
  'delegate.appointed': chief(),
  'delegate.withdrawn': chief(),
  'recorder.appointed': chief(),
  'recorder.replacementProposed': chief(),
  'recorder.replacementConsented': chief('notRecorderProposer'),
  'recorder.replacementDeclined': chief('notRecorderProposer'),
  'delegations.confirmed': chief('worker'),
  'offer.sent': chief(),
  'offer.answered': chief('notOffering'),
  'offer.declined': chief('notOffering'),
  'agenda.itemAdded': chief(),
  'information.requested': chief(),
  'information.supplied': chief(),
  'caucus.held': { capacities: ['chief', 'member'], side: 'own' },
  'session.opened': chief(),
  'offer.tabled': chief(),
  'minutes.recorded': { capacities: ['recorder'], side: 'none' },
  'minutes.amended': { capacities: ['recorder'], side: 'none' },
  'session.closed': chief(),
  'minutes.signed': chief(),
  'suspension.proposed': chief(),
  'suspension.consented': chief('notProposer'),
  'suspension.declined': chief('notProposer'),
  'negotiation.resumed': chief(),
  'coordination.requested': chief(),
  'coordination.accepted': { capacities: ['labourOfficer'], side: 'none' },
  'coordination.extended': { capacities: ['labourOfficer'], side: 'none' },
  'coordination.concluded': { capacities: ['labourOfficer'], side: 'none' },
  'draft.agreed': chief(),
  'draft.signed': chief(),
  'ratification.submitted': chief('worker'),
  'ballot.closed': chief('worker'),
  // The employer side prepares the final text of a wage agreement (domain.md §2, "signed").
  'agreement.prepared': chief('employer'),
  'agreement.signed': chief(),
  'round.abandoned': chief('worker'),
};

// What the caller is in this negotiation, derived by the shell from their grants.
export interface NegotiationActor {
  chiefOf: Side[];
  memberOf: Side[];
  isRecorder: boolean;
  isLabourOfficer: boolean;
}

export type SendDecision =
  { allowed: true; capacity: Capacity; side: Side | null } | { allowed: false; reason: string };

function requiredSide(rule: SideRule, ctx: RoundContext): Side | 'own' | null {
  switch (rule) {
    case 'own':
      return 'own';
    case 'worker':
    case 'employer':
      return rule;
    case 'notOffering':
      return ctx.offer ? (ctx.offer.fromSide === 'worker' ? 'employer' : 'worker') : 'own';
    case 'notProposer':
      return ctx.suspension
        ? ctx.suspension.proposedBy === 'worker'
          ? 'employer'
          : 'worker'
        : 'own';
    case 'notRecorderProposer':
      return ctx.recorderReplacement ? otherSide(ctx.recorderReplacement.proposedBy) : 'own';
    case 'none':
      return null;
  }
}

// The kernel's table applied to one of its events.
export function decideSender(
  eventType: RoundEventType,
  actor: NegotiationActor,
  ctx: RoundContext,
): SendDecision {
  return senderDecision(WHO_MAY_SEND[eventType], actor, ctx);
}

export function senderDecision(
  rule: SendRule,
  actor: NegotiationActor,
  ctx: RoundContext,
): SendDecision {
  for (const capacity of rule.capacities) {
    if (capacity === 'recorder' && actor.isRecorder) return { allowed: true, capacity, side: null };
    if (capacity === 'labourOfficer' && actor.isLabourOfficer)
      return { allowed: true, capacity, side: null };
    if (capacity !== 'chief' && capacity !== 'member') continue;
    const sides =
      capacity === 'chief' ? actor.chiefOf : [...new Set([...actor.chiefOf, ...actor.memberOf])];
    const wanted = requiredSide(rule.side, ctx);
    const usable = wanted === 'own' ? sides : sides.filter((s) => s === wanted);
    // Nobody may be on both sides (CCR); an account that is would be ambiguous, so refuse it.
    if (usable.length === 1) return { allowed: true, capacity, side: usable[0] };
  }
  return { allowed: false, reason: describeRule(rule, ctx) };
}

function describeRule(rule: SendRule, ctx: RoundContext): string {
  const who = rule.capacities
    .map((c) =>
      c === 'chief'
        ? 'a chief representative'
        : c === 'member'
          ? 'a delegation member'
          : c === 'recorder'
            ? 'the recorder'
            : 'the labour administration',
    )
    .join(' or ');
  const side = requiredSide(rule.side, ctx);
  if (side === 'own' || side === null) return `only ${who} may send this event`;
  return `only ${who} of the ${side} side may send this event`;
}
