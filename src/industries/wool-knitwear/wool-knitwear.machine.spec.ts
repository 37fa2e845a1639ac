import { kernelProgress, walkMachine } from '../../../test/support/machine-walk.js';
import { describe, expect, it } from '@jest/globals';
import { initialTransition } from 'xstate';
import { DomainError } from '../../common/domain-error.js';
import { DEFAULT_LIMITS } from '../../common/limits.js';
import { decideRequest, eventsActorMaySend, stateName } from '../../kernel/round/decide-event.js';
import type { RoundSnapshot } from '../../kernel/round/procedure.js';
import type {
  ClientRequest,
  EventRequest,
  OfferTableRequest,
} from '../../kernel/round/round.events.js';
import { standaloneRequest } from '../../kernel/round/offer-table.js';
import { normaliseTable, tableDigest } from '../../kernel/rates/rate-table.js';
import type { NegotiationActor } from '../../kernel/round/round.permissions.js';
import { ZHEJIANG_DEFAULT_POLICY, type PolicyProfile } from '../../kernel/policy/policy-profile.js';
import {
  SCRIPT_ACTORS,
  xinheRoundScript,
  type DemoRole,
  type ScriptStep,
} from './demo/xinhe-round.script.js';
import { PEOPLE } from '../../seed/demo-reference.js';
import { woolKnitwearMachine } from './wool-knitwear.machine.js';
import { WOOL_KNITWEAR } from './wool-knitwear.industry.js';

const def = WOOL_KNITWEAR.versions.find((v) => v.version === 1)!;
const AT = '2026-07-01T02:00:00.000Z';
const LI = PEOPLE['li.w2'].id;

const nobody: NegotiationActor = {
  chiefOf: [],
  memberOf: [],
  isRecorder: false,
  isLabourOfficer: false,
};
const ACTORS: Record<
  DemoRole | 'workerRep' | 'auditor',
  NegotiationActor & { accountId: string; personId: string | null }
> = {
  ...SCRIPT_ACTORS,
  workerRep: { ...nobody, memberOf: ['worker'], accountId: 'a-w1', personId: 'p-w1' },
  auditor: { ...nobody, accountId: 'a-aud', personId: 'p-aud' },
};

function opened(policy: PolicyProfile = ZHEJIANG_DEFAULT_POLICY): RoundSnapshot {
  return initialTransition(woolKnitwearMachine, {
    negotiationId: 'n-1',
    industryCode: 'wool-knitwear',
    regionCode: 'wenling-xinhe',
    year: 2026,
    title: 'test round',
    policy,
    parties: {
      worker: { partyId: 'p-union', name: 'union' },
      employer: { partyId: 'p-assoc', name: 'association' },
    },
  })[0];
}

let offersTabled = 0;
function send(s: RoundSnapshot, as: keyof typeof ACTORS, request: ClientRequest): RoundSnapshot {
  const req = standaloneRequest(request, `offer-${++offersTabled}`);
  return decideRequest(def, s, req, ACTORS[as], AT, DEFAULT_LIMITS).next;
}

function run(steps: ScriptStep[], from = opened()): RoundSnapshot {
  return steps.reduce((s, { as, ...req }) => send(s, as, req), from);
}

function refusal(fn: () => unknown): DomainError {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  return caught as DomainError;
}

const script = xinheRoundScript(2026);
const atSecondSession = () => run(script.toSecondSession);
const whole = () => run(script.toSignature, atSecondSession());
const upToDraft = script.toSignature.slice(
  0,
  script.toSignature.findIndex((s) => s.type === 'draft.agreed'),
);

describe('wool-knitwear machine v1: the Xinhe round', () => {
  it('walks the whole script from opening to a signed agreement', () => {
    const s = whole();
    expect(stateName(s.value)).toBe('signed');
    expect(s.hasTag('agreed')).toBe(true);
    expect(s.context.agreement?.signedOn).toBe('2026-08-25');
    expect(s.context.ballots[0]).toMatchObject({ outcome: 'passed', hasQuorum: true });
  });

  it.each([
    ['parties.registered', 'constituting'],
    ['delegations.confirmed', 'awaitingOffer'],
    ['offer.sent', 'awaitingReply'],
    ['offer.answered', 'preparing'],
    ['session.opened', 'negotiating.inSession'],
    ['session.closed', 'negotiating.betweenSessions'],
  ])('moves on %s to %s', (type, expected) => {
    const idx = script.toSecondSession.findIndex((s) => s.type === type);
    expect(stateName(run(script.toSecondSession.slice(0, idx + 1)).value)).toBe(expected);
  });

  it('alternates the chair between the chiefs, the offering side first', () => {
    const s = atSecondSession();
    expect(s.context.sessions.map((x) => x.chairSide)).toEqual(['worker', 'employer']);
  });

  it('keeps the latest offer of each side', () => {
    const s = run(script.toSignature.slice(0, 1), atSecondSession());
    const tabled = script.toSignature[0].payload as OfferTableRequest;
    expect(s.context.latestOffers.employer).toMatchObject({
      lineCount: tabled.items.length,
      sha256: tableDigest(normaliseTable(tabled.items)),
      sessionNumber: 2,
    });
    expect(s.context.latestOffers.worker?.sessionNumber).toBe(1);
  });
});

