import { describe, it, expect } from '@jest/globals';
import { CHINA_PUBLIC_HOLIDAYS_2025_2026 } from '../calendar/china-holidays.js';
import { StatutoryCalendar } from '../calendar/statutory-days.js';
import { ZHEJIANG_DEFAULT_POLICY, type PolicyProfile } from '../policy/policy-profile.js';
import { newRoundContext } from './round.context.js';
import { deadlineBases, dueDates, isYourMove } from './round.deadlines.js';
import type { NegotiationActor } from './round.permissions.js';
import type { RoundContext } from './round.types.js';

// Weekdays checked by hand: 2026-09-15 Tue, 2026-10-05 Mon (National Day, 1–7 Oct are holidays),
// 2026-10-08 Thu, 2026-10-15 Thu, 2026-10-16 Fri, 2026-10-18 Sun, 2026-10-20 Tue, 2026-10-23 Fri.
const calendar = new StatutoryCalendar(CHINA_PUBLIC_HOLIDAYS_2025_2026);

const context = (policy: PolicyProfile = ZHEJIANG_DEFAULT_POLICY): RoundContext =>
  newRoundContext({
    negotiationId: 'neg-1',
    industryCode: 'wool-knitwear',
    regionCode: 'wenling-xinhe',
    year: 2026,
    title: 'Wenling wool knitwear 2026',
    policy,
    parties: {
      worker: { partyId: 'union', name: 'Union' },
      employer: { partyId: 'assoc', name: 'Association' },
    },
  });

const withOffer = (proposedTime = '2026-10-20T01:30:00.000Z'): RoundContext => ({
  ...context(),
  offer: {
    fromSide: 'worker',
    content: 'wage rates for 2026',
    proposedTime,
    proposedPlace: 'Xinhe town hall',
    sentOn: '2026-09-14',
    receivedOn: '2026-09-15',
  },
});

const request = (requestId: string, suppliedOn: string | null = null) => ({
  requestId,
  fromSide: 'worker' as const,
  subject: 'piece-rate output 2025',
  requestedOn: '2026-09-20',
  suppliedOn,
});

const rows = (ctx: RoundContext) => dueDates(deadlineBases(ctx), calendar, ctx);
const rowByKey = (ctx: RoundContext, key: string) => rows(ctx).find((r) => r.key === key);

