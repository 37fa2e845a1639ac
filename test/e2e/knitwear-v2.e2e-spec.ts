import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ACCOUNTS, PEOPLE } from '../../src/seed/demo-reference.js';
import {
  DEMO_ACCOUNT,
  xinheRoundScript,
  type ScriptStep,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openXinheRound, runSteps, type OpenRound } from '../support/use-cases.js';

// Wool knitwear v2 over HTTP (ADR 0030): new rounds get v2, dates out of order are refused with 422
// and nothing stored, the recorder changes only by consent, minutes are read as versions; a round
// opened on v1 finishes on v1.

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let ds: DataSource;

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
  ds = t.app.get(DataSource);
  for (const a of ACCOUNTS.filter((x) =>
    ['chen.chair', 'lin.chief', 'ye.recorder'].includes(x.username),
  ))
    await api.token(a.username);
}, 120_000);
afterAll(() => t?.close());

const view = async (id: string) => (await api.get('chen.chair', `/api/negotiations/${id}`)).body;
const historyLength = async (id: string) =>
  (await api.get('chen.chair', `/api/negotiations/${id}/history?limit=1000`)).body.items.length;

async function send(round: OpenRound, step: ScriptStep) {
  return api.post(DEMO_ACCOUNT[step.as], `/api/negotiations/${round.id}/events`, {
    type: step.type,
    expectedRevision: round.revision,
    payload: step.payload,
  });
}

