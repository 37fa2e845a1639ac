import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { createLogger } from '../../src/common/logger.js';
import { TAIZHOU_POLICY } from '../../src/kernel/policy/policy-profile.js';
import { NegotiationService } from '../../src/negotiation/negotiation.service.js';
import { OpenNegotiationUseCase } from '../../src/negotiation/open-negotiation.use-case.js';
import { SendEventUseCase } from '../../src/negotiation/send-event.use-case.js';
import type { ProposePolicyProfileDto } from '../../src/policy/dto/policy-profile.dto.js';
import { PolicyService } from '../../src/policy/policy.service.js';
import { PARTIES } from '../../src/seed/demo-reference.js';
import { demoCaller } from '../../src/seed/demo-seed.js';
import {
  DEMO_ACCOUNT,
  xinheRoundScript,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { freshKey, runSteps, type OpenRound } from '../support/use-cases.js';

// Policy profile versions pinned at open, and the shared holiday calendar's gaps and edits (ADR 0029),
// on real PostgreSQL migrated by the real migrations. Each test opens rounds of its own years.

let t: TestApp;
let ds: DataSource;
const logLines: Record<string, unknown>[] = [];
const admin = demoCaller('admin');
const chair = demoCaller('chen.chair');

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  t = await startTestApp({}, createLogger('warn', sink));
  ds = t.app.get(DataSource);
}, 60_000);
afterAll(() => t?.close());

const open = (year: number, policyProfileId?: string) =>
  t.app.get(OpenNegotiationUseCase).execute(chair, {
    workerPartyId: PARTIES.xinheUnion.id,
    employerPartyId: PARTIES.xinheAssociation.id,
    year,
    title: `policy round ${year}`,
    ...(policyProfileId ? { policyProfileId } : {}),
    idempotency: freshKey(),
  });
const opened = async (year: number, policyProfileId?: string): Promise<OpenRound> => ({
  id: ((await open(year, policyProfileId)).body as { negotiationId: string }).negotiationId,
  revision: 1,
});
const roundsOf = async (year: number) =>
  Number((await ds.query(`SELECT count(*) AS n FROM negotiation WHERE year = $1`, [year]))[0].n);
const view = (id: string) => t.app.get(NegotiationService).view(chair, id);
const offerReply = async (id: string) =>
  (await view(id)).deadlines.find((d) => d.key === 'offer.reply')!;
// The Xinhe script up to and including the written offer: it starts the 20-day reply deadline.
const toOffer = (year: number) => {
  const steps = xinheRoundScript(year).toSecondSession;
  return steps.slice(0, steps.findIndex((s) => s.type === 'offer.sent') + 1);
};
const { id: _i, name: _n, family: _f, version: _v, sources: _s, ...taizhouValues } = TAIZHOU_POLICY;

