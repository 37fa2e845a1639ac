import { assign, setup } from 'xstate';
import { ratificationResult } from '../../negotiation/round/ratification.js';
import { newRoundContext, type RoundInput } from '../../negotiation/round/round.context.js';
import type { RoundEvent } from '../../negotiation/round/round.events.js';
import { recordEvent } from '../../negotiation/round/round.reducer.js';
import { violationsOf } from '../../negotiation/round/round.rules.js';
import type { RoundContext, Side } from '../../negotiation/round/round.types.js';
import { otherSide } from '../../negotiation/round/round.types.js';

// 羊毛衫行业工资集体协商: the Xinhe (Wenling) wool-knitwear round as practised since 2003.
// No timers, no clock, no invoked actors: time arrives in events, deadlines are data (ADR 0003).

export const WOOL_KNITWEAR_MACHINE_ID = 'wool-knitwear';
export const WOOL_KNITWEAR_MACHINE_VERSION = 1;

const secondSignature = (signed: Side[] | Side | undefined, event: RoundEvent): boolean => {
  const other = otherSide(event.actor.side as Side);
  return Array.isArray(signed) ? signed.includes(other) : signed === other;
};

const ballotOutcome = (context: RoundContext, event: RoundEvent) => {
  if (event.type !== 'ballot.closed' || !context.ratification) return null;
  return ratificationResult(context.policy.ratification, {
    totalMembers: context.ratification.totalMembers,
    ...event.payload,
  }).outcome;
};

const record = 'record' as const;
const valid = 'isValid' as const;

// Events a round accepts at any point between confirmation and ratification.
const midRound = {
  'delegate.withdrawn': { guard: valid, actions: record },
  'delegate.appointed': { guard: valid, actions: record },
  'round.abandoned': { guard: valid, target: '#wool-knitwear.abandoned', actions: record },
} as const;

