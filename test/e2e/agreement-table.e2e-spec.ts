import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { xinheRoundScript, DEMO_ACCOUNT } from '../../src/seed/xinhe-round.script.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const AS = DEMO_ACCOUNT;

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let id: string;
let revision: number;

// The live 2026 demo round, taken to the point of agreeing a draft; its previous round is the signed
// 2025 one, which agreed KN-01 1.2600, KN-02 0.8600, KN-03 2.0500.
beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
  id = t.demo.rounds['2026'].id;
  revision = t.demo.rounds['2026'].revision;
  const steps = xinheRoundScript(2026).toSignature;
  for (const step of steps.slice(
    0,
    steps.findIndex((s) => s.type === 'draft.agreed'),
  )) {
    const res = await api.post(AS[step.as], `/negotiations/${id}/events`, {
      type: step.type,
      expectedRevision: revision,
      payload: step.payload,
    });
    revision = res.body.revision;
  }
}, 60_000);
afterAll(() => t?.close());

const draft = (extra: object = {}) => ({
  type: 'draft.agreed',
  payload: {
    text: '2026年度工资集体协议（草案）',
    items: [
      { processCode: 'KN-01', rate: '1.3100' },
      { processCode: 'KN-02', rate: '0.8500' },
      { processCode: 'KN-03', rate: '2.1300' },
    ],
    ...extra,
  },
});

describe('the agreement’s table', () => {
  it('refuses a cut that is not confirmed, naming it, and stores nothing', async () => {
    const res = await api.post('chen.chair', `/negotiations/${id}/events`, {
      ...draft(),
      expectedRevision: revision,
    });
    expect(res.status).toBe(422);
    expect(res.body.details.violations).toEqual([
      expect.objectContaining({
        rule: 'rates.cutNotConfirmed',
        message: expect.stringContaining('KN-02 is cut from 0.8600 to 0.8500'),
      }),
    ]);
    expect((await api.get('chen.chair', `/negotiations/${id}`)).body.revision).toBe(revision);
  });

  it('embeds the table in the draft: previous rates, changes, minimum flags, summary and monthly pay', async () => {
    const res = await api.post('chen.chair', `/negotiations/${id}/events`, {
      ...draft({
        confirmedCuts: ['KN-02'],
        industryMinimum: ['KN-01'],
        typicalMonthlyOutput: [
          { processCode: 'KN-01', pieces: 1200 },
          { processCode: 'KN-02', pieces: 800 },
          { processCode: 'KN-03', pieces: 300 },
        ],
      }),
      expectedRevision: revision,
    });
    expect(res.status).toBe(201);
    const table = (await api.get('lin.chief', `/negotiations/${id}`)).body.draft.table;
    expect(table.previousFrom).toBe('previousRound');
    expect(table.rows).toEqual([
      {
        productType: null,
        processCode: 'KN-01',
        previous: '1.2600',
        agreed: '1.3100',
        absolute: '0.0500',
        percent: '3.97',
        isIndustryMinimum: true,
        isCut: false,
      },
      {
        productType: null,
        processCode: 'KN-02',
        previous: '0.8600',
        agreed: '0.8500',
        absolute: '-0.0100',
        percent: '-1.16',
        isIndustryMinimum: false,
        isCut: true,
      },
      {
        productType: null,
        processCode: 'KN-03',
        previous: '2.0500',
        agreed: '2.1300',
        absolute: '0.0800',
        percent: '3.90',
        isIndustryMinimum: false,
        isCut: false,
      },
    ]);
    // (3.9683 - 1.1628 + 3.9024) / 3 = 2.2360 → 2.24; pay 2,815.00 → 2,891.00 yuan a month.
    expect(table.summary).toEqual({
      processes: 3,
      meanPercent: '2.24',
      medianPercent: '3.90',
      lowestPercent: '-1.16',
      highestPercent: '3.97',
    });
    expect(table.monthlyPay).toEqual({
      before: '2815.00',
      after: '2891.00',
      absolute: '76.00',
      percent: '2.70',
    });
  });
});
