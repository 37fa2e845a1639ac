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

// The signed 2025 demo round: session 1 worker 1.3000 / employer 1.2200 on KN-01; session 2 employer
// 1.2500, worker 1.2600 (src/seed/xinhe-round.script.ts).
describe('offers and counteroffers over HTTP', () => {
  let offerIds: string[] = [];

  it('lists the offers tabled in each session', async () => {
    const res = await api.get('chen.chair', `/negotiations/${id}/offers`);
    offerIds = res.body.map((o: { id: string }) => o.id);
    expect(
      res.body.map((o: { side: string; sessionNumber: number }) => [o.sessionNumber, o.side]),
    ).toEqual([
      [1, 'worker'],
      [1, 'employer'],
      [2, 'employer'],
      [2, 'worker'],
    ]);
    expect(new Set(offerIds).size).toBe(4);
  });

  it('compares two offers process by process', async () => {
    const res = await api.get(
      'lin.chief',
      `/negotiations/${id}/offers/compare?from=${offerIds[0]}&to=${offerIds[3]}`,
    );
    expect(res.body.changes[0]).toEqual({
      productType: null,
      processCode: 'KN-01',
      from: '1.3000',
      to: '1.2600',
      absolute: '-0.0400',
      percent: '-3.08',
      status: 'cut',
    });
  });

  it('shows how the gap closed session by session, to an auditor of the signed round too', async () => {
    const res = await api.get('qian.auditor', `/negotiations/${id}/offers/gap`);
    expect(
      res.body.bySession.map(
        (s: { gap: { processCode: string; absolute: string }[] }) => s.gap[0].absolute,
      ),
    ).toEqual(['0.0800', '0.0100']);
    expect(res.body.current[0]).toMatchObject({
      processCode: 'KN-01',
      worker: '1.2600',
      employer: '1.2500',
      absolute: '0.0100',
      percent: '0.80',
    });
  });

  it('refuses a malformed offer id (400) and an unknown one (404)', async () => {
    expect(
      (await api.get('chen.chair', `/negotiations/${id}/offers/compare?from=x&to=${offerIds[0]}`))
        .status,
    ).toBe(400);
    expect(
      (
        await api.get(
          'chen.chair',
          `/negotiations/${id}/offers/compare?from=s9-1&to=${offerIds[0]}`,
        )
      ).status,
    ).toBe(404);
  });
});
