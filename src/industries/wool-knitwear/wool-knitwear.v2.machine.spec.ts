import { kernelProgress, machineStates, walkMachine } from '../../../test/support/machine-walk.js';
import { describe, expect, it } from '@jest/globals';
import { initialTransition } from 'xstate';
import { DomainError } from '../../common/domain-error.js';
import { DEFAULT_LIMITS } from '../../common/limits.js';
import { decideRequest, stateName } from '../../kernel/round/decide-event.js';
import { standaloneRequest } from '../../kernel/round/offer-table.js';
import type { RoundSnapshot } from '../../kernel/round/procedure.js';
import type { ClientRequest, EventRequest, RoundEvent } from '../../kernel/round/round.events.js';
import { decideSender } from '../../kernel/round/round.permissions.js';
import { ZHEJIANG_DEFAULT_POLICY } from '../../kernel/policy/policy-profile.js';
import { PEOPLE } from '../../seed/demo-reference.js';
import {
  SCRIPT_ACTORS,
  xinheRoundScript,
  type DemoRole,
  type ScriptStep,
} from './demo/xinhe-round.script.js';
import { WOOL_KNITWEAR } from './wool-knitwear.industry.js';
import { woolKnitwearV2Machine } from './wool-knitwear.v2.machine.js';
import { woolKnitwearV2Violations } from './wool-knitwear.v2.rules.js';

const v1 = WOOL_KNITWEAR.versions.find((v) => v.version === 1)!;
const v2 = WOOL_KNITWEAR.versions.find((v) => v.version === 2)!;
const AT = '2026-07-01T02:00:00.000Z';
const RECORDER = PEOPLE['ye.recorder'].id;
const NEW_RECORDER = PEOPLE['qian.auditor'].id;

function opened(def = v2): RoundSnapshot {
  return initialTransition(def.machine, {
    negotiationId: 'n-2',
    industryCode: 'wool-knitwear',
    regionCode: 'wenling-xinhe',
    year: 2026,
    title: 'test round v2',
    policy: ZHEJIANG_DEFAULT_POLICY,
    parties: {
      worker: { partyId: 'p-union', name: 'union' },
      employer: { partyId: 'p-assoc', name: 'association' },
    },
  })[0];
}

let offersTabled = 0;
function send(s: RoundSnapshot, as: DemoRole, request: ClientRequest, def = v2): RoundSnapshot {
  const req = standaloneRequest(request, `offer-${++offersTabled}`);
  return decideRequest(def, s, req, SCRIPT_ACTORS[as], AT, DEFAULT_LIMITS).next;
}

const run = (steps: ScriptStep[], from = opened(), def = v2): RoundSnapshot =>
  steps.reduce((s, { as, ...req }) => send(s, as, req, def), from);

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

// The event as the door stamps it, to ask the v2 rules what they say about it.
function stamped(s: RoundSnapshot, as: DemoRole, request: ClientRequest): RoundEvent {
  const actor = SCRIPT_ACTORS[as];
  const sender = decideSender(request.type, actor, s.context);
  if (!sender.allowed) throw new Error(sender.reason);
  return {
    ...standaloneRequest(request, 'offer-x'),
    at: AT,
    actor: {
      accountId: actor.accountId,
      personId: actor.personId,
      capacity: sender.capacity,
      side: sender.side,
    },
  } as RoundEvent;
}
const rulesOf = (s: RoundSnapshot, as: DemoRole, request: ClientRequest) =>
  woolKnitwearV2Violations(s.context, stamped(s, as, request));

const script = xinheRoundScript(2026);
const all = [...script.toSecondSession, ...script.toSignature];
// The index in the whole script of the n-th step of a type.
const indexOf = (type: string, nth = 0) =>
  all.map((s, i) => [s.type, i] as const).filter(([t]) => t === type)[nth][1];
const before = (type: string, nth = 0) => all.slice(0, indexOf(type, nth));
const through = (type: string, nth = 0) => all.slice(0, indexOf(type, nth) + 1);
const stepOf = (type: string, nth = 0) => all[indexOf(type, nth)];
const withPayload = (step: ScriptStep, patch: Record<string, unknown>): ScriptStep =>
  ({ ...step, payload: { ...step.payload, ...patch } }) as ScriptStep;