describe('deadlineBases', () => {
  it('has no deadlines for a fresh round', () => {
    expect(deadlineBases(context())).toEqual([]);
  });

  it('starts the offer reply period on the day the offer was received', () => {
    const [basis] = deadlineBases(withOffer());
    expect(basis).toMatchObject({
      key: 'offer.reply',
      kind: 'offer.reply',
      startsOn: '2026-09-15',
      days: 20,
      direction: 'forward',
      metOn: null,
    });
    expect(basis.rule).toContain('employer side answers');
  });

  it('counts the information lead time back from the local date of the first session', () => {
    const ctx = { ...withOffer(), informationRequests: [request('r1')] };
    expect(deadlineBases(ctx)[1]).toMatchObject({
      key: 'information.supply:r1',
      kind: 'information.supply',
      startsOn: '2026-10-20',
      days: 5,
      direction: 'backward',
      metOn: null,
    });
  });

  it('takes the first session date in the policy time zone, not in UTC', () => {
    // 17:00 UTC on 19 Oct is 01:00 on 20 Oct in Asia/Shanghai.
    const ctx = { ...withOffer('2026-10-19T17:00:00.000Z'), informationRequests: [request('r1')] };
    expect(deadlineBases(ctx)[1].startsOn).toBe('2026-10-20');
  });

  it('adds filing.submit only once the agreement has been signed', () => {
    const agreement = {
      text: 'agreement',
      preparedAt: '2026-10-30T02:00:00.000Z',
      signatures: { worker: '2026-11-02' },
      signedOn: null,
    };
    expect(deadlineBases({ ...context(), agreement }).map((b) => b.key)).toEqual([]);
    const signed = {
      ...context(),
      agreement: {
        ...agreement,
        signatures: { worker: '2026-11-02', employer: '2026-11-02' },
        signedOn: '2026-11-02',
      },
    };
    expect(deadlineBases(signed)).toEqual([
      expect.objectContaining({
        key: 'filing.submit',
        startsOn: '2026-11-02',
        days: 7,
        direction: 'forward',
      }),
    ]);
  });

  it('adds a resubmission deadline only under a policy that sets one', () => {
    const ballot = {
      body: 'workers congress',
      totalMembers: 100,
      present: 80,
      yes: 40,
      no: 40,
      abstain: 0,
      closedOn: '2026-08-01',
      hasQuorum: true,
      outcome: 'rejected' as const,
    };
    expect(deadlineBases({ ...context(), ballots: [ballot] })).toEqual([]);
    const fujian = {
      ...ZHEJIANG_DEFAULT_POLICY,
      deadlines: { ...ZHEJIANG_DEFAULT_POLICY.deadlines, resubmissionDays: 60 },
    };
    expect(deadlineBases({ ...context(fujian), ballots: [ballot] })).toEqual([
      expect.objectContaining({ key: 'ratification.resubmit', startsOn: '2026-08-01', days: 60 }),
    ]);
  });

  it('adds the suspension resume date only once both chiefs consented', () => {
    const suspension = {
      proposedBy: 'worker' as const,
      reason: 'await price data',
      resumeOn: '2026-10-03',
      proposedAt: '2026-09-20T02:00:00.000Z',
      consentedAt: null,
    };
    expect(deadlineBases({ ...context(), suspension })).toEqual([]);
    const consented = { ...suspension, consentedAt: '2026-09-21T02:00:00.000Z' };
    expect(deadlineBases({ ...context(), suspension: consented })).toEqual([
      expect.objectContaining({ key: 'suspension.resume', direction: 'fixed', days: 0 }),
    ]);
  });
});