export const woolKnitwearMachine = setup({
  types: {
    context: {} as RoundContext,
    events: {} as RoundEvent,
    input: {} as RoundInput,
    tags: {} as 'open' | 'agreed' | 'failed' | 'atTable',
  },
  guards: {
    isValid: ({ context, event }) => violationsOf(context, event).length === 0,
    completesDraftSignatures: ({ context, event }) =>
      violationsOf(context, event).length === 0 && secondSignature(context.draft?.signedBy, event),
    completesAgreementSignatures: ({ context, event }) =>
      violationsOf(context, event).length === 0 &&
      secondSignature(Object.keys(context.agreement?.signatures ?? {}) as Side[], event),
    ballotPassed: ({ context, event }) =>
      violationsOf(context, event).length === 0 && ballotOutcome(context, event) === 'passed',
    ballotRejected: ({ context, event }) =>
      violationsOf(context, event).length === 0 && ballotOutcome(context, event) === 'rejected',
  },
  actions: {
    record: assign(({ context, event }) => recordEvent(context, event)),
  },
}).createMachine({
  id: WOOL_KNITWEAR_MACHINE_ID,
  context: ({ input }) => newRoundContext(input),
  initial: 'opened',
  states: {
    opened: {
      description: 'The union chair has opened the round; the two parties are to be registered.',
      meta: { zh: '已发起协商，待登记双方主体' },
      tags: ['open'],
      on: {
        'parties.registered': { guard: valid, target: 'constituting', actions: record },
        'round.abandoned': { guard: valid, target: 'abandoned', actions: record },
      },
    },
    constituting: {
      description:
        'Each side appoints its delegation and one chief; a neutral recorder is appointed.',
      meta: { zh: '产生协商代表与记录员' },
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
      description: 'Delegations are confirmed; either side may send the written offer (要约).',
      meta: { zh: '代表已确认，待一方书面提出协商要约' },
      tags: ['open'],
      on: { ...midRound, 'offer.sent': { guard: valid, target: 'awaitingReply', actions: record } },
    },
    awaitingReply: {
      description:
        'The offer was received; the other side must answer in writing within the reply period.',
      meta: { zh: '要约已送达，对方应在期限内书面回应' },
      tags: ['open'],
      on: {
        ...midRound,
        'offer.answered': { guard: valid, target: 'preparing', actions: record },
        'offer.declined': { guard: valid, target: 'declined', actions: record },
      },
    },
    preparing: {
      description:
        'Both sides prepare: agenda items, information requests and separate caucuses (背靠背).',
      meta: { zh: '协商准备：确定议题、提供资料、背靠背分别商议' },
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
      description: 'Joint sessions (面对面) with offers and counteroffers.',
      meta: { zh: '面对面协商' },
      tags: ['open', 'atTable'],
      initial: 'betweenSessions',
      states: {
        betweenSessions: {
          description:
            'Between joint sessions: the sides caucus, sign minutes, and may suspend, seek coordination or agree a draft.',
          meta: { zh: '协商间隙：分别商议、签署记录，可中止、申请协调或形成草案' },
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
              target: '#wool-knitwear.coordinating',
              actions: record,
            },
            'draft.agreed': { guard: valid, target: '#wool-knitwear.draftAgreed', actions: record },
          },
        },
        inSession: {
          description:
            'A joint session is open: offers and counteroffers are tabled and the recorder keeps minutes.',
          meta: { zh: '协商会议进行中：双方提出报价与还价，记录员记录' },
          on: {
            'offer.tabled': { guard: valid, actions: record },
            'minutes.recorded': { guard: valid, actions: record },
            'session.closed': { guard: valid, target: 'betweenSessions', actions: record },
          },
        },
        suspensionProposed: {
          description:
            'One chief proposed to suspend; the other chief must consent (mutual consent only).',
          meta: { zh: '一方提议中止协商，待对方首席代表同意' },
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
    suspended: {
      description: 'Suspended by mutual consent until the agreed resume date.',
      meta: { zh: '经双方同意中止协商，待约定日期恢复' },
      tags: ['open'],
      on: {
        ...midRound,
        'negotiation.resumed': {
          guard: valid,
          target: 'negotiating.betweenSessions',
          actions: record,
        },
      },
    },
    coordinating: {
      description:
        'Deadlock: the labour administration coordinates on written application (tripartite).',
      meta: { zh: '协商陷入僵局，已书面申请劳动保障行政部门协调处理' },
      tags: ['open'],
      initial: 'applied',
      states: {
        applied: {
          description: 'The written application awaits acceptance by the labour administration.',
          meta: { zh: '协调申请待受理' },
          on: { 'coordination.accepted': { guard: valid, target: 'underway', actions: record } },
        },
        underway: {
          description:
            'Coordination is under way and must finish within the period (extension possible).',
          meta: { zh: '协调处理中' },
          on: {
            'coordination.extended': { guard: valid, actions: record },
            'coordination.concluded': {
              guard: valid,
              target: '#wool-knitwear.negotiating.betweenSessions',
              actions: record,
            },
          },
        },
      },
      on: midRound,
    },
    draftAgreed: {
      description:
        'A draft is agreed; both chief representatives sign it before it goes to the workers’ congress.',
      meta: { zh: '已形成协议草案，待双方首席代表签字' },
      tags: ['open'],
      on: {
        ...midRound,
        'draft.signed': [
          { guard: 'completesDraftSignatures', target: 'awaitingRatification', actions: record },
          { guard: valid, actions: record },
        ],
      },
    },
    awaitingRatification: {
      description: 'The signed draft is to be put to the workers’ congress.',
      meta: { zh: '草案已签字，待提交职工代表大会审议' },
      tags: ['open'],
      on: {
        ...midRound,
        'ratification.submitted': { guard: valid, target: 'ratifying', actions: record },
      },
    },
    ratifying: {
      description: 'The workers’ congress is meeting; its vote decides the draft.',
      meta: { zh: '职工代表大会审议表决中' },
      tags: ['open'],
      on: {
        ...midRound,
        'ballot.closed': [
          { guard: 'ballotPassed', target: 'ratified', actions: record },
          { guard: 'ballotRejected', target: 'negotiating.betweenSessions', actions: record },
          { guard: valid, target: 'awaitingRatification', actions: record },
        ],
      },
    },
    ratified: {
      description:
        'The congress passed the draft; the employer side prepares the final text and both chiefs sign.',
      meta: { zh: '职代会已通过，待资方整理文本、双方首席代表签字' },
      tags: ['open'],
      on: {
        'round.abandoned': midRound['round.abandoned'],
        'agreement.prepared': { guard: valid, actions: record },
        'agreement.signed': [
          { guard: 'completesAgreementSignatures', target: 'signed', actions: record },
          { guard: valid, actions: record },
        ],
      },
    },
    signed: {
      description:
        'Signed by both chief representatives; to be filed with the labour administration.',
      meta: { zh: '协议已签订，待报送劳动保障行政部门审查' },
      tags: ['agreed'],
    },
    declined: {
      description: 'The offer was declined with a stated just cause; the round ended.',
      meta: { zh: '对方以正当理由拒绝协商，本轮结束' },
      tags: ['failed'],
      type: 'final',
    },
    abandoned: {
      description: 'The round was abandoned before an agreement was signed.',
      meta: { zh: '本轮协商已终止' },
      tags: ['failed'],
      type: 'final',
    },
  },
});
