import {
  createActor,
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type StateValue,
} from 'xstate';
import { DomainError } from '../../common/domain-error.js';
import { LIMIT_SETTINGS } from '../../common/limits.js';
import type { ActorStamp, Capacity, RoundEventType } from './round.events.js';
import { senderDecision, type NegotiationActor } from './round.permissions.js';
import { roundLimitReached, type RoundLimits } from './round.limits.js';
import type { MachineVersionDefinition, ProcedureEvent, RoundSnapshot } from './procedure.js';
import type { Side } from './round.types.js';

// The pure heart of the door (ADR 0002, 0028), in two steps around the preparation of the request:
// `admitEvent` (who may send it: 403; does this state take it: 409; is the list it grows full: 422)
// runs before any body is read; `decideEvent` (do the rules allow it: 422; the next snapshot) runs once,
// on the prepared payload. No I/O, no clock: `at` and the limits come from the caller.

export interface Admission {
  type: string;
  capacity: Capacity;
  side: Side | null;
  stateBefore: string;
}

export interface Decision {
  event: ProcedureEvent;
  next: RoundSnapshot;
  stateBefore: string;
  stateAfter: string;
}

export function stateName(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0];
  return child === undefined ? key : `${key}.${stateName(child as StateValue)}`;
}

export function acceptedEventTypes(snapshot: RoundSnapshot): string[] {
  const types = new Set<string>(snapshot._nodes.flatMap((n) => n.ownEvents));
  return [...types].filter((t) => !t.startsWith('xstate.')).sort();
}

export function eventsActorMaySend(
  def: MachineVersionDefinition,
  snapshot: RoundSnapshot,
  actor: NegotiationActor,
): string[] {
  return acceptedEventTypes(snapshot).filter((t) => {
    const rule = def.events[t]?.sender;
    return rule !== undefined && senderDecision(rule, actor, snapshot.context).allowed;
  });
}

export function admitEvent(
  def: MachineVersionDefinition,
  snapshot: RoundSnapshot,
  type: string,
  actor: NegotiationActor,
  limits: RoundLimits,
): Admission {
  const stateBefore = stateName(snapshot.value);
  const defined = def.events[type];
  // An event of another industry's procedure, or of none: named as such, before anything else.
  if (!defined)
    throw new DomainError(
      'EVENT_NOT_IN_PROCEDURE',
      `${type} is not an event of this round's procedure (${def.id}@${def.version}); GET /api/industries/{code}/procedure lists its events`,
      {
        eventType: type,
        machine: `${def.id}@${def.version}`,
        procedureEvents: Object.keys(def.events).sort(),
      },
    );
  const sender = senderDecision(defined.sender, actor, snapshot.context);
  if (!sender.allowed)
    throw new DomainError('EVENT_FORBIDDEN', `${type}: ${sender.reason}`, { eventType: type });

  const accepted = acceptedEventTypes(snapshot);
  if (!accepted.includes(type))
    throw new DomainError(
      'EVENT_NOT_ACCEPTED_IN_STATE',
      `${type} is not accepted while the negotiation is ${stateBefore}; send one of: ${accepted.join(', ') || '(none)'}`,
      { state: stateBefore, eventType: type, acceptedEvents: accepted },
    );

  const full = roundLimitReached(snapshot.context, type as RoundEventType, sender.side, limits);
  if (full) {
    const { setting } = LIMIT_SETTINGS[full.limit];
    throw new DomainError(
      'LIMIT_REACHED',
      `${type}: this round already has the most ${full.limit} allowed (${full.max}, setting ${setting}); ask the operator to raise ${setting} if the round truly needs more`,
      { eventType: type, limit: full.limit, setting, max: full.max },
    );
  }
  return { type, capacity: sender.capacity, side: sender.side, stateBefore };
}

// Admission and decision in one call, for pure callers (machine tests, fixtures) whose payload needs
// no preparation.
export function decideRequest(
  def: MachineVersionDefinition,
  snapshot: RoundSnapshot,
  request: { type: string; payload: unknown },
  actor: NegotiationActor & { accountId: string; personId: string | null },
  at: string,
  limits: RoundLimits,
): Decision {
  const admission = admitEvent(def, snapshot, request.type, actor, limits);
  return decideEvent(def, snapshot, admission, request.payload, actor, at);
}

export function decideEvent(
  def: MachineVersionDefinition,
  snapshot: RoundSnapshot,
  admission: Admission,
  payload: unknown,
  who: { accountId: string; personId: string | null },
  at: string,
): Decision {
  const actor: ActorStamp = {
    accountId: who.accountId,
    personId: who.personId,
    capacity: admission.capacity,
    side: admission.side,
  };
  const event: ProcedureEvent = { type: admission.type, payload, at, actor };
  const violations = def.violations(snapshot.context, event);
  if (violations.length > 0)
    throw new DomainError(
      'RULE_VIOLATED',
      `${event.type} breaks ${violations.length} rule(s): ${violations.map((v) => v.message).join('; ')}`,
      { eventType: event.type, violations },
    );

  const next = def.machine.transition(
    snapshot as AnyMachineSnapshot,
    event,
    inertScope(def.machine),
  ) as AnyMachineSnapshot;
  // A valid, accepted event always moves the context; if not, a guard and its rule disagree.
  if (next === snapshot)
    throw new DomainError(
      'RULE_VIOLATED',
      `${event.type} was not taken in state ${admission.stateBefore}`,
      { eventType: event.type },
    );
  return {
    event,
    next: next as RoundSnapshot,
    stateBefore: admission.stateBefore,
    stateAfter: stateName(next.value),
  };
}

// What xstate's pure `transition(machine, snapshot, event)` does, less the part that costs: it builds
// a new inert actor for every call, and an actor computes the machine's initial snapshot when it is
// made (a third of a decision's time; issue 10). The scope only lends the step its `self` and a
// system to report to, and executes nothing: deferred work and actions are dropped, as the door
// drops the actions `transition` returns. The machines have no timers, no invoked or spawned actors
// (ADR 0003), so nothing the step does is kept in the shared actor between calls.
const inertScopes = new WeakMap<AnyStateMachine, AnyActorScope>();

function inertScope(machine: AnyStateMachine): AnyActorScope {
  let scope = inertScopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = {
      self,
      defer: () => {},
      id: '',
      logger: () => {},
      sessionId: '',
      stopChild: () => {},
      system: self.system,
      emit: () => {},
      actionExecutor: () => {},
    } as AnyActorScope;
    inertScopes.set(machine, scope);
  }
  return scope;
}
