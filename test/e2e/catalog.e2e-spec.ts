import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PARTIES } from '../../src/seed/demo-reference.js';
import {
  xinheRoundScript,
  type DemoRole,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let api: ReturnType<typeof httpClient>;

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
  // The demo seeds a catalog for each of its industries; these tests also need industries with none.
  await t.app
    .get(DataSource)
    .query(
      `INSERT INTO industry (code, name_zh, name_en) VALUES ('hosiery', '袜业', 'Hosiery'), ('gloves', '手套', 'Gloves')`,
    );
}, 60_000);
afterAll(() => t?.close());

const v1 = {
  industryCode: 'hosiery',
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

const count = async () =>
  (await api.get('admin', '/api/catalogs?industry=hosiery')).body.items.length;

describe('process catalogs over HTTP', () => {
  it('stores a first version and gives it back whole', async () => {
    const res = await api.post('admin', '/api/catalogs', v1);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, basedOnVersion: null, processes: 3 });
    const got = await api.get('wang.w1', '/api/catalogs/hosiery/1');
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
    const res = await api.post('admin', '/api/catalogs', {
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

  it('lets the union chair add a version of the demo catalog that renames and retires codes', async () => {
    const demo = (await api.get('chen.chair', '/api/catalogs/wool-knitwear/1')).body;
    const kept = demo.processes.filter(
      (p: { code: string }) => p.code !== 'KN-01' && p.code !== 'KN-03',
    );
    const v2 = {
      industryCode: 'wool-knitwear',
      basedOnVersion: 1,
      note: '2026: hand-sewing renamed, one process retired',
      productTypes: demo.productTypes,
      sections: demo.sections,
      processes: [
        ...kept,
        { code: 'KN-01A', sectionCode: 'SEW', nameZh: '手缝（单面）', unit: 'piece' },
      ],
      mappings: [
        { fromCode: 'KN-01', toCodes: ['KN-01A'], kind: 'renamed' },
        { fromCode: 'KN-03', toCodes: [], kind: 'retired' },
      ],
    };
    const res = await api.post('chen.chair', '/api/catalogs', v2);
    expect({
      status: res.status,
      version: res.body.version,
      processes: res.body.processes,
    }).toEqual({ status: 201, version: 2, processes: 44 });
    expect((await api.get('chen.chair', '/api/catalogs/wool-knitwear/2')).body.mappings).toEqual([
      { fromCode: 'KN-01', toCode: 'KN-01A', kind: 'renamed' },
      { fromCode: 'KN-03', toCode: null, kind: 'retired' },
    ]);
  });

  it('refuses a version that is not based on the latest one (409)', async () => {
    const res = await api.post('admin', '/api/catalogs', v1);
    expect({
      status: res.status,
      code: res.body.code,
      latest: res.body.details.latestVersion,
    }).toEqual({ status: 409, code: 'CATALOG_VERSION_CONFLICT', latest: 1 });
  });

  it.each([
    ['the association chief', 'lin.chief'],
    ['another industry’s union chair', 'zhu.shoes'],
    ['the auditor', 'qian.auditor'],
  ])('refuses %s (403)', async (_who, username) => {
    const res = await api.post(username, '/api/catalogs', {
      ...v1,
      industryCode: 'wool-knitwear',
      basedOnVersion: 2,
    });
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 403,
      code: 'ROLE_FORBIDDEN',
    });
  });

  it('refuses an unknown unit with 400', async () => {
    const res = await api.post('admin', '/api/catalogs', {
      ...v1,
      industryCode: 'gloves',
      processes: [{ ...v1.processes[0], unit: 'kilo' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.details.fields[0].field).toBe('processes.0.unit');
  });
});

describe('catalogs as spreadsheets', () => {
  const upload = async (username: string, path: string, type: string, body: Buffer) =>
    request(api.server)
      .post(path)
      .set('authorization', `Bearer ${await api.token(username)}`)
      .set('idempotency-key', randomUUID())
      .set('content-type', type)
      .send(body);
  const download = async (path: string) => {
    const res = await request(api.server)
      .get(path)
      .set('authorization', `Bearer ${await api.token('admin')}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    return res.body as Buffer;
  };
  const withoutIds = (c: { processes: unknown; sections: unknown; productTypes: unknown }) => ({
    processes: c.processes,
    sections: c.sections,
    productTypes: c.productTypes,
  });

  it('exports CSV with Chinese headers and imports it as another industry’s first catalog', async () => {
    const file = await download('/api/catalogs/wool-knitwear/2/export?format=csv');
    expect(file.toString('utf8')).toContain('工序编码');
    const res = await upload('admin', '/api/catalogs/gloves/import', 'text/csv', file);
    expect(res.status).toBe(201);
    const gloves = await api.get('admin', '/api/catalogs/gloves/1');
    expect(gloves.body.processes).toEqual(
      (await api.get('admin', '/api/catalogs/wool-knitwear/2')).body.processes,
    );
  });

  it('exports XLSX and imports it back as the next version with the same table', async () => {
    const file = await download('/api/catalogs/gloves/1/export?format=xlsx');
    const res = await upload(
      'admin',
      '/api/catalogs/gloves/import?basedOnVersion=1&note=round-trip',
      XLSX,
      file,
    );
    expect({ status: res.status, version: res.body.version }).toEqual({ status: 201, version: 2 });
    const [v1, v2] = [
      await api.get('admin', '/api/catalogs/gloves/1'),
      await api.get('admin', '/api/catalogs/gloves/2'),
    ];
    expect(withoutIds(v2.body)).toEqual(withoutIds(v1.body));
  });

  it('refuses to re-import a version’s own code mappings as the next version’s (they map from its base)', async () => {
    const file = await download('/api/catalogs/wool-knitwear/2/export?format=xlsx');
    const res = await upload(
      'admin',
      '/api/catalogs/wool-knitwear/import?basedOnVersion=2',
      XLSX,
      file,
    );
    expect(res.status).toBe(422);
    expect(res.body.details.violations.map((v: { rule: string }) => v.rule)).toContain(
      'catalog.mapping.unknownFrom',
    );
  });

  it('refuses a workbook with bad rows whole, listing every row, column and reason', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工序');
    ws.addRow(['车间/工种编码', '车间/工种名称', '工序编码', '工序名称', '英文名称', '单位']);
    ws.addRow(['SEW', '缝合', 'KN-01', '手缝', '', '件']);
    ws.addRow(['SEW', '缝合', 'KN-02', '', '', '公斤']);
    ws.addRow(['SEW', '缝合', 'KN-01', '套口', '', '件']);
    const before = (await api.get('admin', '/api/catalogs?industry=gloves')).body.items.length;
    const res = await upload(
      'admin',
      '/api/catalogs/gloves/import?basedOnVersion=1',
      XLSX,
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CATALOG_FILE_INVALID');
    expect(
      res.body.details.problems.map((p: { row: number; column: string }) => [p.row, p.column]),
    ).toEqual([
      [3, '工序名称'],
      [3, '单位'],
      [4, '工序编码'],
    ]);
    expect((await api.get('admin', '/api/catalogs?industry=gloves')).body.items.length).toBe(
      before,
    );
  });

  it('refuses a broken file, a wrong content type and an oversized upload', async () => {
    const broken = await upload(
      'admin',
      '/api/catalogs/gloves/import?basedOnVersion=1',
      XLSX,
      Buffer.from('not a zip'),
    );
    expect({ status: broken.status, code: broken.body.code }).toEqual({
      status: 422,
      code: 'CATALOG_FILE_INVALID',
    });
    const wrongType = await upload(
      'admin',
      '/api/catalogs/gloves/import',
      'application/pdf',
      Buffer.from('%PDF'),
    );
    expect({ status: wrongType.status, code: wrongType.body.code }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    const huge = await upload(
      'admin',
      '/api/catalogs/gloves/import',
      XLSX,
      Buffer.alloc(8_400_000),
    );
    expect({ status: huge.status, code: huge.body.code }).toEqual({
      status: 413,
      code: 'SPREADSHEET_TOO_LARGE',
    });
    expect(huge.body.message).toContain('exceeds 8 MiB');
  });
});

describe('a round pins a catalog version', () => {
  const AS: Record<DemoRole, string> = {
    unionChair: 'chen.chair',
    associationChief: 'lin.chief',
    recorder: 'ye.recorder',
    labourOfficer: 'liu.labour',
  };
  const toFirstSession = async (year: number, catalogVersion?: number) => {
    const opened = await api.post('chen.chair', '/api/negotiations', {
      workerPartyId: PARTIES.xinheUnion.id,
      employerPartyId: PARTIES.xinheAssociation.id,
      year,
      title: `catalog round ${year}`,
      ...(catalogVersion ? { catalogVersion } : {}),
    });
    expect(opened.status).toBe(201);
    const steps = xinheRoundScript(year).toSecondSession;
    let revision = 1;
    for (const step of steps.slice(0, steps.findIndex((s) => s.type === 'session.opened') + 1))
      revision = (
        await api.post(AS[step.as], `/api/negotiations/${opened.body.id}/events`, {
          type: step.type,
          expectedRevision: revision,
          payload: step.payload,
        })
      ).body.revision;
    return { id: opened.body.id as string, revision };
  };
  const offer = {
    type: 'offer.tabled',
    payload: {
      items: [
        { processCode: 'KN-01', rate: '1.3000' },
        { processCode: 'KN-02', rate: '0.8800' },
        { processCode: 'KN-03', rate: '2.1000' },
      ],
      note: null,
    },
  };

  it('accepts rates for the processes of the pinned version', async () => {
    const { id, revision } = await toFirstSession(2031, 1);
    expect((await api.get('chen.chair', `/api/negotiations/${id}`)).body.catalogVersion).toBe(1);
    expect(
      (
        await api.post('chen.chair', `/api/negotiations/${id}/events`, {
          ...offer,
          expectedRevision: revision,
        })
      ).status,
    ).toBe(201);
  });

  it('refuses renamed, retired or unknown codes under the latest version, naming them, and stores nothing', async () => {
    const { id, revision } = await toFirstSession(2032);
    expect((await api.get('chen.chair', `/api/negotiations/${id}`)).body.catalogVersion).toBe(2);
    const res = await api.post('chen.chair', `/api/negotiations/${id}/events`, {
      ...offer,
      expectedRevision: revision,
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('KN-01 is not in the round');
    expect(res.body.message).toContain('KN-03 is not in the round');
    expect((await api.get('chen.chair', `/api/negotiations/${id}`)).body.revision).toBe(revision);
  });
});
