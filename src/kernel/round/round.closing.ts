import type { Bilingual } from './bilingual.js';
import { ratificationResult } from './ratification.js';
import type { ProcedureEvent } from './procedure.js';
import type { RoundContext, Side } from './round.types.js';
import { otherSide } from './round.types.js';

// The part of a round every industry's machine shares (ADR 0039): the suspension and the labour
// administration's coordination between joint sessions, and the close: the draft signed by both
// chiefs, the workers' congress, the agreement signed by both. Each machine spreads these states into
// its own config and names these guards in its `setup`; what comes before the draft is its own.
//
// Machine versions are frozen once a round runs on them (ADR 0030), and every released version uses
// this segment: change nothing here in place. A procedure whose close differs gets a second segment
// beside this one (or its own states), and a new machine version.

// The guards the segment's transitions name, built on the machine's own validity check (its rules).
export function closingGuards<C extends RoundContext, E extends ProcedureEvent>(
  valid: (context: C, event: E) => boolean,
) {
  type Args = { context: C; event: E };
  return {
    isValid: ({ context, event }: Args) => valid(context, event),
    completesDraftSignatures: ({ context, event }: Args) =>
      valid(context, event) && secondSignature(context.draft?.signedBy ?? [], event),
    completesAgreementSignatures: ({ context, event }: Args) =>
      valid(context, event) &&
      secondSignature(Object.keys(context.agreement?.signatures ?? {}) as Side[], event),
    ballotPassed: ({ context, event }: Args) =>
      valid(context, event) && ballotOutcome(context, event) === 'passed',
    ballotRejected: ({ context, event }: Args) =>
      valid(context, event) && ballotOutcome(context, event) === 'rejected',
  };
}

// Whether this signature is the second: the other side's chief has signed already. (The first
// knitwear machine also took a single side rather than a list; kept, so that no version changes.)
const secondSignature = (signed: readonly Side[] | Side, event: ProcedureEvent): boolean => {
  const other = otherSide(event.actor.side as Side);
  return Array.isArray(signed) ? signed.includes(other) : signed === other;
};

const ballotOutcome = (context: RoundContext, event: ProcedureEvent) => {
  if (event.type !== 'ballot.closed' || !context.ratification) return null;
  return ratificationResult(context.policy.ratification, {
    totalMembers: context.ratification.totalMembers,
    ...(event.payload as { present: number; yes: number; no: number; abstain: number }),
  }).outcome;
};

// The states of the segment, by the ids their texts are keyed by.
export type ClosingStateId =
  | 'suspended'
  | 'coordinating'
  | 'coordinating.applied'
  | 'coordinating.underway'
  | 'draftAgreed'
  | 'awaitingRatification'
  | 'ratifying'
  | 'ratified'
  | 'signed'
  | 'declined'
  | 'abandoned';

// What the segment's states mean, in the kernel's words; an industry spreads these into its state texts
// and words over any it says differently (shipbuilding's draft is its package's).
export const CLOSING_STATE_TEXTS: Readonly<Record<ClosingStateId, Bilingual>> = {
  suspended: {
    en: 'Suspended by mutual consent until the agreed resume date.',
    zh: '经双方同意中止协商，待约定日期恢复',
  },
  coordinating: {
    en: 'Deadlock: the labour administration coordinates on written application (tripartite).',
    zh: '协商陷入僵局，已书面申请劳动保障行政部门协调处理',
  },
  'coordinating.applied': {
    en: 'The written application awaits acceptance by the labour administration.',
    zh: '协调申请待受理',
  },
  'coordinating.underway': {
    en: 'Coordination is under way and must finish within the period (extension possible).',
    zh: '协调处理中',
  },
  draftAgreed: {
    en: 'A draft is agreed; both chief representatives sign it before it goes to the workers’ congress.',
    zh: '已形成协议草案，待双方首席代表签字',
  },
  awaitingRatification: {
    en: 'The signed draft is to be put to the workers’ congress.',
    zh: '草案已签字，待提交职工代表大会审议',
  },
  ratifying: {
    en: 'The workers’ congress is meeting; its vote decides the draft.',
    zh: '职工代表大会审议表决中',
  },
  ratified: {
    en: 'The congress passed the draft; the employer side prepares the final text and both chiefs sign.',
    zh: '职代会已通过，待资方整理文本、双方首席代表签字',
  },
  signed: {
    en: 'Signed by both chief representatives; to be filed with the labour administration.',
    zh: '协议已签订，待报送劳动保障行政部门审查',
  },
  declined: {
    en: 'The offer was declined with a stated just cause; the round ended.',
    zh: '对方以正当理由拒绝协商，本轮结束',
  },
  abandoned: {
    en: 'The round was abandoned before an agreement was signed.',
    zh: '本轮协商已终止',
  },
};

