import { transition } from 'xstate';
import { DomainError } from '../../common/domain-error.js';
import type { RequestPayloads, RoundEventType, RoundPayloads, RoundEvent } from './round.events.js';
import { decideSender, type NegotiationActor } from './round.permissions.js';
import { roundLimitReached, type RoundLimits } from './round.limits.js';
import { violationsOf } from './round.rules.js';
import { LIMIT_SETTINGS } from '../../common/limits.js';
import type { RoundSnapshot, MachineDefinition } from '../../negotiation/machine-registry.js';
import { stateName } from '../../negotiation/machine-registry.js';

export interface EventRequest<T extends RoundEventType = RoundEventType> {
  type: T;
  payload: RoundPayloads[T];
}

// What arrives at the door: an event request, except that an offer arrives with its whole table,
// which the write path stores before the event commits to it (ADR 0013).
export interface ClientRequest<T extends RoundEventType = RoundEventType> {
  type: T;
  payload: RequestPayloads[T];
}

export interface Decision {
  event: RoundEvent;
  next: RoundSnapshot;
  stateBefore: string;
  stateAfter: string;
}

export function acceptedEventTypes(snapshot: RoundSnapshot): RoundEventType[] {
  const types = new Set(snapshot._nodes.flatMap((n) => n.ownEvents));
  return [...types].filter((t) => !t.startsWith('xstate.')).sort() as RoundEventType[];
}

export function eventsActorMaySend(
  snapshot: RoundSnapshot,
  actor: NegotiationActor,
): RoundEventType[] {
  return acceptedEventTypes(snapshot).filter(
    (t) => decideSender(t, actor, snapshot.context).allowed,
  );
}

// The pure heart of the write path: who may send it (403), does this state take it (409), is the list
// it grows full (422), do the rules allow it (422), and the next snapshot. No I/O, no clock: `at` and
// the limits come from the caller.
export function decideEvent(
  def: MachineDefinition,
  snapshot: RoundSnapshot,
  request: EventRequest,
  actor: NegotiationActor & { accountId: string; personId: string | null },
  at: string,
  limits: RoundLimits,
): Decision {
  const ctx = snapshot.context;
  const sender = decideSender(request.type, actor, ctx);
  if (!sender.allowed)
    throw new DomainError('EVENT_FORBIDDEN', `${request.type}: ${sender.reason}`, {
      eventType: request.type,
    });

  const stateBefore = stateName(snapshot.value);
  const accepted = acceptedEventTypes(snapshot);
  if (!accepted.includes(request.type))
    throw new DomainError(
      'EVENT_NOT_ACCEPTED_IN_STATE',
      `${request.type} is not accepted while the negotiation is ${stateBefore}; send one of: ${accepted.join(', ') || '(none)'}`,
      { state: stateBefore, eventType: request.type, acceptedEvents: accepted },
    );

  const full = roundLimitReached(ctx, request.type, sender.side, limits);
  if (full) {
    const { setting } = LIMIT_SETTINGS[full.limit];
    throw new DomainError(
      'LIMIT_REACHED',
      `${request.type}: this round already has the most ${full.limit} allowed (${full.max}, setting ${setting}); ask the operator to raise ${setting} if the round truly needs more`,
      { eventType: request.type, limit: full.limit, setting, max: full.max },
    );
  }

  const event = {
    type: request.type,
    payload: request.payload,
    at,
    actor: {
      accountId: actor.accountId,
      personId: actor.personId,
      capacity: sender.capacity,
      side: sender.side,
    },
  } as RoundEvent;

  const violations = violationsOf(ctx, event);
  if (violations.length > 0)
    throw new DomainError(
      'RULE_VIOLATED',
      `${request.type} breaks ${violations.length} rule(s): ${violations.map((v) => v.message).join('; ')}`,
      {
        eventType: request.type,
        violations,
      },
    );

  const [next] = transition(def.machine, snapshot, event);
  // A valid, accepted event always moves the context; if not, a guard and its rule disagree.
  if (next === snapshot)
    throw new DomainError(
      'RULE_VIOLATED',
      `${request.type} was not taken in state ${stateBefore}`,
      { eventType: request.type },
    );
  return { event, next, stateBefore, stateAfter: stateName(next.value) };
}
