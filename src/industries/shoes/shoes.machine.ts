import { assign, setup } from 'xstate';
import type { ProcedureEvent } from '../../kernel/round/procedure.js';
import { closingGuards, closingStates } from '../../kernel/round/round.closing.js';
import { newRoundContext, type RoundInput } from '../../kernel/round/round.context.js';
import { isRoundEventType, type RoundEvent } from '../../kernel/round/round.events.js';
import { recordEvent } from '../../kernel/round/round.reducer.js';
import { recordHearing, shoesViolations, type ShoesContext } from './shoes.rules.js';
import { describedState } from './shoes.texts.js';

// 制鞋行业工资集体协商: the Hengfeng (Wenling) shoe round as practised in 2012 (domain.md §1, §6). Before
// the offer the union's mediation committee surveys what enterprises pay per process (the enterprise
// rate survey, ADR 0036, beside the round); the union states an increase band its offers keep to
// (ADR 0035); a public hearing (听证会) with its minutes signed by both chiefs comes before the joint
// sessions; then the kernel's sessions, draft, ratification and signature.
// No timers, no clock, no invoked actors: time arrives in events, deadlines are data (ADR 0003).

export const SHOES_MACHINE_ID = 'shoes';
export const SHOES_MACHINE_VERSION = 1;

const isValid = (context: ShoesContext, event: ProcedureEvent) =>
  shoesViolations(context, event).length === 0;

const record = 'record' as const;
const valid = 'isValid' as const;

// Events a round accepts at any point between confirmation and ratification.
const midRound = {
  'delegate.withdrawn': { guard: valid, actions: record },
  'delegate.appointed': { guard: valid, actions: record },
  'round.abandoned': { guard: valid, target: '#shoes.abandoned', actions: record },
} as const;

// The union may state (or restate) its increase band at any point before the joint sessions.
const bandStated = { 'increaseBand.stated': { guard: valid, actions: record } } as const;

export const shoesMachine = setup({
  types: {
    context: {} as ShoesContext,
    events: {} as ProcedureEvent,
    input: {} as RoundInput,
    tags: {} as 'open' | 'agreed' | 'failed' | 'atTable',
  },
  guards: closingGuards(isValid),
  actions: {
    record: assign(({ context, event }) =>
      isRoundEventType(event.type)
        ? (recordEvent(context, event as RoundEvent) as ShoesContext)
        : recordHearing(context, event),
    ),
  },
}).createMachine({
  id: SHOES_MACHINE_ID,
  context: ({ input }) => newRoundContext(input),
  initial: 'opened',
  states: {
    opened: {
      ...describedState('opened'),
      tags: ['open'],
      on: {
        'parties.registered': { guard: valid, target: 'constituting', actions: record },
        'round.abandoned': { guard: valid, target: 'abandoned', actions: record },
      },
    },
    constituting: {
      ...describedState('constituting'),
      tags: ['open'],
      on: {
        'delegate.appointed': { guard: valid, actions: record },
        'delegate.withdrawn': { guard: valid, actions: record },
        'recorder.appointed': { guard: valid, actions: record },
        'delegations.confirmed': { guard: valid, target: 'awaitingOffer', actions: record },
        'round.abandoned': { guard: valid, target: 'abandoned', actions: record },
      },
    },
    awaitingOffer: {
      ...describedState('awaitingOffer'),
      tags: ['open'],
      on: {
        ...midRound,
        ...bandStated,
        'offer.sent': { guard: valid, target: 'awaitingReply', actions: record },
      },
    },
    awaitingReply: {
      ...describedState('awaitingReply'),
      tags: ['open'],
      on: {
        ...midRound,
        ...bandStated,
        'offer.answered': { guard: valid, target: 'preparing', actions: record },
        'offer.declined': { guard: valid, target: 'declined', actions: record },
      },
    },
    preparing: {
      ...describedState('preparing'),
      tags: ['open'],
      on: {
        ...midRound,
        ...bandStated,
        'agenda.itemAdded': { guard: valid, actions: record },
        'information.requested': { guard: valid, actions: record },
        'information.supplied': { guard: valid, actions: record },
        'caucus.held': { guard: valid, actions: record },
        'hearing.scheduled': { guard: valid, target: 'publicHearing', actions: record },
        // Accepted here only to be refused by its rule (hearing.minutesNotSigned) with a reason a
        // person can act on, rather than a bare "not accepted in this state".
        'session.opened': { guard: valid, target: 'negotiating.inSession', actions: record },
      },
    },
    publicHearing: {
      ...describedState('publicHearing'),
      tags: ['open'],
      on: {
        ...midRound,
        ...bandStated,
        'hearing.scheduled': { guard: valid, actions: record },
        'hearing.attendanceRecorded': { guard: valid, actions: record },
        'hearing.opinionRecorded': { guard: valid, actions: record },
        'hearing.minutesRecorded': { guard: valid, actions: record },
        'hearing.minutesSigned': { guard: valid, actions: record },
        'agenda.itemAdded': { guard: valid, actions: record },
        'information.requested': { guard: valid, actions: record },
        'information.supplied': { guard: valid, actions: record },
        'caucus.held': { guard: valid, actions: record },
        'session.opened': { guard: valid, target: 'negotiating.inSession', actions: record },
      },
    },
    negotiating: {
      ...describedState('negotiating'),
      tags: ['open', 'atTable'],
      initial: 'betweenSessions',
      states: {
        betweenSessions: {
          ...describedState('negotiating.betweenSessions'),
          on: {
            'session.opened': { guard: valid, target: 'inSession', actions: record },
            'caucus.held': { guard: valid, actions: record },
            'minutes.signed': { guard: valid, actions: record },
            'agenda.itemAdded': { guard: valid, actions: record },
            'information.requested': { guard: valid, actions: record },
            'information.supplied': { guard: valid, actions: record },
            'suspension.proposed': { guard: valid, target: 'suspensionProposed', actions: record },
            'coordination.requested': {
              guard: valid,
              target: '#shoes.coordinating',
              actions: record,
            },
            'draft.agreed': { guard: valid, target: '#shoes.draftAgreed', actions: record },
          },
        },
        inSession: {
          ...describedState('negotiating.inSession'),
          on: {
            'offer.tabled': { guard: valid, actions: record },
            'minutes.recorded': { guard: valid, actions: record },
            'session.closed': { guard: valid, target: 'betweenSessions', actions: record },
          },
        },
        suspensionProposed: {
          ...describedState('negotiating.suspensionProposed'),
          on: {
            'suspension.consented': { guard: valid, target: '#shoes.suspended', actions: record },
            'suspension.declined': { guard: valid, target: 'betweenSessions', actions: record },
          },
        },
      },
      on: midRound,
    },
    ...closingStates(SHOES_MACHINE_ID, describedState, midRound),
  },
});