interface Described {
  description: string;
  meta: { zh: string };
}

const record = 'record' as const;
const isValid = 'isValid' as const;
const on = <T extends string>(target: T) => ({ guard: isValid, target, actions: record });
const stay = { guard: isValid, actions: record };

// The segment's states. `machineId` is the machine's id (the states' absolute targets start with it);
// `described` gives each state its texts; `midRound` is what the machine accepts at any point
// between confirmation and ratification (delegates, the recorder's seat, abandonment), which differs
// between procedures. The machine's own `negotiating.betweenSessions` is where a resumed round, a
// concluded coordination and a rejected draft return to, and its `abandoned` is the segment's.
export function closingStates<M extends Record<string, unknown>>(
  machineId: string,
  described: (id: ClosingStateId) => Described,
  midRound: M,
) {
  const betweenSessions = `#${machineId}.negotiating.betweenSessions`;
  return {
    suspended: {
      ...described('suspended'),
      tags: ['open' as const],
      on: { ...midRound, 'negotiation.resumed': on(betweenSessions) },
    },
    coordinating: {
      ...described('coordinating'),
      tags: ['open' as const],
      initial: 'applied',
      states: {
        applied: {
          ...described('coordinating.applied'),
          on: { 'coordination.accepted': on('underway') },
        },
        underway: {
          ...described('coordinating.underway'),
          on: { 'coordination.extended': stay, 'coordination.concluded': on(betweenSessions) },
        },
      },
      on: midRound,
    },
    draftAgreed: {
      ...described('draftAgreed'),
      tags: ['open' as const],
      on: {
        ...midRound,
        'draft.signed': [
          {
            guard: 'completesDraftSignatures' as const,
            target: 'awaitingRatification',
            actions: record,
          },
          stay,
        ],
      },
    },
    awaitingRatification: {
      ...described('awaitingRatification'),
      tags: ['open' as const],
      on: { ...midRound, 'ratification.submitted': on('ratifying') },
    },
    ratifying: {
      ...described('ratifying'),
      tags: ['open' as const],
      on: {
        ...midRound,
        'ballot.closed': [
          { guard: 'ballotPassed' as const, target: 'ratified', actions: record },
          { guard: 'ballotRejected' as const, target: betweenSessions, actions: record },
          on('awaitingRatification'),
        ],
      },
    },
    ratified: {
      ...described('ratified'),
      tags: ['open' as const],
      on: {
        // Once the congress has passed it, only abandonment of the whole round remains of midRound.
        'round.abandoned': on(`#${machineId}.abandoned`),
        'agreement.prepared': stay,
        'agreement.signed': [
          { guard: 'completesAgreementSignatures' as const, target: 'signed', actions: record },
          stay,
        ],
      },
    },
    signed: { ...described('signed'), tags: ['agreed' as const] },
    declined: { ...described('declined'), tags: ['failed' as const], type: 'final' as const },
    abandoned: { ...described('abandoned'), tags: ['failed' as const], type: 'final' as const },
  };
}