describe('pinning a policy profile version when a round opens', () => {
  it('pins the current Taizhou version for a Wenling round that names none, values without citations', async () => {
    const round = await opened(2061);
    const v = await view(round.id);
    expect(v.policyProfileId).toBe('taizhou-v1');
    expect(v.policy).toMatchObject({ family: 'taizhou', version: 1 });
    expect(v.policy.sources).toBeUndefined();
  });

  it('refuses an unknown version with POLICY_PROFILE_UNKNOWN and stores nothing', async () => {
    await expect(open(2062, 'no-such-version')).rejects.toMatchObject({
      code: 'POLICY_PROFILE_UNKNOWN',
      details: { field: 'policyProfileId' },
    });
    expect(await roundsOf(2062)).toBe(0);
  });

  it('refuses a retired version at open but keeps it pinned, readable and working where pinned', async () => {
    await t.app.get(PolicyService).propose(
      admin,
      {
        ...taizhouValues,
        id: 'int-retiring',
        name: 'to be retired',
        family: 'int-retiring',
        sources: TAIZHOU_POLICY.sources,
      } as ProposePolicyProfileDto,
      freshKey(),
    );
    const pinned = await opened(2063, 'int-retiring');
    const retired = await t.app
      .get(PolicyService)
      .retire(admin, 'int-retiring', 'superseded', freshKey());
    expect(retired.body).toMatchObject({ id: 'int-retiring', retiredAt: expect.any(Date) });

    await expect(open(2064, 'int-retiring')).rejects.toMatchObject({
      code: 'POLICY_PROFILE_RETIRED',
    });
    expect(await roundsOf(2064)).toBe(0);
    expect((await view(pinned.id)).policyProfileId).toBe('int-retiring');
    await runSteps(t.app, pinned, toOffer(2063).slice(0, 2));
    expect((await view(pinned.id)).revision).toBe(3);
    await expect(
      t.app.get(PolicyService).retire(admin, 'int-retiring', 'again', freshKey()),
    ).rejects.toMatchObject({ code: 'POLICY_PROFILE_RETIRED' });
  });

  it('leaves a pinned round on its version when a new version is added; new rounds take the new one', async () => {
    const before = await opened(2065);
    await runSteps(t.app, before, toOffer(2065));
    const dueBefore = (await offerReply(before.id)).dueOn;

    const added = await t.app.get(PolicyService).propose(
      admin,
      {
        ...structuredClone(taizhouValues),
        id: 'taizhou-int-v2',
        name: 'Taizhou, shorter reply',
        basedOnId: 'taizhou-v1',
        deadlines: { ...taizhouValues.deadlines, offerReplyDays: 15 },
        sources: { 'deadlines.offerReplyDays': 'assumed: a test of a shorter local reply' },
      } as ProposePolicyProfileDto,
      freshKey(),
    );
    expect(added.body).toMatchObject({ family: 'taizhou', version: 2 });

    const pinned = await view(before.id);
    expect([pinned.policyProfileId, pinned.policy.deadlines.offerReplyDays]).toEqual([
      'taizhou-v1',
      20,
    ]);
    expect((await offerReply(before.id)).dueOn).toBe(dueBefore);

    const after = await opened(2066);
    const v = await view(after.id);
    expect([v.policyProfileId, v.policy.deadlines.offerReplyDays]).toEqual(['taizhou-int-v2', 15]);
  });

  it('refuses a new version with a value outside the law, listing every field, and stores nothing', async () => {
    const bad = {
      ...structuredClone(taizhouValues),
      id: 'int-out-of-range',
      name: 'too slow',
      basedOnId: 'taizhou-v1',
      deadlines: { ...taizhouValues.deadlines, offerReplyDays: 30, reviewDays: 20 },
    } as ProposePolicyProfileDto;
    await expect(t.app.get(PolicyService).propose(admin, bad, freshKey())).rejects.toMatchObject({
      code: 'POLICY_VALUE_OUT_OF_RANGE',
      details: {
        violations: [
          expect.objectContaining({ field: 'deadlines.offerReplyDays' }),
          expect.objectContaining({ field: 'deadlines.reviewDays' }),
        ],
      },
    });
    expect(await ds.query(`SELECT 1 FROM policy_profile WHERE id = 'int-out-of-range'`)).toEqual(
      [],
    );
  });
});

