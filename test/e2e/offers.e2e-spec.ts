import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let id: string;

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
  id = t.demo.rounds['2025'].id;
}, 60_000);
afterAll(() => t?.close());

// The signed 2025 demo round, whole-catalog tables (src/industries/wool-knitwear/demo/rate-tables.ts). Single-jersey V-neck
// KN-01: session 1 worker 1.3514 / employer 1.2465; session 2 employer 1.2695, worker 1.2771 (agreed).
const vNeck = (row: { productType: string | null; processCode: string }) =>
  row.productType === 'V-SJ' && row.processCode === 'KN-01';

describe('offers and counteroffers over HTTP', () => {
  let offerIds: string[] = [];

  it('lists the offers tabled in each session, each a whole-catalog table', async () => {
    const res = await api.get('chen.chair', `/api/negotiations/${id}/offers`);
    offerIds = res.body.items.map((o: { id: string }) => o.id);
    expect(
      res.body.items.map(
        (o: { side: string; sessionNumber: number; lineCount: number; scope: string }) => [
          o.sessionNumber,
          o.side,
          o.lineCount,
          o.scope,
        ],
      ),
    ).toEqual([
      [1, 'worker', 405, 'full'],
      [1, 'employer', 405, 'full'],
      [2, 'employer', 405, 'full'],
      [2, 'worker', 405, 'full'],
    ]);
    expect(new Set(offerIds).size).toBe(4);
  });

  it('gives one offer with its whole table', async () => {
    const res = await api.get('he.e1', `/api/negotiations/${id}/offers/${offerIds[1]}`);
    expect(res.status).toBe(200);
    expect(res.body.lines).toHaveLength(405);
    expect(res.body.lines.find(vNeck)).toEqual({
      productType: 'V-SJ',
      processCode: 'KN-01',
      rate: '1.2465',
    });
  });

  it('compares two offers line by line', async () => {
    const res = await api.get(
      'lin.chief',
      `/api/negotiations/${id}/offers/compare?from=${offerIds[0]}&to=${offerIds[3]}`,
    );
    expect(res.body.changes).toHaveLength(405);
    expect(res.body.changes.find(vNeck)).toEqual({
      productType: 'V-SJ',
      processCode: 'KN-01',
      from: '1.3514',
      to: '1.2771',
      absolute: '-0.0743',
      percent: '-5.50',
      status: 'cut',
    });
  });

  it('shows how the gap closed session by session, to an auditor of the signed round too', async () => {
    const res = await api.get('qian.auditor', `/api/negotiations/${id}/offers/gap`);
    expect(
      res.body.bySession.map(
        (s: { gap: { productType: string; processCode: string; absolute: string }[] }) =>
          s.gap.find(vNeck)!.absolute,
      ),
    ).toEqual(['0.1049', '0.0076']);
    expect(res.body.current.find(vNeck)).toEqual({
      productType: 'V-SJ',
      processCode: 'KN-01',
      worker: '1.2771',
      employer: '1.2695',
      absolute: '0.0076',
      percent: '0.60',
    });
  });

  it('refuses a malformed offer id (400, naming the query field) and an unknown one (404)', async () => {
    const malformed = await api.get(
      'chen.chair',
      `/api/negotiations/${id}/offers/compare?from=x&to=${offerIds[0]}`,
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/^the query is not valid: from must be an offer id/);
    expect(malformed.body.details.fields).toEqual([
      { field: 'from', problems: [expect.stringMatching(/^from must be an offer id/)] },
    ]);
    expect(
      (
        await api.get(
          'chen.chair',
          `/api/negotiations/${id}/offers/compare?from=s9-1&to=${offerIds[0]}`,
        )
      ).status,
    ).toBe(404);
  });
});
