import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ACCOUNTS } from '../../src/seed/demo-reference.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let surveyId: string;
const quote = (kn01: string, kn02: string) => ({
  quotes: [
    { processCode: 'KN-01', rate: kn01 },
    { processCode: 'KN-02', rate: kn02 },
  ],
});

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
  // Log in once up front: the slow password hash would otherwise eat the first test's time.
  for (const a of ACCOUNTS) await api.token(a.username);
  const opened = await api.post(
    'chen.chair',
    `/api/negotiations/${t.demo.rounds['2026'].id}/surveys`,
    {
      processCodes: ['KN-01', 'KN-02'],
      openedOn: '2026-07-20',
    },
  );
  expect(opened.status).toBe(201);
  surveyId = opened.body.id;
}, 120_000);
afterAll(() => t?.close());

describe('an anonymous rate survey (工价征求表)', () => {
  it('collects one answer per representative and shows figures only after the close', async () => {
    for (const [who, a, b] of [
      ['wang.w1', '1.3000', '0.9000'],
      ['li.w2', '1.2800', '0.8800'],
      ['he.e1', '1.2000', '0.8000'],
      ['guo.e2', '1.1800', '0.8200'],
      ['zhao.w3', '1.3200', '0.8600'],
    ])
      expect((await api.post(who, `/api/surveys/${surveyId}/responses`, quote(a, b))).status).toBe(
        201,
      );
    const retry = randomUUID();
    for (const replayed of [undefined, 'true']) {
      const res = await api.post(
        'lin.chief',
        `/api/surveys/${surveyId}/responses`,
        quote('1.2100', '0.8100'),
        retry,
      );
      expect({ status: res.status, replayed: res.headers['idempotent-replayed'] }).toEqual({
        status: 201,
        replayed,
      });
    }
    // While open: only how many answered on each side, never a figure (the k-th answer's quotes
    // would follow from the figures before and after it).
    const open = await api.get('chen.chair', `/api/surveys/${surveyId}/statistics`);
    expect(open.body).toMatchObject({
      status: 'open',
      respondents: 6,
      respondentsBySide: { worker: 3, employer: 3 },
      processes: [],
    });
    expect(JSON.stringify(open.body)).not.toMatch(/1\.3200|1\.2100|1\.3000/);

    expect(
      (await api.post('chen.chair', `/api/surveys/${surveyId}/close`, { closedOn: '2026-07-28' }))
        .status,
    ).toBe(200);
    const stats = await api.get('lin.chief', `/api/surveys/${surveyId}/statistics`);
    // KN-01 workers: 1.28, 1.30, 1.32; employers: 1.18, 1.20, 1.21 → medians 1.30 and 1.20, gap 0.10 (8.33 %).
    expect(stats.body.processes[0]).toMatchObject({
      processCode: 'KN-01',
      worker: { count: 3, high: '1.3200', median: '1.3000', low: '1.2800', mean: '1.3000' },
      employer: { count: 3, high: '1.2100', median: '1.2000', low: '1.1800', mean: '1.1967' },
      gap: { absolute: '0.1000', percent: '8.33' },
    });
    expect(stats.body.respondents).toBe(6);
    // A retry that arrives after the close is still recognised by its receipt.
    const late = await api.post(
      'lin.chief',
      `/api/surveys/${surveyId}/responses`,
      quote('1.2100', '0.8100'),
      retry,
    );
    expect({ status: late.status, replayed: late.headers['idempotent-replayed'] }).toEqual({
      status: 201,
      replayed: 'true',
    });
  });

  it('lists the round’s surveys, the demo one included', async () => {
    const res = await api.get('he.e1', `/api/negotiations/${t.demo.rounds['2026'].id}/surveys`);
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining([surveyId, t.demo.surveyId]),
    );
    expect(res.body.items.find((s: { id: string }) => s.id === t.demo.surveyId)).toMatchObject({
      respondents: 7,
      processes: 5,
    });
  });

  it('refuses a second, different answer from the same person and changes nothing', async () => {
    const demo = t.demo.surveyId;
    const before = await api.get('chen.chair', `/api/surveys/${demo}/statistics`);
    const again = await api.post(
      'wang.w1',
      `/api/surveys/${demo}/responses`,
      quote('9.0000', '9.0000'),
    );
    expect({ status: again.status, code: again.body.code }).toEqual({
      status: 409,
      code: 'SURVEY_ALREADY_ANSWERED',
    });
    expect((await api.get('chen.chair', `/api/surveys/${demo}/statistics`)).body).toEqual(
      before.body,
    );
  });

  it('keeps no row that links a person to a quote, even in the database', async () => {
    const ds = t.app.get(DataSource);
    const columns = await ds.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('rate_survey', 'survey_participant', 'survey_tally', 'survey_answer') ORDER BY 1, 2`,
    );
    expect(columns.map((c: { column_name: string }) => c.column_name)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/account|author|created|user/)]),
    );
    const tags = (
      await ds.query(`SELECT participant_tag FROM survey_participant WHERE survey_id = $1`, [
        surveyId,
      ])
    ).map((r: { participant_tag: string }) => r.participant_tag);
    expect(tags).toHaveLength(6);
    // Tags are keyed hashes: no account id appears in them, nor their plain hash.
    const dump = JSON.stringify(
      await ds.query(
        `SELECT p.*, t.survey_id, t.process_code, t.side, t.rates::text[] AS rates FROM survey_participant p, survey_tally t WHERE p.survey_id = $1 AND t.survey_id = $1`,
        [surveyId],
      ),
    );
    for (const a of ACCOUNTS) expect(dump).not.toContain(a.id);
    // Each tally is a sorted multiset: the order of answers is gone; the closed pool is empty.
    const [tally] = await ds.query(
      `SELECT rates::text[] AS rates FROM survey_tally WHERE survey_id = $1 AND process_code = 'KN-01' AND side = 'worker'`,
      [surveyId],
    );
    expect(tally.rates).toEqual(['1.2800', '1.3000', '1.3200']);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM survey_answer WHERE survey_id = $1`,
      [surveyId],
    );
    expect(n).toBe(0);
    // An answer leaves no idempotency record: it would say which account answered.
    const responders = ACCOUNTS.filter((a) =>
      ['wang.w1', 'li.w2', 'zhao.w3', 'he.e1', 'guo.e2', 'lin.chief'].includes(a.username),
    ).map((a) => a.id);
    const [{ records }] = await ds.query(
      `SELECT count(*)::int AS records FROM idempotency_record WHERE account_id = ANY($1::uuid[]) AND response_body::text LIKE $2`,
      [responders, `%${surveyId}%`],
    );
    expect(records).toBe(0);
  });

  it('refuses unknown processes, non-members and answers after closing', async () => {
    const unknown = await api.post('guo.e2', `/api/surveys/${surveyId}/responses`, {
      quotes: [{ processCode: 'XX', rate: '1.0000' }],
    });
    expect(unknown.status).toBe(422);
    const outsider = await api.post(
      'ye.recorder',
      `/api/surveys/${surveyId}/responses`,
      quote('1.0000', '1.0000'),
    );
    expect({ status: outsider.status, code: outsider.body.code }).toEqual({
      status: 403,
      code: 'ROLE_FORBIDDEN',
    });
    expect(
      (await api.post('wang.w1', `/api/surveys/${surveyId}/close`, { closedOn: '2026-07-28' }))
        .status,
    ).toBe(403);
    const late = await api.post(
      'li.w2',
      `/api/surveys/${surveyId}/responses`,
      quote('1.0000', '1.0000'),
      randomUUID(),
    );
    expect({ status: late.status, code: late.body.code }).toEqual({
      status: 409,
      code: 'SURVEY_CLOSED',
    });
  });

  it('answers a caller outside the round as for a missing survey, naming no round', async () => {
    const round = t.demo.rounds['2026'].id;
    for (const path of [
      `/api/surveys/${surveyId}/statistics`,
      `/api/surveys/${randomUUID()}/statistics`,
    ]) {
      const res = await api.get('zhu.shoes', path);
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 404,
        code: 'NOT_FOUND',
      });
      expect(JSON.stringify(res.body)).not.toContain(round);
    }
  });
});