describe('the shared holiday calendar', () => {
  it('flags a deadline counted into a year with no published arrangement, on the round and in the log', async () => {
    const round = await opened(2070, 'taizhou-v1');
    await runSteps(t.app, round, toOffer(2070));
    expect(await offerReply(round.id)).toMatchObject({
      dueOn: expect.stringMatching(/^2070-07-/),
      calendarMissingYear: 2070,
      status: 'open',
    });
    expect(logLines).toContainEqual(
      expect.objectContaining({
        negotiationId: round.id,
        deadline: 'offer.reply',
        year: 2070,
        msg: 'deadline counted into a year with no published holiday arrangement',
      }),
    );
  });

  it('does not flag a deadline inside a published year', async () => {
    const [year2026] = await ds.query(`SELECT year FROM calendar_year WHERE year = 2026`);
    expect(year2026).toBeDefined();
    const demo = t.demo.rounds['2026'].id;
    const rows = await ds.query(
      `SELECT calendar_missing_year AS y FROM negotiation_deadline WHERE negotiation_id = $1`,
      [demo],
    );
    expect(rows.every((r: { y: number | null }) => r.y === null)).toBe(true);
  });

  it('recomputes an open deadline when a day is edited, records it in the chained history, and raises the revision', async () => {
    const round = await opened(2071, 'taizhou-v1');
    const steps = xinheRoundScript(2071).toSecondSession;
    const upToOffer = toOffer(2071);
    await runSteps(t.app, round, upToOffer);
    const before = await offerReply(round.id);
    const staleRevision = round.revision;

    const edit = await t.app
      .get(CalendarService)
      .put(admin, before.dueOn, { kind: 'holiday', name: 'int holiday' }, freshKey());
    expect((edit.body as { recomputed: unknown[] }).recomputed).toContainEqual({
      negotiationId: round.id,
      seq: staleRevision + 1,
      moved: 1,
    });

    const after = await offerReply(round.id);
    expect(after.dueOn > before.dueOn).toBe(true);
    const v = await view(round.id);
    expect(v.revision).toBe(staleRevision + 1);
    const history = await t.app.get(NegotiationService).history(chair, round.id, staleRevision, 10);
    expect(history.items).toEqual([
      expect.objectContaining({
        seq: staleRevision + 1,
        type: 'deadlines.recomputed',
        stateBefore: v.state,
        stateAfter: v.state,
        actor: expect.objectContaining({ capacity: 'administrator', side: null }),
        payload: {
          calendarChange: { action: 'calendarDay.marked', from: before.dueOn, to: before.dueOn },
          deadlines: [
            {
              key: 'offer.reply',
              fromDueOn: before.dueOn,
              toDueOn: after.dueOn,
              fromCalendarMissingYear: 2071,
              toCalendarMissingYear: 2071,
            },
          ],
        },
      }),
    ]);
    expect(await t.app.get(NegotiationService).verify(chair, round.id)).toMatchObject({
      valid: true,
    });

    // A client holding the old revision is refused, as after any change; the new one continues.
    const next = steps[upToOffer.length];
    const sendNext = (expectedRevision: number) => {
      const { as, type, payload } = next;
      return t.app.get(SendEventUseCase).execute(demoCaller(DEMO_ACCOUNT[as]), {
        negotiationId: round.id,
        expectedRevision,
        type,
        body: payload,
        idempotency: freshKey(),
      });
    };
    await expect(sendNext(staleRevision)).rejects.toMatchObject({
      code: 'NEGOTIATION_STALE_REVISION',
    });
    await expect(sendNext(staleRevision + 1)).resolves.toMatchObject({ status: 201 });
    expect(await t.app.get(NegotiationService).verify(chair, round.id)).toMatchObject({
      valid: true,
    });
  });

  it('clears the flag when the year is published, with its own history entry; rounds it does not touch get none', async () => {
    const round = await opened(2072, 'taizhou-v1');
    await runSteps(t.app, round, toOffer(2072));
    const untouched = await opened(2073, 'taizhou-v1');
    await runSteps(t.app, untouched, toOffer(2073));

    const published = await t.app
      .get(CalendarService)
      .publishYear(admin, 2072, 'a test notice for 2072', freshKey());
    const recomputed = (published.body as { recomputed: { negotiationId: string }[] }).recomputed;
    expect(recomputed.map((r) => r.negotiationId)).toContain(round.id);
    expect(recomputed.map((r) => r.negotiationId)).not.toContain(untouched.id);

    expect((await offerReply(round.id)).calendarMissingYear).toBeNull();
    expect((await offerReply(untouched.id)).calendarMissingYear).toBe(2073);
    expect((await view(untouched.id)).revision).toBe(untouched.revision);
    const [last] = (
      await t.app.get(NegotiationService).history(chair, round.id, round.revision, 10)
    ).items as { type: string; payload: { deadlines: { toCalendarMissingYear: unknown }[] } }[];
    expect(last.type).toBe('deadlines.recomputed');
    expect(last.payload.deadlines[0].toCalendarMissingYear).toBeNull();
    expect(await t.app.get(NegotiationService).verify(chair, round.id)).toMatchObject({
      valid: true,
    });
  });

  it('refuses a calendar edit by a non-administrator and changes nothing', async () => {
    await expect(
      t.app
        .get(CalendarService)
        .put(chair, '2072-03-03', { kind: 'holiday', name: 'not allowed' }, freshKey()),
    ).rejects.toMatchObject({ code: 'ROLE_FORBIDDEN' });
    expect(await ds.query(`SELECT 1 FROM calendar_day WHERE day = '2072-03-03'`)).toEqual([]);
  });
});