describe('delegation rules', () => {
  const registered = () => run(script.toSecondSession.slice(0, 1));
  const appoint = (
    s: RoundSnapshot,
    as: 'unionChair' | 'associationChief',
    personId: string,
    extra: Partial<{ isChief: boolean; isExpert: boolean }> = {},
  ) =>
    send(s, as, {
      type: 'delegate.appointed',
      payload: {
        personId,
        isChief: false,
        isExpert: false,
        appointedOn: '2026-07-01',
        ...extra,
      },
    });
  const confirm = (s: RoundSnapshot) =>
    refusal(() =>
      send(s, 'unionChair', {
        type: 'delegations.confirmed',
        payload: { confirmedOn: '2026-07-02' },
      }),
    );
  const sides = (w: number, e: number, wExperts = 0) => {
    let s = registered();
    for (let i = 0; i < w; i++)
      s = appoint(s, 'unionChair', `w${i}`, { isChief: i === 0, isExpert: i > 0 && i <= wExperts });
    for (let i = 0; i < e; i++) s = appoint(s, 'associationChief', `e${i}`, { isChief: i === 0 });
    return send(s, 'unionChair', {
      type: 'recorder.appointed',
      payload: { personId: 'rec' },
    });
  };
  const rulesOf = (e: DomainError) =>
    (e.details.violations as { rule: string }[]).map((v) => v.rule);

  it.each([
    ['unequal sides', 4, 3, 0, 'delegation.unequal'],
    ['fewer than three a side', 2, 2, 0, 'delegation.tooSmall'],
    ['more than a third experts', 3, 3, 2, 'delegation.experts'],
  ])('refuses to confirm delegations with %s', (_name, w, e, experts, rule) => {
    const err = confirm(sides(w, e, experts));
    expect(err.code).toBe('RULE_VIOLATED');
    expect(rulesOf(err)).toContain(rule);
  });

  it('confirms three a side with one expert (exactly a third)', () => {
    const s = send(sides(3, 3, 1), 'unionChair', {
      type: 'delegations.confirmed',
      payload: { confirmedOn: '2026-07-02' },
    });
    expect(stateName(s.value)).toBe('awaitingOffer');
  });

  it('refuses an eleventh representative under the default maximum of ten', () => {
    const err = refusal(() => appoint(sides(10, 10), 'unionChair', 'w10'));
    expect(rulesOf(err)).toContain('delegation.tooLarge');
  });

  it('honours a policy maximum other than ten', () => {
    const policy = {
      ...ZHEJIANG_DEFAULT_POLICY,
      representatives: { ...ZHEJIANG_DEFAULT_POLICY.representatives, maxPerSide: 4 },
    };
    let s = run(script.toSecondSession.slice(0, 1), opened(policy));
    for (let i = 0; i < 4; i++) s = appoint(s, 'unionChair', `w${i}`, { isChief: i === 0 });
    expect(rulesOf(refusal(() => appoint(s, 'unionChair', 'w4')))).toContain('delegation.tooLarge');
  });

  it.each([
    [
      'a second chief',
      (s: RoundSnapshot) => appoint(s, 'unionChair', 'wx', { isChief: true }),
      'delegate.secondChief',
    ],
    [
      'an expert as chief',
      (s: RoundSnapshot) => appoint(s, 'associationChief', 'ex', { isChief: true, isExpert: true }),
      'delegate.expertChief',
    ],
    [
      'a person on both sides',
      (s: RoundSnapshot) => appoint(s, 'associationChief', 'w1'),
      'delegate.bothSides',
    ],
    [
      'the recorder as a representative',
      (s: RoundSnapshot) => appoint(s, 'unionChair', 'rec'),
      'delegate.isRecorder',
    ],
  ])('refuses %s', (_name, act, rule) => {
    const s = sides(3, 2);
    expect(rulesOf(refusal(() => act(s)))).toContain(rule);
  });

  it('refuses a representative as recorder', () => {
    expect(
      rulesOf(
        refusal(() =>
          send(sides(3, 3), 'unionChair', {
            type: 'recorder.appointed',
            payload: { personId: 'w1' },
          }),
        ),
      ),
    ).toContain('recorder.isRepresentative');
  });

  it('opens a vacancy when a confirmed delegate withdraws, and refills it', () => {
    let s = run(
      script.toSecondSession.slice(
        0,
        script.toSecondSession.findIndex((x) => x.type === 'offer.sent'),
      ),
    );
    s = send(s, 'unionChair', {
      type: 'delegate.withdrawn',
      payload: { personId: LI, reason: 'left the trade', vacatedOn: '2026-07-03' },
    });
    expect(s.context.vacancies).toEqual([
      { side: 'worker', personId: LI, vacatedOn: '2026-07-03', reason: 'left the trade' },
    ]);
    expect(rulesOf(refusal(() => appoint(s, 'associationChief', 'new.e')))).toContain(
      'delegate.noVacancy',
    );
    s = appoint(s, 'unionChair', 'new.w');
    expect(s.context.vacancies).toEqual([]);
    expect(s.context.delegations.worker).toHaveLength(7);
  });
});

