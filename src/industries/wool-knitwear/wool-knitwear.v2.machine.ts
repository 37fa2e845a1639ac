import { assign, setup } from 'xstate';
import { closingGuards, closingStates } from '../../kernel/round/round.closing.js';
import { newRoundContext, type RoundInput } from '../../kernel/round/round.context.js';
import type { RoundEvent } from '../../kernel/round/round.events.js';
import { recordEvent } from '../../kernel/round/round.reducer.js';
import { woolKnitwearV2Violations } from './wool-knitwear.v2.rules.js';
import type { RoundContext } from '../../kernel/round/round.types.js';
import { describedState } from './wool-knitwear.texts.js';
import { WOOL_KNITWEAR_MACHINE_ID } from './wool-knitwear.machine.js';

// Wool knitwear v2 (ADR 0030), released beside v1: the same procedure with business dates in order,
// dated joint sessions, the recorder replaced only with both chiefs' consent, and minutes amended as
// new versions. Rounds opened on v1 finish on v1 (wool-knitwear.machine.ts, never edited in place).
// The states are v1's, so they share its texts (wool-knitwear.texts.ts).

export const WOOL_KNITWEAR_V2_MACHINE_VERSION = 2;

const record = 'record' as const;
const valid = 'isValid' as const;

// The recorder's seat changes hands only by a proposal the other chief consents to.
const recorderReplacement = {
  'recorder.replacementProposed': { guard: valid, actions: record },
  'recorder.replacementConsented': { guard: valid, actions: record },
  'recorder.replacementDeclined': { guard: valid, actions: record },
} as const;

// Events a round accepts at any point between confirmation and ratification.
const midRound = {
  'delegate.withdrawn': { guard: valid, actions: record },
  'delegate.appointed': { guard: valid, actions: record },
  ...recorderReplacement,
  'round.abandoned': { guard: valid, target: '#wool-knitwear.abandoned', actions: record },
} as const;

export const woolKnitwearV2Machine = setup({
  types: {
    context: {} as RoundContext,
    events: {} as RoundEvent,
    input: {} as RoundInput,
    tags: {} as 'open' | 'agreed' | 'failed' | 'atTable',
  },
  guards: closingGuards(
    (context: RoundContext, event: RoundEvent) =>
      woolKnitwearV2Violations(context, event).length === 0,
  ),
  actions: {
    record: assign(({ context, event }) => recordEvent(context, event)),
  },
}).createMachine({
  id: WOOL_KNITWEAR_MACHINE_ID,
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
        ...recorderReplacement,
        'delegations.confirmed': { guard: valid, target: 'awaitingOffer', actions: record },
        'round.abandoned': { guard: valid, target: 'abandoned', actions: record },
      },
    },
    awaitingOffer: {
      ...describedState('awaitingOffer'),
      tags: ['open'],
      on: { ...midRound, 'offer.sent': { guard: valid, target: 'awaitingReply', actions: record } },
    },
    awaitingReply: {
      ...describedState('awaitingReply'),
      tags: ['open'],
      on: {
        ...midRound,
        'offer.answered': { guard: valid, target: 'preparing', actions: record },
        'offer.declined': { guard: valid, target: 'declined', actions: record },
      },
    },
    preparing: {
      ...describedState('preparing'),
      tags: ['open'],
      on: {
        ...midRound,
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
            'minutes.amended': { guard: valid, actions: record },
            'agenda.itemAdded': { guard: valid, actions: record },
            'information.requested': { guard: valid, actions: record },
            'information.supplied': { guard: valid, actions: record },
            'suspension.proposed': { guard: valid, target: 'suspensionProposed', actions: record },
            'coordination.requested': {
              guard: valid,
              target: '#wool-knitwear.coordinating',
              actions: record,
            },
            'draft.agreed': { guard: valid, target: '#wool-knitwear.draftAgreed', actions: record },
          },
        },
        inSession: {
          ...describedState('negotiating.inSession'),
          on: {
            'offer.tabled': { guard: valid, actions: record },
            'minutes.recorded': { guard: valid, actions: record },
            'minutes.amended': { guard: valid, actions: record },
            'session.closed': { guard: valid, target: 'betweenSessions', actions: record },
          },
        },
        suspensionProposed: {
          ...describedState('negotiating.suspensionProposed'),
          on: {
            'suspension.consented': {
              guard: valid,
              target: '#wool-knitwear.suspended',
              actions: record,
            },
            'suspension.declined': { guard: valid, target: 'betweenSessions', actions: record },
          },
        },
      },
      on: midRound,
    },
    ...closingStates(WOOL_KNITWEAR_MACHINE_ID, describedState, midRound),
  },
});
