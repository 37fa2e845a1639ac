import { assign, setup } from 'xstate';
import type { ProcedureEvent } from '../../kernel/round/procedure.js';
import { closingGuards, closingStates } from '../../kernel/round/round.closing.js';
import { newRoundContext, type RoundInput } from '../../kernel/round/round.context.js';
import type { ShipbuildingContext } from './shipbuilding.package.js';
import { recordShipbuildingEvent } from './shipbuilding.reducer.js';
import { shipbuildingViolations } from './shipbuilding.rules.js';
import { describedState } from './shipbuilding.texts.js';

// 船舶修造 v1 (issue 12): the kernel's round (parties, delegations, offer, joint sessions, draft,
// congress, signature) with the practice of a sector wage round such as Dalian's machinery round of
// 2014 (domain.md §6): after the offer is answered the union surveys wages by trade, and bargaining
// opens only on its findings; at the table the sides argue a package (trade minimums, skill grids,
// clauses), and a draft needs every clause settled.

export const SHIPBUILDING_MACHINE_ID = 'shipbuilding';
export const SHIPBUILDING_MACHINE_VERSION = 1;

const valid = (context: ShipbuildingContext, event: ProcedureEvent) =>
  shipbuildingViolations(context, event).length === 0;

const record = 'record' as const;
const isValid = 'isValid' as const;
const on = (target?: string) => ({
  guard: isValid,
  actions: record,
  ...(target ? { target } : {}),
});

const recorderReplacement = {
  'recorder.replacementProposed': on(),
  'recorder.replacementConsented': on(),
  'recorder.replacementDeclined': on(),
} as const;

// Events a round accepts at any point between confirmation and ratification.
const midRound = {
  'delegate.withdrawn': on(),
  'delegate.appointed': on(),
  ...recorderReplacement,
  'round.abandoned': on('#shipbuilding.abandoned'),
} as const;

const preparation = {
  'agenda.itemAdded': on(),
  'information.requested': on(),
  'information.supplied': on(),
  'caucus.held': on(),
} as const;

export const shipbuildingMachine = setup({
  types: {
    context: {} as ShipbuildingContext,
    events: {} as ProcedureEvent,
    input: {} as RoundInput,
    tags: {} as 'open' | 'agreed' | 'failed' | 'atTable',
  },
  guards: closingGuards(valid),
  actions: {
    record: assign(({ context, event }) => recordShipbuildingEvent(context, event)),
  },
}).createMachine({
  id: SHIPBUILDING_MACHINE_ID,
  context: ({ input }) => newRoundContext(input),
  initial: 'opened',
  states: {
    opened: {
      ...describedState('opened'),
      tags: ['open'],
      on: { 'parties.registered': on('constituting'), 'round.abandoned': on('abandoned') },
    },
    constituting: {
      ...describedState('constituting'),
      tags: ['open'],
      on: {
        'delegate.appointed': on(),
        'delegate.withdrawn': on(),
        'recorder.appointed': on(),
        ...recorderReplacement,
        'delegations.confirmed': on('awaitingOffer'),
        'round.abandoned': on('abandoned'),
      },
    },
    awaitingOffer: {
      ...describedState('awaitingOffer'),
      tags: ['open'],
      on: { ...midRound, 'offer.sent': on('awaitingReply') },
    },
    awaitingReply: {
      ...describedState('awaitingReply'),
      tags: ['open'],
      on: { ...midRound, 'offer.answered': on('surveying'), 'offer.declined': on('declined') },
    },
    // Dalian 2014 (domain.md §6): the union surveyed wages by trade before bargaining.
    surveying: {
      ...describedState('surveying'),
      tags: ['open'],
      on: { ...midRound, ...preparation, 'wageSurvey.tabled': on('preparing') },
    },
    preparing: {
      ...describedState('preparing'),
      tags: ['open'],
      on: { ...midRound, ...preparation, 'session.opened': on('negotiating.inSession') },
    },
    negotiating: {
      ...describedState('negotiating'),
      tags: ['open', 'atTable'],
      initial: 'betweenSessions',
      states: {
        betweenSessions: {
          ...describedState('negotiating.betweenSessions'),
          on: {
            ...preparation,
            'session.opened': on('inSession'),
            'minutes.signed': on(),
            'minutes.amended': on(),
            'suspension.proposed': on('suspensionProposed'),
            'coordination.requested': on('#shipbuilding.coordinating'),
            'package.draftAgreed': on('#shipbuilding.draftAgreed'),
          },
        },
        inSession: {
          ...describedState('negotiating.inSession'),
          on: {
            'package.tabled': on(),
            'clause.agreed': on(),
            'clause.withdrawn': on(),
            'minutes.recorded': on(),
            'minutes.amended': on(),
            'session.closed': on('betweenSessions'),
          },
        },
        suspensionProposed: {
          ...describedState('negotiating.suspensionProposed'),
          on: {
            'suspension.consented': on('#shipbuilding.suspended'),
            'suspension.declined': on('betweenSessions'),
          },
        },
      },
      on: midRound,
    },
    ...closingStates(SHIPBUILDING_MACHINE_ID, describedState, midRound),
  },
});
