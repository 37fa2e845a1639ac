import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { knitwearCatalog } from '../../src/industries/wool-knitwear/demo/catalog.js';
import {
  xinheRoundScript,
  DEMO_ACCOUNT,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { keepAllBut } from '../support/draft-tables.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const AS = DEMO_ACCOUNT;

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let id: string;
let revision: number;

// The live 2026 demo round, taken to the point of agreeing a draft; its previous round is the signed
// 2025 one, which agreed (single-jersey V-neck, V-SJ) KN-01 1.2771, KN-02 0.4631, KN-03 0.8426
// (src/industries/wool-knitwear/demo/rate-tables.ts).
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
    const res = await api.post(AS[step.as], `/api/negotiations/${id}/events`, {
      type: step.type,
      expectedRevision: revision,
      payload: step.payload,
    });
    revision = res.body.revision;
  }
}, 60_000);
afterAll(() => t?.close());

const items = [
  { productType: 'V-SJ', processCode: 'KN-01', rate: '1.3271' },
  { productType: 'V-SJ', processCode: 'KN-02', rate: '0.4531' },
  { productType: 'V-SJ', processCode: 'KN-03', rate: '0.8826' },
];
// Three lines agreed, the other 402 of the pinned 9 x 45 table kept at the 2025 rate (issue 10).
const draft = (extra: object = {}) => ({
  type: 'draft.agreed',
  payload: {
    text: '2026年度工资集体协议（草案）',
    items,
    keepPreviousRate: keepAllBut(items, knitwearCatalog()),
    ...extra,
  },
});
const TABLE_LINES = 405;