const without = (step: ScriptStep, field: string): ScriptStep => {
  const payload = { ...(step.payload as Record<string, unknown>) };
  delete payload[field];
  return { ...step, payload } as ScriptStep;
};

describe('wool-knitwear machine v2: the Xinhe round with dated sessions', () => {
  it('walks the whole script from opening to a signed agreement', () => {
    const s = run(all);
    expect(stateName(s.value)).toBe('signed');
    expect(s.context.agreement?.signedOn).toBe('2026-08-25');
    expect(s.context.sessions.map((x) => [x.openedOn, x.closedOn])).toEqual([
      ['2026-08-03', '2026-08-03'],
      ['2026-08-10', '2026-08-10'],
    ]);
  });

  it.each([
    ['parties.registered', 0, 'constituting'],
    ['delegations.confirmed', 0, 'awaitingOffer'],
    ['offer.sent', 0, 'awaitingReply'],
    ['offer.answered', 0, 'preparing'],
    ['session.opened', 0, 'negotiating.inSession'],
    ['session.closed', 0, 'negotiating.betweenSessions'],
    ['session.opened', 1, 'negotiating.inSession'],
    ['draft.agreed', 0, 'draftAgreed'],
    ['draft.signed', 1, 'awaitingRatification'],
    ['ratification.submitted', 0, 'ratifying'],
    ['ballot.closed', 0, 'ratified'],
    ['agreement.signed', 1, 'signed'],
  ])('moves on %s (#%i) to %s', (type, nth, expected) => {
    expect(stateName(run(through(type, nth)).value)).toBe(expected);
  });
});