describe('offer, sessions and suspension', () => {
  const beforeOffer = script.toSecondSession.findIndex((x) => x.type === 'offer.sent');
  const awaitingReply = () => run(script.toSecondSession.slice(0, beforeOffer + 1));

  it('refuses an answer from the side that sent the offer (403)', () => {
    const err = refusal(() =>
      send(awaitingReply(), 'unionChair', {
        type: 'offer.answered',
        payload: { answeredOn: '2026-07-10', text: 'ok' },
      }),
    );
    expect(err.code).toBe('EVENT_FORBIDDEN');
  });

  it('requires a just cause to decline, and ends the round when declined', () => {
    const err = refusal(() =>
      send(awaitingReply(), 'associationChief', {
        type: 'offer.declined',
        payload: { declinedOn: '2026-07-10', justCause: 'no' },
      }),
    );
    expect(err.code).toBe('RULE_VIOLATED');
    const s = send(awaitingReply(), 'associationChief', {
      type: 'offer.declined',
      payload: {
        declinedOn: '2026-07-10',
        justCause: 'the association was dissolved by its members on 1 July',
      },
    });
    expect(stateName(s.value)).toBe('declined');
    expect(s.status).toBe('done');
    expect(s.hasTag('failed')).toBe(true);
  });

  it('lists the events the state accepts when one is sent out of turn (409)', () => {
    const err = refusal(() =>
      send(awaitingReply(), 'unionChair', {
        type: 'draft.agreed',
        payload: { text: 'x', items: [] },
      }),
    );
    expect(err.code).toBe('EVENT_NOT_ACCEPTED_IN_STATE');
    expect(err.details.acceptedEvents).toEqual([
      'delegate.appointed',
      'delegate.withdrawn',
      'offer.answered',
      'offer.declined',
      'round.abandoned',
    ]);
  });

  it('refuses to close a session before the recorder has recorded minutes', () => {
    const s = run(
      script.toSecondSession.slice(
        0,
        script.toSecondSession.findIndex((x) => x.type === 'session.opened') + 1,
      ),
    );
    expect(refusal(() => send(s, 'unionChair', { type: 'session.closed', payload: {} })).code).toBe(
      'RULE_VIOLATED',
    );
  });

  it('only lets the recorder record minutes, and never a representative', () => {
    const s = atSecondSession();
    expect(
      refusal(() => send(s, 'unionChair', { type: 'minutes.recorded', payload: { minutes: 'x' } }))
        .code,
    ).toBe('EVENT_FORBIDDEN');
    expect(
      refusal(() =>
        send(s, 'workerRep', {
          type: 'offer.tabled',
          payload: { items: [{ processCode: 'A', rate: '1' }], note: null },
        }),
      ).code,
    ).toBe('EVENT_FORBIDDEN');
  });

  it('suspends only with the other chief’s consent and resumes between sessions', () => {
    let s = run(script.toSignature.slice(0, 4), atSecondSession());
    s = send(s, 'unionChair', {
      type: 'suspension.proposed',
      payload: { reason: 'peak season orders', resumeOn: '2026-09-01' },
    });
    expect(stateName(s.value)).toBe('negotiating.suspensionProposed');
    expect(
      refusal(() => send(s, 'unionChair', { type: 'suspension.consented', payload: {} })).code,
    ).toBe('EVENT_FORBIDDEN');
    s = send(s, 'associationChief', { type: 'suspension.consented', payload: {} });
    expect(stateName(s.value)).toBe('suspended');
    s = send(s, 'associationChief', { type: 'negotiation.resumed', payload: {} });
    expect(stateName(s.value)).toBe('negotiating.betweenSessions');
  });

  it('goes to coordination on deadlock and back with the coordination agreement', () => {
    let s = run(script.toSignature.slice(0, 4), atSecondSession());
    s = send(s, 'unionChair', {
      type: 'coordination.requested',
      payload: {
        application: '双方就KN-01工价分歧较大，申请协调 (deadlock on KN-01)',
        appliedOn: '2026-08-10',
      },
    });
    expect(
      refusal(() =>
        send(s, 'unionChair', {
          type: 'coordination.accepted',
          payload: { acceptedOn: '2026-08-11' },
        }),
      ).code,
    ).toBe('EVENT_FORBIDDEN');
    s = send(s, 'labourOfficer', {
      type: 'coordination.accepted',
      payload: { acceptedOn: '2026-08-11' },
    });
    s = send(s, 'labourOfficer', { type: 'coordination.extended', payload: { days: 10 } });
    expect(
      refusal(() =>
        send(s, 'labourOfficer', { type: 'coordination.extended', payload: { days: 6 } }),
      ).code,
    ).toBe('RULE_VIOLATED');
    s = send(s, 'labourOfficer', {
      type: 'coordination.concluded',
      payload: { concludedOn: '2026-08-30', resolved: ['KN-01'], unresolved: ['payday'] },
    });
    expect(stateName(s.value)).toBe('negotiating.betweenSessions');
    expect(s.context.coordinationAgreements).toHaveLength(1);
  });
});