describe('a new wool-knitwear round runs on v2', () => {
  const script = xinheRoundScript(2034);
  const all = [...script.toSecondSession, ...script.toSignature];
  const upTo = (type: string) =>
    all.slice(
      0,
      all.findIndex((s) => s.type === type),
    );
  const stepOf = (type: string) => all.find((s) => s.type === type)!;
  let round: OpenRound;

  beforeAll(async () => {
    round = await openXinheRound(t.app, 2034);
  });

  it('is opened on v2', async () => {
    expect((await view(round.id)).machine).toEqual({ id: 'wool-knitwear', version: 2 });
  });

  // [what, the step, its changed payload, the violation: rule, field and the dates its message names]
  it.each([
    [
      'an answer dated before the offer was received',
      'offer.answered',
      { answeredOn: '2034-07-01' },
      ['dates.answerBeforeReceipt', 'answeredOn', '2034-07-01', '2034-07-07'],
    ],
    [
      'a joint session without its business date',
      'session.opened',
      { openedOn: undefined },
      ['dates.required', 'openedOn'],
    ],
    [
      'a joint session before the answer',
      'session.opened',
      { openedOn: '2034-07-14' },
      ['dates.sessionBeforeAnswer', 'openedOn', '2034-07-14', '2034-07-15'],
    ],
  ])('refuses %s with 422 RULE_VIOLATED and stores nothing', async (_name, type, patch, why) => {
    const [rule, field, ...dates] = why;
    await runSteps(t.app, round, upTo(type).slice(round.revision - 1));
    const before = await view(round.id);
    const length = await historyLength(round.id);
    const step = stepOf(type);
    const res = await send(round, {
      ...step,
      payload: { ...step.payload, ...patch },
    } as ScriptStep);
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 422,
      code: 'RULE_VIOLATED',
    });
    // One violation, naming its rule, its field and both dates (ADR 0030).
    expect(res.body.details.violations).toEqual([expect.objectContaining({ rule, field })]);
    for (const date of dates) expect(res.body.details.violations[0].message).toContain(date);
    const after = await view(round.id);
    expect({ revision: after.revision, state: after.state }).toEqual({
      revision: before.revision,
      state: before.state,
    });
    expect(await historyLength(round.id)).toBe(length);
  });

  it('shows each session’s business dates and every version of its minutes', async () => {
    await runSteps(t.app, round, upTo('minutes.signed').slice(round.revision - 1));
    const amended = await api.post('ye.recorder', `/api/negotiations/${round.id}/events`, {
      type: 'minutes.amended',
      expectedRevision: round.revision,
      payload: { sessionNumber: 1, minutes: '第一次协商（修订）', reason: '更正数字 (figures)' },
    });
    expect(amended.status).toBe(201);
    round.revision++;
    const again = await api.post('ye.recorder', `/api/negotiations/${round.id}/events`, {
      type: 'minutes.recorded',
      expectedRevision: round.revision,
      payload: { minutes: 'overwrite' },
    });
    expect(again.status).toBe(409); // between sessions nothing is recorded, only amended
    const [session] = (await view(round.id)).sessions;
    expect(session).toMatchObject({
      openedOn: '2034-08-03',
      closedOn: '2034-08-03',
      minutes: '第一次协商（修订）',
      minutesVersions: [
        { version: 1, reason: null, recordedBy: PEOPLE['ye.recorder'].id, signedBy: [] },
        { version: 2, text: '第一次协商（修订）', reason: '更正数字 (figures)', signedBy: [] },
      ],
    });
  });

  it('replaces the recorder only when the other chief consents', async () => {
    const proposed = await api.post('chen.chair', `/api/negotiations/${round.id}/events`, {
      type: 'recorder.replacementProposed',
      expectedRevision: round.revision,
      payload: { personId: PEOPLE['zhou.admin'].id, reason: '原记录员调离 (moved)' },
    });
    expect(proposed.status).toBe(201);
    round.revision++;
    const mine = await api.post('chen.chair', `/api/negotiations/${round.id}/events`, {
      type: 'recorder.replacementConsented',
      expectedRevision: round.revision,
      payload: {},
    });
    expect({ status: mine.status, code: mine.body.code }).toEqual({
      status: 403,
      code: 'EVENT_FORBIDDEN',
    });
    let v = await view(round.id);
    expect(v.recorder.personId).toBe(PEOPLE['ye.recorder'].id);
    expect(v.recorderReplacement).toMatchObject({
      proposedBy: 'worker',
      personId: PEOPLE['zhou.admin'].id,
      reason: '原记录员调离 (moved)',
    });
    const consent = await api.post('lin.chief', `/api/negotiations/${round.id}/events`, {
      type: 'recorder.replacementConsented',
      expectedRevision: round.revision,
      payload: {},
    });
    expect(consent.status).toBe(201);
    round.revision++;
    v = await view(round.id);
    expect(v.recorder.personId).toBe(PEOPLE['zhou.admin'].id);
    expect(v.recorderReplacement).toBeNull();
    expect(v.formerRecorders).toEqual([
      expect.objectContaining({
        personId: PEOPLE['ye.recorder'].id,
        reason: '原记录员调离 (moved)',
      }),
    ]);
  });
});

describe('a round opened on v1 finishes on v1', () => {
  it('takes the rest of the script without business dates and signs', async () => {
    const round = await openXinheRound(t.app, 2035);
    // The round was opened before v2 was released: its row names v1.
    await ds.query(`UPDATE negotiation SET machine_version = 1 WHERE id = $1`, [round.id]);
    const script = xinheRoundScript(2035);
    for (const step of [...script.toSecondSession, ...script.toSignature]) {
      const undated =
        step.type === 'session.opened'
          ? {
              ...step,
              payload: { attendance: (step.payload as { attendance: string[] }).attendance },
            }
          : step.type === 'session.closed'
            ? { ...step, payload: {} }
            : step;
      const res = await send(round, undated as ScriptStep);
      expect({ step: step.type, status: res.status }).toEqual({ step: step.type, status: 201 });
      round.revision++;
    }
    const v = await view(round.id);
    expect({ state: v.state, machine: v.machine }).toEqual({
      state: 'signed',
      machine: { id: 'wool-knitwear', version: 1 },
    });
    const { items } = (
      await api.get('chen.chair', `/api/negotiations/${round.id}/history?limit=1000`)
    ).body;
    expect(items.at(-1).machine).toBe('wool-knitwear@1');
  });
});