describe('business dates in order (v2 only)', () => {
  // [rule, the step of the script to send (type, nth), its changed payload (the field the violation
  // names first), the two dates the message names]
  const rows: [string, string, number, Record<string, unknown>, [string, string]][] = [
    [
      'dates.confirmedBeforeAppointment',
      'delegations.confirmed',
      0,
      { confirmedOn: '2026-06-30' },
      ['2026-06-30', '2026-07-01'],
    ],
    [
      'dates.offerBeforeConfirmation',
      'offer.sent',
      0,
      { sentOn: '2026-07-01', receivedOn: '2026-07-01' },
      ['2026-07-01', '2026-07-02'],
    ],
    [
      'dates.receivedBeforeSent',
      'offer.sent',
      0,
      { receivedOn: '2026-07-05', sentOn: '2026-07-06' },
      ['2026-07-05', '2026-07-06'],
    ],
    [
      'dates.answerBeforeReceipt',
      'offer.answered',
      0,
      { answeredOn: '2026-07-05' },
      ['2026-07-05', '2026-07-07'],
    ],
    [
      'dates.suppliedBeforeRequested',
      'information.supplied',
      0,
      { suppliedOn: '2026-07-10' },
      ['2026-07-10', '2026-07-16'],
    ],
    [
      'dates.sessionBeforeAnswer',
      'session.opened',
      0,
      { openedOn: '2026-07-14' },
      ['2026-07-14', '2026-07-15'],
    ],
    [
      'dates.sessionClosedBeforeOpened',
      'session.closed',
      0,
      { closedOn: '2026-08-02' },
      ['2026-08-02', '2026-08-03'],
    ],
    [
      'dates.sessionBeforePreviousClosed',
      'session.opened',
      1,
      { openedOn: '2026-08-02' },
      ['2026-08-02', '2026-08-03'],
    ],
    [
      'dates.meetingBeforeLastSession',
      'ratification.submitted',
      0,
      { meetingOn: '2026-08-09' },
      ['2026-08-09', '2026-08-10'],
    ],
    [
      'dates.ballotBeforeMeeting',
      'ballot.closed',
      0,
      { closedOn: '2026-08-19' },
      ['2026-08-19', '2026-08-20'],
    ],
    [
      'dates.signatureBeforeVote',
      'agreement.signed',
      0,
      { signedOn: '2026-08-19' },
      ['2026-08-19', '2026-08-20'],
    ],
  ];

  it.each(rows)(
    'refuses %s with a violation naming both dates and the field',
    (rule, type, nth, patch, [date, other]) => {
      const s = run(before(type, nth));
      const { as, ...request } = withPayload(stepOf(type, nth), patch);
      expect(refusal(() => send(s, as, request)).code).toBe('RULE_VIOLATED');
      const broken = rulesOf(s, as, request);
      expect(broken).toEqual([expect.objectContaining({ rule, field: Object.keys(patch)[0] })]);
      expect(broken[0].message).toContain(date);
      expect(broken[0].message).toContain(other);
      expect(stateName(s.value)).toBe(stateName(run(before(type, nth)).value));
    },
  );

  it.each([
    ['session.opened', 0, 'openedOn'],
    ['session.closed', 0, 'closedOn'],
  ])('requires %s (#%i) to carry %s', (type, nth, field) => {
    const s = run(before(type, nth));
    const { as, ...request } = without(stepOf(type, nth), field);
    expect(refusal(() => send(s, as, request)).code).toBe('RULE_VIOLATED');
    expect(rulesOf(s, as, request)).toEqual([
      expect.objectContaining({ rule: 'dates.required', field }),
    ]);
  });

  it('reports one violation per broken order, all at once', () => {
    const s = run(before('offer.sent'));
    const { as, ...request } = withPayload(stepOf('offer.sent'), {
      sentOn: '2026-07-01',
      receivedOn: '2026-06-30',
    });
    expect(rulesOf(s, as, request).map((v) => v.rule)).toEqual([
      'dates.offerBeforeConfirmation',
      'dates.receivedBeforeSent',
    ]);
  });

  it('accepts steps on the same day as the one they follow', () => {
    const s = run(before('offer.answered'));
    const next = send(s, 'associationChief', {
      type: 'offer.answered',
      payload: { answeredOn: '2026-07-07', text: 'agreed' },
    });
    expect(stateName(next.value)).toBe('preparing');
  });

  it.each(
    rows.filter(
      ([rule]) => !['dates.receivedBeforeSent', 'dates.answerBeforeReceipt'].includes(rule),
    ),
  )('leaves v1 as it was: %s is no rule there', (_rule, type, nth, patch) => {
    const s = run(before(type, nth), opened(v1), v1);
    const { as, ...request } = withPayload(stepOf(type, nth), patch);
    expect(send(s, as, request, v1)).not.toBe(s);
  });

  it('leaves v1 taking sessions without business dates', () => {
    const s = run(before('session.opened'), opened(v1), v1);
    const { as, ...request } = without(stepOf('session.opened'), 'openedOn');
    expect(stateName(send(s, as, request, v1).value)).toBe('negotiating.inSession');
  });
});