describe('ratification', () => {
  const toBallot = () =>
    run(
      script.toSignature.slice(
        0,
        script.toSignature.findIndex((x) => x.type === 'ballot.closed'),
      ),
      atSecondSession(),
    );
  const ballot = (s: RoundSnapshot, present: number, yes: number) =>
    send(s, 'unionChair', {
      type: 'ballot.closed',
      payload: { present, yes, no: present - yes, abstain: 0, closedOn: '2026-08-20' },
    });

  it.each([
    // 99 members: quorum 66, pass needs 50 yes (more than half of ALL, not of those present)
    [66, 50, 'ratified', 'passed'],
    [65, 60, 'awaitingRatification', 'noQuorum'],
    [70, 49, 'negotiating.betweenSessions', 'rejected'],
  ])('with %i present and %i yes of 99 the draft is %s', (present, yes, state, outcome) => {
    const s = ballot(toBallot(), present, yes);
    expect(stateName(s.value)).toBe(state);
    expect(s.context.ballots.at(-1)?.outcome).toBe(outcome);
  });

  it('sends a rejected draft back to negotiation without its signatures', () => {
    const s = ballot(toBallot(), 99, 40);
    expect(s.context.draft).toBeNull();
  });

  it('refuses counts that do not add up', () => {
    const err = refusal(() =>
      send(toBallot(), 'unionChair', {
        type: 'ballot.closed',
        payload: { present: 100, yes: 1, no: 0, abstain: 0, closedOn: '2026-08-20' },
      }),
    );
    expect(err.code).toBe('RULE_VIOLATED');
  });

  it('applies the at-least-half reading when the pinned policy selects it', () => {
    const policy: PolicyProfile = {
      ...ZHEJIANG_DEFAULT_POLICY,
      ratification: { ...ZHEJIANG_DEFAULT_POLICY.ratification, passRule: 'atLeastHalfOfAll' },
    };
    let s = run(script.toSecondSession, opened(policy));
    s = run(upToDraft.concat(script.toSignature.slice(upToDraft.length, upToDraft.length + 3)), s);
    s = send(s, 'unionChair', {
      type: 'ratification.submitted',
      payload: { body: 'congress', totalMembers: 100, meetingOn: '2026-08-20' },
    });
    expect(stateName(ballot(s, 80, 50).value)).toBe('ratified');
  });

  it('needs the employer side to prepare the final text before anyone signs', () => {
    const s = ballot(toBallot(), 90, 80);
    expect(
      refusal(() =>
        send(s, 'unionChair', { type: 'agreement.signed', payload: { signedOn: '2026-08-25' } }),
      ).code,
    ).toBe('RULE_VIOLATED');
    expect(
      refusal(() => send(s, 'unionChair', { type: 'agreement.prepared', payload: { text: 'x' } }))
        .code,
    ).toBe('EVENT_FORBIDDEN');
  });
});

