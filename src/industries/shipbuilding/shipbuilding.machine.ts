import { assign, setup } from 'xstate';
import type { ProcedureEvent } from '../../kernel/round/procedure.js';
import { ratificationResult } from '../../kernel/round/ratification.js';
import { newRoundContext, type RoundInput } from '../../kernel/round/round.context.js';
import { otherSide, type Side } from '../../kernel/round/round.types.js';
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

const secondSignature = (signed: readonly Side[], event: ProcedureEvent): boolean =>
  signed.includes(otherSide(event.actor.side as Side));

const ballotOutcome = (context: ShipbuildingContext, event: ProcedureEvent) => {
  if (event.type !== 'ballot.closed' || !context.ratification) return null;
  return ratificationResult(context.policy.ratification, {
    totalMembers: context.ratification.totalMembers,
    ...(event.payload as { present: number; yes: number; no: number; abstain: number }),
  }).outcome;
};

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
  guards: {
    isValid: ({ context, event }) => valid(context, event),
    completesDraftSignatures: ({ context, event }) =>
      valid(context, event) && secondSignature(context.draft?.signedBy ?? [], event),
    completesAgreementSignatures: ({ context, event }) =>
      valid(context, event) &&
      secondSignature(Object.keys(context.agreement?.signatures ?? {}) as Side[], event),
    ballotPassed: ({ context, event }) =>
      valid(context, event) && ballotOutcome(context, event) === 'passed',
    ballotRejected: ({ context, event }) =>
      valid(context, event) && ballotOutcome(context, event) === 'rejected',
  },
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
    suspended: {
      ...describedState('suspended'),
      tags: ['open'],
      on: { ...midRound, 'negotiation.resumed': on('negotiating.betweenSessions') },
    },
    coordinating: {
      ...describedState('coordinating'),
      tags: ['open'],
      initial: 'applied',
      states: {
        applied: {
          ...describedState('coordinating.applied'),
          on: { 'coordination.accepted': on('underway') },
        },
        underway: {
          ...describedState('coordinating.underway'),
          on: {
            'coordination.extended': on(),
            'coordination.concluded': on('#shipbuilding.negotiating.betweenSessions'),
          },
        },
      },
      on: midRound,
    },
    draftAgreed: {
      ...describedState('draftAgreed'),
      tags: ['open'],
      on: {
        ...midRound,
        'draft.signed': [
          { guard: 'completesDraftSignatures', target: 'awaitingRatification', actions: record },
          on(),
        ],
      },
    },
    awaitingRatification: {
      ...describedState('awaitingRatification'),
      tags: ['open'],
      on: { ...midRound, 'ratification.submitted': on('ratifying') },
    },
    ratifying: {
      ...describedState('ratifying'),
      tags: ['open'],
      on: {
        ...midRound,
        'ballot.closed': [
          { guard: 'ballotPassed', target: 'ratified', actions: record },
          { guard: 'ballotRejected', target: 'negotiating.betweenSessions', actions: record },
          on('awaitingRatification'),
        ],
      },
    },
    ratified: {
      ...describedState('ratified'),
      tags: ['open'],
      on: {
        'round.abandoned': midRound['round.abandoned'],
        'agreement.prepared': on(),
        'agreement.signed': [
          { guard: 'completesAgreementSignatures', target: 'signed', actions: record },
          on(),
        ],
      },
    },
    signed: { ...describedState('signed'), tags: ['agreed'] },
    declined: { ...describedState('declined'), tags: ['failed'], type: 'final' },
    abandoned: { ...describedState('abandoned'), tags: ['failed'], type: 'final' },
  },
});