describe('the recorder is replaced only with both chiefs’ consent (v2)', () => {
  const constituted = () => run(through('recorder.appointed'));
  const propose = (s: RoundSnapshot, as: DemoRole = 'unionChair', personId = NEW_RECORDER) =>
    send(s, as, {
      type: 'recorder.replacementProposed',
      payload: { personId, reason: '原记录员调离 (the recorder moved to another post)' },
    });

  it('refuses a second recorder.appointed while a recorder holds the seat; v1 still overwrites', () => {
    const request: ClientRequest = {
      type: 'recorder.appointed',
      payload: { personId: NEW_RECORDER },
    };
    expect(refusal(() => send(constituted(), 'unionChair', request)).code).toBe('RULE_VIOLATED');
    expect(rulesOf(constituted(), 'unionChair', request)).toEqual([
      expect.objectContaining({ rule: 'recorder.seatHeld', field: 'personId' }),
    ]);
    const onV1 = run(through('recorder.appointed'), opened(v1), v1);
    expect(send(onV1, 'unionChair', request, v1).context.recorder?.personId).toBe(NEW_RECORDER);
  });

  it.each([
    ['in constituting', () => run(through('recorder.appointed'))],
    ['between joint sessions', () => run(through('session.closed'))],
    ['with a draft agreed', () => run(through('draft.agreed'))],
  ])('replaces the recorder %s on the other chief’s consent', (_when, at) => {
    let s = propose(at());
    expect(s.context.recorder?.personId).toBe(RECORDER);
    expect(s.context.recorderReplacement).toMatchObject({
      proposedBy: 'worker',
      personId: NEW_RECORDER,
    });
    expect(
      refusal(() => send(s, 'unionChair', { type: 'recorder.replacementConsented', payload: {} }))
        .code,
    ).toBe('EVENT_FORBIDDEN');
    s = send(s, 'associationChief', { type: 'recorder.replacementConsented', payload: {} });
    expect(s.context.recorder).toEqual({ personId: NEW_RECORDER });
    expect(s.context.recorderReplacement).toBeNull();
    expect(s.context.formerRecorders).toEqual([
      expect.objectContaining({ personId: RECORDER, replacedAt: AT }),
    ]);
  });

  it('keeps the recorder when the other chief declines', () => {
    let s = propose(constituted(), 'associationChief');
    s = send(s, 'unionChair', {
      type: 'recorder.replacementDeclined',
      payload: { reason: '无正当理由 (no good reason given)' },
    });
    expect(s.context.recorder?.personId).toBe(RECORDER);
    expect(s.context.recorderReplacement).toBeNull();
  });

  it.each([
    [
      'with nobody in the seat',
      () => run(before('recorder.appointed')),
      NEW_RECORDER,
      'recorder.noneToReplace',
    ],
    [
      'naming the recorder again',
      () => run(through('recorder.appointed')),
      RECORDER,
      'recorder.samePerson',
    ],
    [
      'naming a representative',
      () => run(through('recorder.appointed')),
      PEOPLE['li.w2'].id,
      'recorder.isRepresentative',
    ],
    [
      'while another proposal waits',
      () => propose(run(through('recorder.appointed'))),
      PEOPLE['zhou.admin'].id,
      'recorder.replacementPending',
    ],
  ])('refuses a proposal %s', (_name, at, personId, rule) => {
    const s = at();
    const request: ClientRequest = {
      type: 'recorder.replacementProposed',
      payload: { personId, reason: 'a reason' },
    };
    expect(refusal(() => send(s, 'associationChief', request)).code).toBe('RULE_VIOLATED');
    expect(rulesOf(s, 'associationChief', request).map((v) => v.rule)).toContain(rule);
  });

  it('refuses consent when nothing is proposed', () => {
    expect(
      refusal(() =>
        send(constituted(), 'associationChief', {
          type: 'recorder.replacementConsented',
          payload: {},
        }),
      ).code,
    ).toBe('RULE_VIOLATED');
  });

  it('is not part of v1', () => {
    const s = run(through('recorder.appointed'), opened(v1), v1);
    const request: ClientRequest = {
      type: 'recorder.replacementProposed',
      payload: { personId: NEW_RECORDER, reason: 'moved' },
    };
    // v1 does not define the event at all (ADR 0028's door: not in this procedure).
    expect(refusal(() => send(s, 'unionChair', request, v1)).code).toBe('EVENT_NOT_IN_PROCEDURE');
  });
});