describe('who may send what', () => {
  it('gives an auditor nothing to send in any state of the round', () => {
    const all = [...script.toSecondSession, ...script.toSignature];
    let s = opened();
    for (const { as, ...req } of all) {
      expect(eventsActorMaySend(def, s, ACTORS.auditor)).toEqual([]);
      s = send(s, as, req);
    }
  });

  it('lets a worker representative only hold a caucus', () => {
    const s = run(
      script.toSecondSession.slice(
        0,
        script.toSecondSession.findIndex((x) => x.type === 'agenda.itemAdded'),
      ),
    );
    expect(eventsActorMaySend(def, s, ACTORS.workerRep)).toEqual(['caucus.held']);
  });
});

describe('graph walk', () => {
  // Events offered at each snapshot: the script's next step for every role, plus the branches the
  // script does not take (decline, suspension, coordination, failed ballots, abandonment).
  const all = [...script.toSecondSession, ...script.toSignature];
  const extra: ScriptStep[] = [
    {
      as: 'associationChief',
      type: 'offer.declined',
      payload: { declinedOn: '2026-07-10', justCause: 'the association has been dissolved' },
    },
    {
      as: 'unionChair',
      type: 'round.abandoned',
      payload: { reason: 'union and association merged the talks', on: '2026-07-20' },
    },
    {
      as: 'unionChair',
      type: 'suspension.proposed',
      payload: { reason: 'peak season', resumeOn: '2026-12-01' },
    },
    {
      as: 'associationChief',
      type: 'suspension.proposed',
      payload: { reason: 'peak season', resumeOn: '2026-12-01' },
    },
    { as: 'associationChief', type: 'suspension.consented', payload: {} },
    { as: 'unionChair', type: 'suspension.consented', payload: {} },
    { as: 'associationChief', type: 'suspension.declined', payload: { reason: 'no' } },
    { as: 'unionChair', type: 'negotiation.resumed', payload: {} },
    {
      as: 'unionChair',
      type: 'coordination.requested',
      payload: { application: 'deadlock on KN-01 and KN-02', appliedOn: '2026-08-10' },
    },
    { as: 'labourOfficer', type: 'coordination.accepted', payload: { acceptedOn: '2026-08-11' } },
    {
      as: 'labourOfficer',
      type: 'coordination.concluded',
      payload: { concludedOn: '2026-08-30', resolved: ['KN-01'], unresolved: [] },
    },
    {
      as: 'unionChair',
      type: 'ballot.closed',
      payload: { present: 50, yes: 50, no: 0, abstain: 0, closedOn: '2026-08-20' },
    },
    {
      as: 'unionChair',
      type: 'ballot.closed',
      payload: { present: 90, yes: 10, no: 80, abstain: 0, closedOn: '2026-08-20' },
    },
  ];
  // The walk tries every step in every state: resolve each 405-line offer table once, not each time.
  const resolved = new Map<ScriptStep, EventRequest>();
  const asEvent = (step: ScriptStep) => {
    const { as: _as, ...req } = step;
    if (!resolved.has(step)) resolved.set(step, standaloneRequest(req, 'offer'));
    return resolved.get(step)!;
  };
  // Only what decides which events are possible next, beyond the kernel's own.
  const { reached, states } = walkMachine(woolKnitwearMachine, {
    opened: opened(),
    steps: [...all, ...extra],
    decide: (s, step) =>
      decideRequest(def, s, asEvent(step), ACTORS[step.as], AT, DEFAULT_LIMITS).event,
    progress: (s) => [
      ...kernelProgress(s),
      s.context.informationRequests.length,
      s.context.informationRequests.every((r) => r.suppliedOn !== null),
    ],
  });

  it('reaches every state of the machine', () => {
    expect([...reached].sort()).toEqual(states);
  });

  it('reaches the signed end and both failed ends', () => {
    expect(reached).toContain('signed');
    expect(reached).toContain('declined');
    expect(reached).toContain('abandoned');
  });
});
