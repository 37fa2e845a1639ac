import { assign, setup } from 'xstate';
import { newRoundContext, type RoundInput } from '../../../src/kernel/round/round.context.js';
import type { RoundEvent } from '../../../src/kernel/round/round.events.js';
import { kernelViolations } from '../../../src/kernel/round/kernel-events.js';
import type { ProcedureEvent } from '../../../src/kernel/round/procedure.js';
import { recordEvent } from '../../../src/kernel/round/round.reducer.js';
import type { RoundContext, Violation } from '../../../src/kernel/round/round.types.js';

// A procedure that exists only to prove the plug-in seam (ADR 0028): an invented "tea tasting" round
// with one kernel event (parties.registered), an event of its own (sample.tasted), and two ends. It is
// registered by a test and driven through the door with no engine file knowing it.

export interface Tasting {
  batch: string;
  score: number;
  side: string;
}
export type TeaContext = RoundContext & { tastings?: Tasting[] };
export interface SampleTasted {
  batch: string;
  score: number;
}

// Its own rule: a batch is tasted once per side.
export function teaViolations(ctx: TeaContext, event: ProcedureEvent): Violation[] {
  if (event.type !== 'sample.tasted') return kernelViolations(ctx, event);
  const { batch } = event.payload as SampleTasted;
  return (ctx.tastings ?? []).some((t) => t.batch === batch && t.side === event.actor.side)
    ? [
        {
          rule: 'tasting.once',
          message: `batch ${batch} was already tasted by the ${event.actor.side} side`,
          field: 'batch',
        },
      ]
    : [];
}

export const teaTastingMachine = setup({
  types: {
    context: {} as TeaContext,
    events: {} as ProcedureEvent,
    input: {} as RoundInput,
    tags: {} as 'open' | 'agreed' | 'failed',
  },
  guards: {
    isValid: ({ context, event }) => teaViolations(context, event).length === 0,
  },
  actions: {
    record: assign(({ context, event }) => recordEvent(context, event as RoundEvent) as TeaContext),
    taste: assign(({ context, event }) => ({
      tastings: [
        ...(context.tastings ?? []),
        { ...(event.payload as SampleTasted), side: event.actor.side ?? '' },
      ],
    })),
  },
}).createMachine({
  id: 'tea-tasting',
  context: ({ input }) => newRoundContext(input),
  initial: 'opened',
  states: {
    opened: {
      tags: ['open'],
      on: { 'parties.registered': { guard: 'isValid', target: 'tasting', actions: 'record' } },
    },
    tasting: {
      tags: ['open'],
      on: {
        'sample.tasted': { guard: 'isValid', actions: 'taste' },
        'tasting.agreed': { target: 'agreed' },
        'round.abandoned': { guard: 'isValid', target: 'abandoned', actions: 'record' },
      },
    },
    agreed: { tags: ['agreed'], type: 'final' },
    abandoned: { tags: ['failed'], type: 'final' },
  },
});