describe('minutes are amended as new versions, never overwritten (v2)', () => {
  const recorded = () => run(through('minutes.recorded'));
  const signedFirst = () => run(through('minutes.signed', 1));
  const amend = (
    s: RoundSnapshot,
    sessionNumber: number,
    minutes: string,
    reason = '更正笔误 (typo)',
  ) =>
    send(s, 'recorder', { type: 'minutes.amended', payload: { sessionNumber, minutes, reason } });

  it('refuses a second minutes.recorded for the session; v1 still overwrites', () => {
    const request: ClientRequest = { type: 'minutes.recorded', payload: { minutes: 'again' } };
    expect(refusal(() => send(recorded(), 'recorder', request)).code).toBe('RULE_VIOLATED');
    expect(rulesOf(recorded(), 'recorder', request)).toEqual([
      expect.objectContaining({ rule: 'minutes.alreadyRecorded' }),
    ]);
    const onV1 = run(through('minutes.recorded'), opened(v1), v1);
    expect(send(onV1, 'recorder', request, v1).context.sessions[0].minutes).toBe('again');
  });

  it('adds a version with its reason and recorder, keeping the first', () => {
    const s = amend(recorded(), 1, '第一次协商（修订）');
    const session = s.context.sessions[0];
    expect(session.minutes).toBe('第一次协商（修订）');
    expect(session.minutesVersions).toEqual([
      expect.objectContaining({ version: 1, reason: null, recordedBy: RECORDER }),
      {
        version: 2,
        text: '第一次协商（修订）',
        reason: '更正笔误 (typo)',
        recordedBy: RECORDER,
        recordedAt: AT,
        signedBy: [],
      },
    ]);
    expect(session.minutesVersions?.[0].text).toBe(
      (stepOf('minutes.recorded').payload as { minutes: string }).minutes,
    );
  });

  it('clears the signatures when signed minutes are amended: both chiefs sign the new version', () => {
    let s = amend(signedFirst(), 1, '第一次协商（签字后修订）');
    const session = s.context.sessions[0];
    expect(session.minutesSignedBy).toEqual([]);
    expect(session.minutesVersions?.[0].signedBy).toEqual(['worker', 'employer']);
    expect(session.minutesVersions?.[1].signedBy).toEqual([]);
    s = send(s, 'unionChair', { type: 'minutes.signed', payload: { sessionNumber: 1 } });
    expect(s.context.sessions[0].minutesVersions?.[1].signedBy).toEqual(['worker']);
  });

  it('refuses the draft until the amended minutes are signed again', () => {
    let s = run(before('draft.agreed'));
    s = amend(s, 2, '第二次协商（修订）');
    const { as, ...draft } = stepOf('draft.agreed');
    expect(refusal(() => send(s, as, draft)).code).toBe('RULE_VIOLATED');
    s = send(s, 'unionChair', { type: 'minutes.signed', payload: { sessionNumber: 2 } });
    s = send(s, 'associationChief', { type: 'minutes.signed', payload: { sessionNumber: 2 } });
    expect(stateName(send(s, as, draft).value)).toBe('draftAgreed');
  });

  it.each([
    ['a session with no minutes', 3, 'new text', 'minutes.nothingToAmend'],
    ['the same text again', 1, null, 'minutes.unchanged'],
    ['no reason', 1, 'new text', 'minutes.reason'],
  ])('refuses an amendment of %s', (_name, sessionNumber, text, rule) => {
    const s = recorded();
    const request: ClientRequest = {
      type: 'minutes.amended',
      payload: {
        sessionNumber,
        minutes: text ?? s.context.sessions[0].minutes!,
        reason: rule === 'minutes.reason' ? ' ' : 'why',
      },
    };
    expect(refusal(() => send(s, 'recorder', request)).code).toBe('RULE_VIOLATED');
    expect(rulesOf(s, 'recorder', request).map((v) => v.rule)).toContain(rule);
  });

  it('lets only the recorder amend', () => {
    expect(
      refusal(() =>
        send(recorded(), 'unionChair', {
          type: 'minutes.amended',
          payload: { sessionNumber: 1, minutes: 'x', reason: 'y' },
        }),
      ).code,
    ).toBe('EVENT_FORBIDDEN');
  });
});

describe('graph walk (v2)', () => {
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
    { as: 'associationChief', type: 'suspension.consented', payload: {} },
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
  const resolved = new Map<ScriptStep, EventRequest>();
  const asEvent = (step: ScriptStep) => {
    const { as: _as, ...req } = step;
    if (!resolved.has(step)) resolved.set(step, standaloneRequest(req, 'offer'));
    return resolved.get(step)!;
  };
  const { reached, states } = walkMachine(woolKnitwearV2Machine, {
    opened: opened(),
    steps: [...all, ...extra],
    decide: (s, step) =>
      decideRequest(v2, s, asEvent(step), SCRIPT_ACTORS[step.as], AT, DEFAULT_LIMITS).event,
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

  it('has v1’s states, so the two share their texts', () => {
    expect(states).toEqual(machineStates(v1.machine));
  });
});
