import type { AnyStateMachine } from 'xstate';
import type { Bilingual } from './bilingual.js';
import { KERNEL_EVENT_TEXTS } from './kernel-event-texts.js';
import { isRoundEventType, type RoundEvent, type RoundEventType } from './round.events.js';
import { WHO_MAY_SEND } from './round.permissions.js';
import { violationsOf } from './round.rules.js';
import { eventTypesOf, type EventDefinition, type ProcedureEvent } from './procedure.js';
import type { RoundContext, Violation } from './round.types.js';

// The kernel's events as an industry composes them: the ones its machine accepts, each with the
// kernel's who-may-send rule and its text: the industry's wording where it gives one, else the
// kernel's (KERNEL_EVENT_TEXTS).
export function kernelEventDefinitions(
  machine: AnyStateMachine,
  wording: Readonly<Partial<Record<RoundEventType, Bilingual>>> = {},
): Record<string, EventDefinition> {
  const out: Record<string, EventDefinition> = {};
  for (const type of eventTypesOf(machine))
    if (isRoundEventType(type))
      out[type] = { sender: WHO_MAY_SEND[type], text: wording[type] ?? KERNEL_EVENT_TEXTS[type] };
  return out;
}

// The kernel's rules for its own events; an industry's own events are its rules' business.
export function kernelViolations(ctx: RoundContext, event: ProcedureEvent): Violation[] {
  return isRoundEventType(event.type) ? violationsOf(ctx, event as RoundEvent) : [];
}