describe('the agreement’s table', () => {
  it('refuses a cut that is not confirmed, naming it, and stores nothing', async () => {
    const res = await api.post('chen.chair', `/api/negotiations/${id}/events`, {
      ...draft(),
      expectedRevision: revision,
    });
    expect(res.status).toBe(422);
    expect(res.body.details.violations).toEqual([
      expect.objectContaining({
        rule: 'rates.cutNotConfirmed',
        message: expect.stringContaining('V-SJ:KN-02 is cut from 0.4631 to 0.4531'),
      }),
    ]);
    expect((await api.get('chen.chair', `/api/negotiations/${id}`)).body.revision).toBe(revision);
  });

  it('refuses a 1-of-405-line draft, saying how many lines are missing and which, and stores nothing', async () => {
    const res = await api.post('chen.chair', `/api/negotiations/${id}/events`, {
      type: 'draft.agreed',
      expectedRevision: revision,
      payload: {
        text: '草案',
        items: [{ productType: 'V-SJ', processCode: 'KN-01', rate: '1.2771' }],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('RULE_VIOLATED');
    expect(res.body.details.violations).toEqual([
      expect.objectContaining({
        rule: 'draft.incomplete',
        field: 'items',
        message: expect.stringContaining(
          "covers 1 of the 405 lines of the round's table; 404 have no rate: CARDIGAN:KN-01, CREW-DJ:KN-01, ",
        ),
      }),
    ]);
    expect((await api.get('chen.chair', `/api/negotiations/${id}`)).body.revision).toBe(revision);
    const stored = await t.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM rate_table WHERE negotiation_id = $1 AND kind = 'draft'`,
        [id],
      );
    expect(stored).toEqual([{ n: 0 }]);
  });

  it('refuses a kept line that is agreed too, and one with no previous rate', async () => {
    const res = await api.post('chen.chair', `/api/negotiations/${id}/events`, {
      ...draft({
        confirmedCuts: ['V-SJ:KN-02'],
        keepPreviousRate: [...keepAllBut(items, knitwearCatalog()), 'V-SJ:KN-01', 'KN-99'],
      }),
      expectedRevision: revision,
    });
    expect(res.status).toBe(422);
    // KN-99 is not in the catalog and has no previous rate: named by both rules.
    expect(res.body.details.violations.map((v: { rule: string }) => v.rule)).toEqual([
      'draft.keptWithoutPreviousRate',
      'draft.keptAndAgreed',
    ]);
    expect((await api.get('chen.chair', `/api/negotiations/${id}`)).body.revision).toBe(revision);
  });

  it('refuses a baseline that lists a line twice (422, not a server error), storing nothing', async () => {
    const line = { productType: 'V-SJ', processCode: 'KN-01', rate: '1.2000' };
    const res = await api.post('chen.chair', `/api/negotiations/${id}/events`, {
      ...draft({ baseline: [line, line] }),
      expectedRevision: revision,
    });
    expect(res.status).toBe(422);
    expect(res.body.details.violations).toEqual([
      expect.objectContaining({ rule: 'rates.duplicate', field: 'baseline[1].processCode' }),
    ]);
    expect((await api.get('chen.chair', `/api/negotiations/${id}`)).body.revision).toBe(revision);
  });

  it('embeds the table in the draft: previous rates, changes, minimum flags, summary and monthly pay', async () => {
    const res = await api.post('chen.chair', `/api/negotiations/${id}/events`, {
      ...draft({
        confirmedCuts: ['V-SJ:KN-02'],
        industryMinimum: ['V-SJ:KN-01'],
        typicalMonthlyOutput: [
          { productType: 'V-SJ', processCode: 'KN-01', pieces: 1200 },
          { productType: 'V-SJ', processCode: 'KN-02', pieces: 800 },
          { productType: 'V-SJ', processCode: 'KN-03', pieces: 300 },
        ],
      }),
      expectedRevision: revision,
    });
    expect(res.status).toBe(201);
    const table = (
      await api.get('lin.chief', `/api/negotiations/${id}/agreement-table?format=json`)
    ).body;
    expect(table.previousFrom).toBe('previousRound');
    // The 2025 round of the same pair, signed (the demo seed).
    expect(table.previousRound).toEqual({
      negotiationId: t.demo.rounds['2025'].id,
      year: 2025,
      catalogVersion: 1,
    });
    expect(table.rows).toHaveLength(TABLE_LINES);
    const kept = table.rows.filter(
      (r: { productType: string; processCode: string }) =>
        !items.some((i) => i.productType === r.productType && i.processCode === r.processCode),
    );
    expect(
      kept.every(
        (r: { previous: string; agreed: string; absolute: string }) =>
          r.previous === r.agreed && r.absolute === '0.0000',
      ),
    ).toBe(true);
    expect(
      table.rows.filter((r: { productType: string; processCode: string }) =>
        items.some((i) => i.productType === r.productType && i.processCode === r.processCode),
      ),
    ).toEqual([
      {
        productType: 'V-SJ',
        processCode: 'KN-01',
        previous: '1.2771',
        agreed: '1.3271',
        absolute: '0.0500',
        percent: '3.92',
        isIndustryMinimum: true,
        isCut: false,
      },
      {
        productType: 'V-SJ',
        processCode: 'KN-02',
        previous: '0.4631',
        agreed: '0.4531',
        absolute: '-0.0100',
        percent: '-2.16',
        isIndustryMinimum: false,
        isCut: true,
      },
      {
        productType: 'V-SJ',
        processCode: 'KN-03',
        previous: '0.8426',
        agreed: '0.8826',
        absolute: '0.0400',
        percent: '4.75',
        isIndustryMinimum: false,
        isCut: false,
      },
    ]);
    // Kept lines count at 0 %: (3.9151 - 2.1594 + 4.7472) / 405 = 0.0161 → 0.02; the median is a
    // kept line. Pay 2,155.78 → 2,219.78 yuan a month (output is given for the three lines only).
    expect(table.summary).toEqual({
      processes: TABLE_LINES,
      meanPercent: '0.02',
      medianPercent: '0.00',
      lowestPercent: '-2.16',
      highestPercent: '4.75',
    });
    expect(table.monthlyPay).toEqual({
      before: '2155.78',
      after: '2219.78',
      absolute: '64.00',
      percent: '2.97',
    });
  });

  it('keeps the table out of the snapshot and the event, which commit to its rows by digest', async () => {
    const view = (await api.get('chen.chair', `/api/negotiations/${id}`)).body;
    revision = view.revision;
    expect(view.draft).toEqual({
      text: '2026年度工资集体协议（草案）',
      draftId: expect.any(String),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      lineCount: TABLE_LINES,
      agreedAt: expect.any(String),
      signedBy: [],
    });
    const history = (
      await api.get('chen.chair', `/api/negotiations/${id}/history?afterSeq=${revision - 1}`)
    ).body.items;
    expect(history[0]).toMatchObject({
      type: 'draft.agreed',
      payload: { draftId: view.draft.draftId, sha256: view.draft.sha256, lineCount: TABLE_LINES },
    });
    expect(Object.keys(history[0].payload).sort()).toEqual([
      'draftId',
      'lineCount',
      'sha256',
      'text',
    ]);
  });

  it('exports the same table after signature, and /history/verify catches an altered draft line', async () => {
    const csv = async () =>
      (await api.get('chen.chair', `/api/negotiations/${id}/agreement-table?format=csv`)).text;
    const before = await csv();
    const steps = xinheRoundScript(2026).toSignature;
    for (const step of steps.slice(steps.findIndex((s) => s.type === 'draft.agreed') + 1)) {
      const res = await api.post(AS[step.as], `/api/negotiations/${id}/events`, {
        type: step.type,
        expectedRevision: revision,
        payload: step.payload,
      });
      expect(res.status).toBe(201);
      revision = res.body.revision;
    }
    expect((await api.get('chen.chair', `/api/negotiations/${id}`)).body.outcome).toBe('agreed');
    expect(await csv()).toBe(before);
    const verify = async () =>
      (await api.get('qian.auditor', `/api/negotiations/${id}/history/verify`)).body;
    expect(await verify()).toMatchObject({ valid: true, draftsChecked: 1, alteredDrafts: [] });

    // Only a superuser can do this; the chain still commits to the digest of what was agreed.
    const { draftId } = (await api.get('chen.chair', `/api/negotiations/${id}`)).body.draft;
    await t.app.get(DataSource).transaction(async (m) => {
      await m.query(`ALTER TABLE rate_table_line DISABLE TRIGGER rate_table_line_immutable`);
      await m.query(
        `UPDATE rate_table_line SET rate = 1.3371 WHERE rate_table_id = $1 AND process_code = 'KN-01'`,
        [draftId],
      );
      await m.query(`ALTER TABLE rate_table_line ENABLE TRIGGER rate_table_line_immutable`);
    });
    expect(await verify()).toMatchObject({
      valid: false,
      alteredDrafts: [{ draftId, seq: expect.any(Number) }],
    });
  }, 60_000);
});