describe('dueDates', () => {
  it('rolls the offer reply from the National Day holiday to the next working day', () => {
    // 2026-09-15 + 20 days = 2026-10-05, a holiday; 6 and 7 Oct are holidays too.
    expect(rowByKey(withOffer(), 'offer.reply')).toMatchObject({
      dueOn: '2026-10-08',
      dueAt: '2026-10-08T16:00:00.000Z',
      status: 'open',
    });
  });

  it('makes information due five days before the first session', () => {
    // 2026-10-20 (Tue) - 5 days = 2026-10-15, a Thursday and a working day.
    const ctx = { ...withOffer(), informationRequests: [request('r1')] };
    expect(rowByKey(ctx, 'information.supply:r1')).toMatchObject({
      startsOn: '2026-10-20',
      dueOn: '2026-10-15',
      dueAt: '2026-10-15T16:00:00.000Z',
      status: 'open',
    });
  });

  it('moves an information deadline that falls on a rest day back to the previous working day', () => {
    // 2026-10-23 (Fri) - 5 days = 2026-10-18 (Sun); Saturday 17th is a rest day too, so Friday 16th.
    const ctx = {
      ...withOffer('2026-10-23T02:00:00.000Z'),
      informationRequests: [request('r1')],
    };
    expect(rowByKey(ctx, 'information.supply:r1')?.dueOn).toBe('2026-10-16');
  });

  it('moves an information deadline inside National Day back before the holiday', () => {
    // 2026-10-12 (Mon) - 5 days = 2026-10-07, a holiday; 1–7 Oct are all holidays, 30 Sep is a Wednesday.
    const ctx = {
      ...withOffer('2026-10-12T02:00:00.000Z'),
      informationRequests: [request('r1')],
    };
    expect(rowByKey(ctx, 'information.supply:r1')?.dueOn).toBe('2026-09-30');
  });

  it('marks an answered offer and supplied information as met', () => {
    const ctx: RoundContext = {
      ...withOffer(),
      reply: { answeredOn: '2026-09-30', text: 'we accept to negotiate' },
      informationRequests: [request('r1', '2026-10-09'), request('r2')],
    };
    const all = rows(ctx);
    expect(all.map((r) => [r.key, r.metOn, r.status])).toEqual([
      ['offer.reply', '2026-09-30', 'met'],
      ['information.supply:r1', '2026-10-09', 'met'],
      ['information.supply:r2', null, 'open'],
    ]);
  });

  it('marks a declined offer as met on the day it was declined', () => {
    const ctx: RoundContext = {
      ...withOffer(),
      decline: { declinedOn: '2026-09-25', justCause: 'no standing' },
    };
    expect(rowByKey(ctx, 'offer.reply')).toMatchObject({ metOn: '2026-09-25', status: 'met' });
  });

  it('makes filing due seven days after signing', () => {
    const ctx: RoundContext = {
      ...context(),
      agreement: {
        text: 'agreement',
        preparedAt: '2026-10-30T02:00:00.000Z',
        signatures: { worker: '2026-11-02', employer: '2026-11-02' },
        signedOn: '2026-11-02',
      },
    };
    // 2026-11-02 (Mon) + 7 = 2026-11-09 (Mon)
    expect(rowByKey(ctx, 'filing.submit')).toMatchObject({
      dueOn: '2026-11-09',
      dueAt: '2026-11-09T16:00:00.000Z',
      status: 'open',
    });
  });

  it('refills a vacancy within 15 days, rolled past National Day', () => {
    const ctx: RoundContext = {
      ...context(),
      vacancies: [
        { side: 'worker', personId: 'w3', vacatedOn: '2026-09-18', reason: 'left the trade' },
      ],
    };
    // 2026-09-18 + 15 = 2026-10-03, a holiday; the holiday runs to 7 Oct.
    expect(rows(ctx)).toEqual([
      expect.objectContaining({
        key: 'delegate.vacancy:worker:w3',
        startsOn: '2026-09-18',
        days: 15,
        dueOn: '2026-10-08',
      }),
    ]);
  });

  it('adds any coordination extension to the coordination period', () => {
    const ctx: RoundContext = {
      ...context(),
      coordination: {
        appliedBy: 'worker',
        application: 'deadlock on rates',
        appliedOn: '2026-08-28',
        acceptedOn: '2026-09-01',
        extensionDays: 10,
      },
    };
    // 2026-09-01 + 40 = 2026-10-11, a Sunday (the make-up workday is 10 Oct), so Monday 12 Oct.
    expect(rowByKey(ctx, 'coordination.conclude')).toMatchObject({ days: 40, dueOn: '2026-10-12' });
  });

  it('keeps an agreed resume date as it is, even on a rest day', () => {
    const ctx: RoundContext = {
      ...context(),
      suspension: {
        proposedBy: 'worker',
        reason: 'await price data',
        resumeOn: '2026-10-03',
        proposedAt: '2026-09-20T02:00:00.000Z',
        consentedAt: '2026-09-21T02:00:00.000Z',
      },
    };
    expect(rowByKey(ctx, 'suspension.resume')).toMatchObject({
      dueOn: '2026-10-03',
      dueAt: '2026-10-03T16:00:00.000Z',
    });
  });

  it('counts working days when the policy says so', () => {
    const policy: PolicyProfile = { ...ZHEJIANG_DEFAULT_POLICY, dayCounting: 'workingDays' };
    const ctx: RoundContext = { ...withOffer(), policy };
    // Working days after Tue 15 Sep: 16,17,18, Sun 20 (make-up), 21–24 = 8; 25–27 holiday;
    // 28–30 = 11; 1–7 Oct holiday; 8, 9, Sat 10 (make-up) = 14; 12–16 = 19; Mon 19 Oct = 20.
    expect(rowByKey(ctx, 'offer.reply')?.dueOn).toBe('2026-10-19');
  });
});

