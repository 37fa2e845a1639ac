import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let api: ReturnType<typeof httpClient>;

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
}, 60_000);
afterAll(() => t?.close());

const v1 = {
  industryCode: 'wool-knitwear',
  note: '2025 catalog (illustrative)',
  productTypes: [
    { code: 'V', nameZh: '单面V领', nameEn: 'single-jersey V-neck' },
    { code: 'CREW', nameZh: '单面圆领', nameEn: 'single-jersey crew-neck' },
  ],
  sections: [
    { code: 'SEW', nameZh: '缝合' },
    { code: 'FIN', nameZh: '整烫' },
  ],
  processes: [
    { code: 'KN-01', sectionCode: 'SEW', nameZh: '手缝', unit: 'piece' },
    { code: 'KN-02', sectionCode: 'SEW', nameZh: '套口', unit: 'piece' },
    { code: 'KN-03', sectionCode: 'FIN', nameZh: '整烫', unit: 'dozen' },
  ],
  mappings: [],
};

const count = async () => (await api.get('admin', '/catalogs?industry=wool-knitwear')).body.length;

describe('process catalogs over HTTP', () => {
  it('stores a first version and gives it back whole', async () => {
    const res = await api.post('admin', '/catalogs', v1);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, basedOnVersion: null, processes: 3 });
    const got = await api.get('wang.w1', '/catalogs/wool-knitwear/1');
    expect(got.body.processes.map((p: { code: string }) => p.code)).toEqual([
      'KN-01',
      'KN-02',
      'KN-03',
    ]);
    expect(got.body.productTypes).toEqual([
      { code: 'V', nameZh: '单面V领', nameEn: 'single-jersey V-neck' },
      { code: 'CREW', nameZh: '单面圆领', nameEn: 'single-jersey crew-neck' },
    ]);
  });

  it('refuses a next version that drops a code without mapping it, and stores nothing', async () => {
    const res = await api.post('chen.chair', '/catalogs', {
      ...v1,
      basedOnVersion: 1,
      processes: v1.processes.slice(0, 2),
    });
    expect(res.status).toBe(422);
    expect(res.body.details.violations.map((v: { rule: string }) => v.rule)).toEqual([
      'catalog.mapping.missing',
    ]);
    expect(await count()).toBe(1);
  });

  it('lets the union chair add a version that renames and retires codes', async () => {
    const v2 = {
      ...v1,
      basedOnVersion: 1,
      note: '2026: hand-sewing renamed, pressing retired',
      processes: [
        v1.processes[1],
        { code: 'KN-01A', sectionCode: 'SEW', nameZh: '手缝（单面）', unit: 'piece' },
      ],
      mappings: [
        { fromCode: 'KN-01', toCodes: ['KN-01A'], kind: 'renamed' },
        { fromCode: 'KN-03', toCodes: [], kind: 'retired' },
      ],
    };
    const res = await api.post('chen.chair', '/catalogs', v2);
    expect(res.status).toBe(201);
    expect(res.body.version).toBe(2);
    expect((await api.get('chen.chair', '/catalogs/wool-knitwear/2')).body.mappings).toEqual([
      { fromCode: 'KN-01', toCode: 'KN-01A', kind: 'renamed' },
      { fromCode: 'KN-03', toCode: null, kind: 'retired' },
    ]);
  });

  it('refuses a version based on one that is no longer the latest (409)', async () => {
    const res = await api.post('admin', '/catalogs', { ...v1, basedOnVersion: 1 });
    expect({
      status: res.status,
      code: res.body.code,
      latest: res.body.details.latestVersion,
    }).toEqual({ status: 409, code: 'CATALOG_VERSION_CONFLICT', latest: 2 });
  });

  it.each([
    ['the association chief', 'lin.chief'],
    ['another industry’s union chair', 'zhu.shoes'],
    ['the auditor', 'qian.auditor'],
  ])('refuses %s (403)', async (_who, username) => {
    const res = await api.post(username, '/catalogs', { ...v1, basedOnVersion: 2 });
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 403,
      code: 'ROLE_FORBIDDEN',
    });
  });

  it('refuses an unknown unit with 400', async () => {
    const res = await api.post('admin', '/catalogs', {
      ...v1,
      industryCode: 'shoes',
      processes: [{ ...v1.processes[0], unit: 'kilo' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.details.fields[0].field).toBe('processes.0.unit');
  });
});