// "My work" lists the deadlines a person must act on (issue 11): the events that meet each one, sent
// by the side that must, or the side's chief where no event meets it yet.
describe('isYourMove', () => {
  const actor = (over: Partial<NegotiationActor>): NegotiationActor => ({
    chiefOf: [],
    memberOf: [],
    isRecorder: false,
    isLabourOfficer: false,
    ...over,
  });
  const unionChair = actor({ chiefOf: ['worker'] });
  const associationChief = actor({ chiefOf: ['employer'] });
  const workerRep = actor({ memberOf: ['worker'] });
  const officer = actor({ isLabourOfficer: true });
  const open = (ctx: RoundContext, key: string) => {
    const row = rowByKey(ctx, key);
    if (!row) throw new Error(`no deadline ${key}`);
    return row;
  };

  it('the offer’s reply is the receiving chief’s, once they may answer', () => {
    const ctx = withOffer();
    const reply = open(ctx, 'offer.reply');
    expect(isYourMove(reply, ctx, associationChief, ['offer.answered', 'offer.declined'])).toBe(
      true,
    );
    // The chief who sent it, or anyone who may not answer now, is not asked.
    expect(isYourMove(reply, ctx, unionChair, ['offer.answered'])).toBe(false);
    expect(isYourMove(reply, ctx, associationChief, ['delegate.appointed'])).toBe(false);
    expect(isYourMove(reply, ctx, workerRep, [])).toBe(false);
    expect(isYourMove({ ...reply, status: 'met' }, ctx, associationChief, ['offer.answered'])).toBe(
      false,
    );
  });

  it('a request for information is the asked side’s to supply, not the asking side’s', () => {
    const ctx = { ...withOffer(), informationRequests: [request('r1')] };
    const supply = open(ctx, 'information.supply:r1');
    expect(isYourMove(supply, ctx, associationChief, ['information.supplied'])).toBe(true);
    expect(isYourMove(supply, ctx, unionChair, ['information.supplied'])).toBe(false);
  });

  it('a vacant seat is its own side’s to refill', () => {
    const ctx: RoundContext = {
      ...withOffer(),
      vacancies: [{ side: 'employer', personId: 'p-9', vacatedOn: '2026-09-20' }],
    } as RoundContext;
    const vacancy = open(ctx, 'delegate.vacancy:employer:p-9');
    expect(isYourMove(vacancy, ctx, associationChief, ['delegate.appointed'])).toBe(true);
    expect(isYourMove(vacancy, ctx, unionChair, ['delegate.appointed'])).toBe(false);
  });

  it('coordination is the labour officer’s to conclude; a resubmission and the filing are a side’s chief’s', () => {
    const coordination = {
      kind: 'coordination.conclude',
      key: 'coordination.conclude',
      status: 'open',
    };
    expect(isYourMove(coordination, context(), officer, ['coordination.concluded'])).toBe(true);
    expect(isYourMove(coordination, context(), unionChair, [])).toBe(false);
    const resubmit = {
      kind: 'ratification.resubmit',
      key: 'ratification.resubmit',
      status: 'open',
    };
    expect(isYourMove(resubmit, context(), unionChair, [])).toBe(true);
    expect(isYourMove(resubmit, context(), associationChief, ['draft.signed'])).toBe(false);
    const filing = { kind: 'filing.submit', key: 'filing.submit', status: 'open' };
    expect(isYourMove(filing, context(), associationChief, [])).toBe(true);
    expect(isYourMove(filing, context(), unionChair, [])).toBe(false);
  });

  it('a kind the kernel does not know is nobody’s in particular', () => {
    const own = { kind: 'hearing.notice', key: 'hearing.notice', status: 'open' };
    expect(isYourMove(own, context(), unionChair, ['hearing.scheduled'])).toBe(false);
  });
});
