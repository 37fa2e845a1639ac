import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PARTIES } from '../../src/seed/demo-reference.js';
import { knitwearCatalog } from '../../src/industries/wool-knitwear/demo/catalog.js';
import {
  DEMO_ACCOUNT,
  xinheRoundScript,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { normaliseTable, tableDigest } from '../../src/kernel/rates/rate-table.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Offers (工价表) tabled, read back and exported as XLSX/CSV over HTTP, and the agreement's table as a
// spreadsheet. Each test opens its own round (its own year) and takes it to the first joint session.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv';

let t: TestApp;
let api: ReturnType<typeof httpClient>;

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
}, 60_000);
afterAll(() => t?.close());

// ---- the knitwear catalog new rounds pin: 9 product types x 45 processes ----

const catalog = knitwearCatalog();
const PRODUCT_TYPES = catalog.productTypes.map((p) => p.code);
const PROCESSES = catalog.processes.map((p) => p.code);

interface Line {
  productType: string | null;
  processCode: string;
  rate: string;
}
// The name columns an export should carry for a line: 品种编码, 品种名称, 车间/工种, 工序编码, 工序名称, 单位.
function namesOf(productType: string, processCode: string): string[] {
  const process = catalog.processes.find((p) => p.code === processCode);
  const section = catalog.sections.find((s) => s.code === process?.sectionCode);
  const unit: Record<string, string> = { piece: '件', dozen: '打' };
  return [
    productType,
    catalog.productTypes.find((p) => p.code === productType)?.nameZh ?? '',
    section?.nameZh ?? '',
    processCode,
    process?.nameZh ?? '',
    (process && unit[process.unit]) ?? '',
  ];
}

const sorted = (rows: string[][]) => [...rows].sort((a, b) => (a.join('|') < b.join('|') ? -1 : 1));

const keyOf = (l: { productType: string | null; processCode: string }) =>
  `${l.productType ?? '*'}:${l.processCode}`;

// Rates as exact text from 0.0001-yuan units, never through floating point.
const yuan = (units: number) =>
  `${Math.floor(units / 10_000)}.${String(units % 10_000).padStart(4, '0')}`;

// Every line of the catalog, each with a distinct rate (0.5000, 0.5010, ..., 1.3440).
const fullTable = (): Line[] =>
  PRODUCT_TYPES.flatMap((productType, p) =>
    PROCESSES.map((processCode, k) => ({
      productType,
      processCode,
      rate: yuan(5_000 + 1_000 * p + 10 * k),
    })),
  );

type Cell = string | number | null;

async function xlsxOf(header: string[], rows: Cell[][], sheet = '工价表'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// As a person would type it: some rates as number cells (1.25 rather than 1.2500), some as text with
// or without trailing zeros; the server normalises each to 4 places.
function asTyped(l: Line, i: number): Cell {
  const trimmed = l.rate.replace(/0+$/, '').replace(/\.$/, '');
  if (i % 3 === 0) return Number(l.rate);
  if (i % 3 === 1) return trimmed;
  return `${l.rate}00`;
}

const RATE_HEADER = ['品种编码', '工序编码', '工价（元）'];
const xlsxTable = (lines: Line[]) =>
  xlsxOf(
    RATE_HEADER,
    lines.map((l, i) => [l.productType, l.processCode, asTyped(l, i)]),
  );
const csvTable = (lines: Line[]) =>
  Buffer.from(
    [
      RATE_HEADER.join(','),
      ...lines.map((l) => `${l.productType ?? ''},${l.processCode},${l.rate}`),
    ].join('\r\n') + '\r\n',
    'utf8',
  );

// ---- HTTP helpers: raw uploads and binary downloads ----

interface UploadOptions {
  revision?: number | null;
  scope?: 'full' | 'subset';
  basedOn?: string;
  note?: string;
  key?: string | null;
}

async function upload(
  username: string,
  id: string,
  type: string,
  body: Buffer | string,
  { revision, scope, basedOn, note, key = randomUUID() }: UploadOptions,
) {
  const query = new URLSearchParams();
  if (revision !== null && revision !== undefined) query.set('expectedRevision', String(revision));
  if (scope) query.set('scope', scope);
  if (basedOn) query.set('basedOn', basedOn);
  if (note) query.set('note', note);
  const req = request(api.server)
    .post(`/api/negotiations/${id}/offers?${query}`)
    .set('authorization', `Bearer ${await api.token(username)}`)
    .set('content-type', type);
  if (key) req.set('idempotency-key', key);
  return req.send(body);
}

async function download(username: string, path: string) {
  return request(api.server)
    .get(path)
    .set('authorization', `Bearer ${await api.token(username)}`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

async function readXlsx(file: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}

// Every row of a sheet as text cells (1-based columns become 0-based), header included.
function rowsOf(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow((r) =>
    rows.push(
      Array.from({ length: ws.columnCount }, (_, i) => {
        const v = r.getCell(i + 1).value;
        return v === null || v === undefined ? '' : String(v);
      }),
    ),
  );
  return rows;
}

interface OfferSummary {
  id: string;
  side: string;
  sessionNumber: number;
  scope: string;
  basedOn: string | null;
  lineCount: number;
  sha256: string | null;
}

const offersOf = async (id: string): Promise<OfferSummary[]> => {
  const res = await api.get('chen.chair', `/api/negotiations/${id}/offers`);
  expect(res.status).toBe(200);
  return res.body.items;
};
const revisionOf = async (id: string): Promise<number> =>
  (await api.get('chen.chair', `/api/negotiations/${id}`)).body.revision;

// Opens a round of its own year and drives the script to the first joint session's opening.
async function toFirstSession(year: number): Promise<{ id: string; revision: number }> {
  const opened = await api.post('chen.chair', '/api/negotiations', {
    workerPartyId: PARTIES.xinheUnion.id,
    employerPartyId: PARTIES.xinheAssociation.id,
    year,
    title: `rate-table files ${year}`,
  });
  expect(opened.status).toBe(201);
  const id = opened.body.id as string;
  const steps = xinheRoundScript(year).toSecondSession;
  let revision = 1;
  for (const step of steps.slice(0, steps.findIndex((s) => s.type === 'session.opened') + 1)) {
    const res = await api.post(DEMO_ACCOUNT[step.as], `/api/negotiations/${id}/events`, {
      type: step.type,
      expectedRevision: revision,
      payload: step.payload,
    });
    expect({ step: step.type, status: res.status }).toEqual({ step: step.type, status: 201 });
    revision = res.body.revision;
  }
  const round = (await api.get('chen.chair', `/api/negotiations/${id}`)).body;
  expect({ state: round.state, sessions: round.sessions.length, revision: round.revision }).toEqual(
    { state: expect.any(String), sessions: 1, revision },
  );
  return { id, revision };
}

// Tables the union's full 405-line offer from an XLSX, returning its id and the table sent.
async function tableFullOffer(id: string, revision: number) {
  const lines = fullTable();
  const res = await upload('chen.chair', id, XLSX, await xlsxTable(lines), {
    revision,
    scope: 'full',
    note: '全部品种全部工序',
  });
  expect(res.status).toBe(201);
  expect(res.body.revision).toBe(revision + 1);
  const offers = await offersOf(id);
  return { offer: offers.at(-1)!, lines, revision: res.body.revision as number };
}

describe('offers tabled from spreadsheets', () => {
  it('tables a full 9 x 45 XLSX 工价表 and gives back 405 lines with rates to 4 places', async () => {
    expect([PRODUCT_TYPES.length, PROCESSES.length]).toEqual([9, 45]);
    const { id, revision } = await toFirstSession(2070);
    const { offer, lines, revision: after } = await tableFullOffer(id, revision);
    expect(after).toBe(revision + 1);
    expect(await offersOf(id)).toHaveLength(1);
    expect(offer).toMatchObject({
      side: 'worker',
      sessionNumber: 1,
      scope: 'full',
      basedOn: null,
      lineCount: 405,
      sha256: tableDigest(normaliseTable(lines)),
    });

    const got = await api.get('lin.chief', `/api/negotiations/${id}/offers/${offer.id}`);
    expect(got.status).toBe(200);
    expect(got.body.lines).toHaveLength(405);
    for (const l of got.body.lines as Line[]) expect(l.rate).toMatch(/^\d+\.\d{4}$/);
    const rateOf = (ls: Line[]) => Object.fromEntries(ls.map((l) => [keyOf(l), l.rate]));
    expect(rateOf(got.body.lines)).toEqual(rateOf(lines));
    // Typed as the number 0.5 and as "0.501": both come back with exactly 4 places.
    expect(rateOf(got.body.lines)['V-SJ:KN-01']).toBe('0.5000');
    expect(rateOf(got.body.lines)['V-SJ:KN-02']).toBe('0.5010');
    expect(rateOf(got.body.lines)['KIDS:KN-45']).toBe('1.3440');
  }, 60_000);

  it('exports an offer as XLSX and CSV, each re-importing as the same table (same sha256)', async () => {
    const { id, revision: start } = await toFirstSession(2071);
    const { offer: first, revision } = await tableFullOffer(id, start);

    const xlsx = await download('lin.chief', `/api/negotiations/${id}/offers/${first.id}/export`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const sheet = (await readXlsx(xlsx.body)).worksheets[0];
    expect(sheet.name).toBe('工价表');
    const rows = rowsOf(sheet);
    expect(rows[0]).toEqual([
      '品种编码',
      '品种名称',
      '车间/工种',
      '工序编码',
      '工序名称',
      '单位',
      '工价（元）',
    ]);
    expect(rows).toHaveLength(406);
    expect(rows.map((r) => [r[0], r[3], r[6]])).toContainEqual(['V-SJ', 'KN-01', '0.5000']);

    const csv = await download(
      'lin.chief',
      `/api/negotiations/${id}/offers/${first.id}/export?format=csv`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.split(/\r?\n/).filter((l) => l !== '')).toHaveLength(406);

    const fromXlsx = await upload('lin.chief', id, XLSX, xlsx.body, {
      revision,
      scope: 'full',
    });
    expect(fromXlsx.status).toBe(201);
    const fromCsv = await upload('lin.chief', id, CSV, csv.body, {
      revision: fromXlsx.body.revision,
      scope: 'full',
    });
    expect(fromCsv.status).toBe(201);

    const offers = await offersOf(id);
    expect(offers.map((o) => [o.side, o.scope, o.lineCount])).toEqual([
      ['worker', 'full', 405],
      ['employer', 'full', 405],
      ['employer', 'full', 405],
    ]);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(offers[1].sha256).toBe(first.sha256);
    expect(offers[2].sha256).toBe(first.sha256);

    for (const again of offers.slice(1)) {
      const cmp = await api.get(
        'chen.chair',
        `/api/negotiations/${id}/offers/compare?from=${first.id}&to=${again.id}`,
      );
      expect(cmp.status).toBe(200);
      expect(cmp.body.from).toEqual({ id: first.id, side: 'worker' });
      expect(cmp.body.to).toEqual({ id: again.id, side: 'employer' });
      expect(cmp.body.changes).toHaveLength(405);
      expect(new Set(cmp.body.changes.map((c: { status: string }) => c.status))).toEqual(
        new Set(['unchanged']),
      );
    }
    // With both sides at the same table, the gap is zero on every line.
    const gap = await api.get('chen.chair', `/api/negotiations/${id}/offers/gap`);
    expect(gap.body.current).toHaveLength(405);
    expect(new Set(gap.body.current.map((g: { absolute: string }) => g.absolute))).toEqual(
      new Set(['0.0000']),
    );
  }, 60_000);

  it('names each line’s product type, section, process and unit from the round’s catalog in exports', async () => {
    const { id, revision } = await toFirstSession(2078);
    const { offer } = await tableFullOffer(id, revision);
    const xlsx = await download('chen.chair', `/api/negotiations/${id}/offers/${offer.id}/export`);
    expect(xlsx.status).toBe(200);
    const rows = rowsOf((await readXlsx(xlsx.body)).worksheets[0]);
    expect(rows).toContainEqual(['V-SJ', '单面V领', '手缝', 'KN-01', '手缝', '件', '0.5000']);
    expect(rows).toContainEqual(['KIDS', '童装', '整烫', 'KN-36', '包装', '打', '1.3350']);
    // Lines as the catalog lists them: product type V-SJ first, then process by process.
    expect(rows.slice(1).map((r) => `${r[0]}:${r[3]}`)).toEqual(fullTable().map(keyOf));

    // The signed 2025 round's agreement: every row named from the same catalog.
    const signed = t.demo.rounds['2025'].id;
    const agreement = await download('chen.chair', `/api/negotiations/${signed}/agreement-table`);
    const [, ...agreed] = rowsOf((await readXlsx(agreement.body)).getWorksheet('协议工价表')!);
    expect(agreed.length).toBeGreaterThan(0);
    expect(agreed.map((r) => r.slice(0, 6))).toEqual(agreed.map((r) => namesOf(r[0], r[3])));
  }, 60_000);

  it('refuses a file with bad rows whole (422), naming each row and column, and stores nothing', async () => {
    const { id, revision } = await toFirstSession(2072);
    const file = await xlsxOf(
      [...RATE_HEADER, '备注'],
      [
        ['V-SJ', 'KN-01', 1.25, 'fine'],
        ['V-SJ', 'KN-02', -0.5, 'negative'],
        ['V-SJ', 'KN-03', '1.23456', 'five places'],
        ['V-SJ', 'KN-01', '1.3000', 'a second rate for V-SJ KN-01'],
        ['CREW-SJ', 'KN-04', '0.9', 'fine'],
      ],
      '我的工价',
    );
    const res = await upload('chen.chair', id, XLSX, file, { revision, scope: 'subset' });
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 422,
      code: 'RATE_TABLE_FILE_INVALID',
    });
    const problems = res.body.details.problems as {
      sheet: string;
      row: number;
      column: string | null;
      reason: string;
    }[];
    expect(problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ['我的工价', 3, '工价（元）'],
      ['我的工价', 4, '工价（元）'],
      ['我的工价', 5, '工序编码'],
    ]);
    expect(problems[0].reason).toContain('negative');
    expect(problems[1].reason).toContain('more than 4 decimal places');
    expect(problems[2].reason).toContain('row 2');
    expect(res.body.message).toContain('3 problem(s)');

    // A header row without a process-code column (工序 is not a name the reader knows).
    const header = await upload(
      'chen.chair',
      id,
      CSV,
      '品种编码,工序,工价（元）\r\nV-SJ,KN-01,1.2500\r\n',
      { revision, scope: 'subset' },
    );
    expect({ status: header.status, code: header.body.code }).toEqual({
      status: 422,
      code: 'RATE_TABLE_FILE_INVALID',
    });
    expect(header.body.details.problems).toEqual([
      {
        sheet: '',
        row: 1,
        column: null,
        reason: expect.stringContaining('工序编码'),
      },
    ]);

    expect(await revisionOf(id)).toBe(revision);
    expect(await offersOf(id)).toEqual([]);
  }, 60_000);

  it('refuses an unknown process code and an incomplete full offer (422 RULE_VIOLATED), storing nothing', async () => {
    const { id, revision } = await toFirstSession(2073);
    const unknown = await upload(
      'chen.chair',
      id,
      CSV,
      csvTable([
        { productType: 'V-SJ', processCode: 'KN-01', rate: '1.3000' },
        { productType: 'V-SJ', processCode: 'KN-99', rate: '1.1000' },
      ]),
      { revision, scope: 'subset' },
    );
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({
      status: 422,
      code: 'RULE_VIOLATED',
    });
    expect(unknown.body.message).toContain('KN-99');
    expect(unknown.body.details.violations).toEqual([
      expect.objectContaining({
        rule: 'rates.unknownProcess',
        message: expect.stringContaining('KN-99'),
      }),
    ]);

    const missing = fullTable().filter(
      (l) =>
        !(l.productType === 'KIDS' && (l.processCode === 'KN-45' || l.processCode === 'KN-07')),
    );
    expect(missing).toHaveLength(403);
    const incomplete = await upload('chen.chair', id, XLSX, await xlsxTable(missing), {
      revision,
      scope: 'full',
    });
    expect({ status: incomplete.status, code: incomplete.body.code }).toEqual({
      status: 422,
      code: 'RULE_VIOLATED',
    });
    const violations = incomplete.body.details.violations as { rule: string; message: string }[];
    expect(violations.map((v) => v.rule)).toEqual(['rates.incomplete']);
    expect(violations[0].message).toContain('2 missing');
    expect(violations[0].message).toContain('KIDS:KN-07');
    expect(violations[0].message).toContain('KIDS:KN-45');

    expect(await revisionOf(id)).toBe(revision);
    expect(await offersOf(id)).toEqual([]);
  }, 60_000);

  it('refuses wrong content types, a missing revision or key and a broken workbook', async () => {
    const { id, revision } = await toFirstSession(2074);
    const good = csvTable([{ productType: 'V-SJ', processCode: 'KN-01', rate: '1.3000' }]);

    const json = await upload('chen.chair', id, 'application/json', JSON.stringify({ items: [] }), {
      revision,
    });
    expect({ status: json.status, code: json.body.code }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    const plain = await upload('chen.chair', id, 'text/plain', good.toString('utf8'), {
      revision,
    });
    expect({ status: plain.status, code: plain.body.code }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });

    const noRevision = await upload('chen.chair', id, CSV, good, { revision: null });
    expect({ status: noRevision.status, code: noRevision.body.code }).toEqual({
      status: 400,
      code: 'EXPECTED_REVISION_REQUIRED',
    });

    const noKey = await upload('chen.chair', id, CSV, good, { revision, key: null });
    expect({ status: noKey.status, code: noKey.body.code }).toEqual({
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
    });

    const stale = await upload('chen.chair', id, CSV, good, { revision: revision - 1 });
    expect({ status: stale.status, code: stale.body.code }).toEqual({
      status: 409,
      code: 'NEGOTIATION_STALE_REVISION',
    });

    const broken = await upload(
      'chen.chair',
      id,
      XLSX,
      Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 73 + 41) % 256)),
      { revision },
    );
    expect({ status: broken.status, code: broken.body.code }).toEqual({
      status: 422,
      code: 'RATE_TABLE_FILE_INVALID',
    });
    expect(broken.body.details.problems).toEqual([
      expect.objectContaining({
        row: 0,
        column: null,
        reason: expect.stringContaining('not a readable XLSX'),
      }),
    ]);

    expect(await revisionOf(id)).toBe(revision);
    expect(await offersOf(id)).toEqual([]);
  }, 60_000);

  // Issue 10: the round's state is checked before a byte of the file is read, so a malformed file
  // sent at the wrong moment answers 409, never a format error.
  it('refuses an upload the round does not take now (409) before reading it, whatever the file holds', async () => {
    const opened = await api.post('chen.chair', '/api/negotiations', {
      workerPartyId: PARTIES.xinheUnion.id,
      employerPartyId: PARTIES.xinheAssociation.id,
      year: 2069,
      title: 'rate-table files 2069',
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    const revision = await revisionOf(id);
    const malformed = [
      [XLSX, Buffer.from('this is not a workbook')],
      [CSV, Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28])],
      [CSV, '品种编码,工序编码,工价（元）\r\nV-SJ,KN-99,-1\r\n'],
    ] as const;
    for (const [type, body] of malformed) {
      const wrongState = await upload('chen.chair', id, type, body, { revision });
      expect({ status: wrongState.status, code: wrongState.body.code }).toEqual({
        status: 409,
        code: 'EVENT_NOT_ACCEPTED_IN_STATE',
      });
      const stale = await upload('chen.chair', id, type, body, { revision: revision + 1 });
      expect({ status: stale.status, code: stale.body.code }).toEqual({
        status: 409,
        code: 'NEGOTIATION_STALE_REVISION',
      });
    }
    // The signed 2025 round takes no offer either.
    const signed = t.demo.rounds['2025'];
    const closed = await upload('chen.chair', signed.id, XLSX, Buffer.from('garbage'), {
      revision: await revisionOf(signed.id),
    });
    expect({ status: closed.status, code: closed.body.code }).toEqual({
      status: 409,
      code: 'EVENT_NOT_ACCEPTED_IN_STATE',
    });
    expect(await revisionOf(id)).toBe(revision);
  }, 60_000);

  it('lists a file’s format problems and its unknown codes in one answer (422), storing nothing', async () => {
    const { id, revision } = await toFirstSession(2068);
    const file = await xlsxOf(RATE_HEADER, [
      ['V-SJ', 'KN-01', '1.2500'],
      ['V-SJ', 'KN-02', '-0.5'],
      ['V-SJ', 'KN-99', '1.1000'],
      ['NOPE', 'KN-03', '1.1000'],
      ['V-SJ', 'KN-98', 'abc'],
      ['V-SJ', 'KN 04', '1.1000'],
    ]);
    const res = await upload('chen.chair', id, XLSX, file, { revision, scope: 'subset' });
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 422,
      code: 'RATE_TABLE_FILE_INVALID',
    });
    const problems = res.body.details.problems as {
      row: number;
      column: string | null;
      reason: string;
    }[];
    expect(problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [3, '工价（元）', expect.stringContaining('negative')],
      [4, '工序编码', expect.stringContaining('process KN-99 is not in the round')],
      [5, '品种编码', expect.stringContaining('product type NOPE is not in the round')],
      [6, '工价（元）', expect.stringContaining('not a decimal number')],
      [6, '工序编码', expect.stringContaining('process KN-98 is not in the round')],
      [7, '工序编码', expect.stringContaining('is not a process code')],
    ]);
    expect(res.body.message).toContain('6 problem(s)');
    expect(await revisionOf(id)).toBe(revision);
    expect(await offersOf(id)).toEqual([]);
  }, 60_000);

  it('replays an upload sent again with the same Idempotency-Key, storing one offer', async () => {
    const { id, revision } = await toFirstSession(2075);
    const file = await xlsxTable(fullTable());
    const key = randomUUID();
    const first = await upload('chen.chair', id, XLSX, file, { revision, scope: 'full', key });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body.revision).toBe(revision + 1);

    const again = await upload('chen.chair', id, XLSX, file, { revision, scope: 'full', key });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);

    expect(await offersOf(id)).toHaveLength(1);
    expect(await revisionOf(id)).toBe(revision + 1);

    // The same key with a different file is not a retry: refused, and still one offer.
    const other = await upload(
      'chen.chair',
      id,
      CSV,
      csvTable([{ productType: 'V-SJ', processCode: 'KN-01', rate: '2.0000' }]),
      { revision: revision + 1, scope: 'subset', key },
    );
    expect({ status: other.status, code: other.body.code }).toEqual({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await offersOf(id)).toHaveLength(1);
  }, 60_000);

  it('lays a two-line subset CSV over the side’s previous offer: 405 lines, two changed', async () => {
    const { id, revision: start } = await toFirstSession(2076);
    const { offer: full, revision } = await tableFullOffer(id, start);
    // V-SJ KN-01 is 0.5000 in the full offer, CREW-SJ KN-02 is 0.6010.
    const subset = await upload(
      'chen.chair',
      id,
      CSV,
      csvTable([
        { productType: 'V-SJ', processCode: 'KN-01', rate: '0.55' },
        { productType: 'CREW-SJ', processCode: 'KN-02', rate: '0.6' },
      ]),
      { revision, scope: 'subset', note: '两道工序调整' },
    );
    expect(subset.status).toBe(201);

    const offers = await offersOf(id);
    expect(offers).toHaveLength(2);
    const amended = offers[1];
    expect(amended).toMatchObject({
      side: 'worker',
      scope: 'subset',
      basedOn: full.id,
      lineCount: 405,
    });
    expect(amended.sha256).not.toBe(full.sha256);
    const got = await api.get('chen.chair', `/api/negotiations/${id}/offers/${amended.id}`);
    expect(got.body.lines).toHaveLength(405);

    const cmp = await api.get(
      'lin.chief',
      `/api/negotiations/${id}/offers/compare?from=${full.id}&to=${amended.id}`,
    );
    expect(cmp.status).toBe(200);
    const changed = (cmp.body.changes as { status: string }[]).filter(
      (c) => c.status !== 'unchanged',
    );
    expect(changed).toEqual([
      {
        productType: 'CREW-SJ',
        processCode: 'KN-02',
        from: '0.6010',
        to: '0.6000',
        absolute: '-0.0010',
        percent: '-0.17',
        status: 'cut',
      },
      {
        productType: 'V-SJ',
        processCode: 'KN-01',
        from: '0.5000',
        to: '0.5500',
        absolute: '0.0500',
        percent: '10.00',
        status: 'raised',
      },
    ]);
    expect(cmp.body.changes).toHaveLength(405);

    // basedOn named explicitly: a one-line change laid over the full offer, not the latest one.
    const named = await upload(
      'chen.chair',
      id,
      CSV,
      csvTable([{ productType: 'KIDS', processCode: 'KN-45', rate: '1.4' }]),
      { revision: subset.body.revision, scope: 'subset', basedOn: full.id },
    );
    expect(named.status).toBe(201);
    const third = (await offersOf(id))[2];
    expect(third).toMatchObject({ basedOn: full.id, lineCount: 405, scope: 'subset' });
    const cmp2 = await api.get(
      'chen.chair',
      `/api/negotiations/${id}/offers/compare?from=${full.id}&to=${third.id}`,
    );
    expect(
      (cmp2.body.changes as { processCode: string; productType: string; status: string }[])
        .filter((c) => c.status !== 'unchanged')
        .map((c) => [c.productType, c.processCode, c.status]),
    ).toEqual([['KIDS', 'KN-45', 'raised']]);
  }, 60_000);
});

describe('the agreement’s table as a spreadsheet', () => {
  it('exports the signed 2025 round’s agreed table as XLSX (with a 汇总 sheet) and CSV', async () => {
    const id = t.demo.rounds['2025'].id;
    // The table is read from its own rows (ADR 0018), as the exports are.
    const table = (
      await api.get('chen.chair', `/api/negotiations/${id}/agreement-table?format=json`)
    ).body as {
      rows: {
        productType: string | null;
        processCode: string;
        previous: string | null;
        agreed: string;
        absolute: string | null;
        percent: string | null;
      }[];
      summary: {
        meanPercent: string | null;
        medianPercent: string | null;
        lowestPercent: string | null;
        highestPercent: string | null;
      };
    };
    expect(table.rows.length).toBeGreaterThan(0);

    const xlsx = await download(
      'chen.chair',
      `/api/negotiations/${id}/agreement-table?format=xlsx`,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const wb = await readXlsx(xlsx.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['协议工价表', '汇总']);
    const [header, ...rows] = rowsOf(wb.getWorksheet('协议工价表')!);
    expect(header).toEqual([
      '品种编码',
      '品种名称',
      '车间/工种',
      '工序编码',
      '工序名称',
      '单位',
      '上年工价（元）',
      '协议工价（元）',
      '增减（元）',
      '增减幅度（%）',
      '行业最低工价',
      '降价确认',
    ]);
    // One row per line of the draft's table (exports list lines in catalog order).
    expect(sorted(rows.map((r) => [r[0], r[3], r[6], r[7], r[8], r[9]]))).toEqual(
      sorted(
        table.rows.map((r) => [
          r.productType ?? '',
          r.processCode,
          r.previous ?? '',
          r.agreed,
          r.absolute ?? '',
          r.percent ?? '',
        ]),
      ),
    );
    expect(rowsOf(wb.getWorksheet('汇总')!)).toEqual([
      ['项目', '数值'],
      ['平均增幅（%）', table.summary.meanPercent ?? ''],
      ['中位增幅（%）', table.summary.medianPercent ?? ''],
      ['最低增幅（%）', table.summary.lowestPercent ?? ''],
      ['最高增幅（%）', table.summary.highestPercent ?? ''],
    ]);

    const csv = await download(
      'qian.auditor',
      `/api/negotiations/${id}/agreement-table?format=csv`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = (csv.body as Buffer)
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)
      .filter((l) => l !== '');
    expect(lines).toHaveLength(table.rows.length + 1);
    expect(lines[0]).toContain('协议工价（元）');
    expect(
      sorted(
        lines.slice(1).map((l) => l.split(',').filter((_, i) => i === 0 || i === 3 || i === 7)),
      ),
    ).toEqual(sorted(table.rows.map((r) => [r.productType ?? '', r.processCode, r.agreed])));
  }, 60_000);

  it('has no agreement table before a draft is agreed (404), and an agreement file tables as an offer', async () => {
    const { id, revision } = await toFirstSession(2077);
    const none = await api.get('chen.chair', `/api/negotiations/${id}/agreement-table?format=xlsx`);
    expect({ status: none.status, code: none.body.code }).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
    const bad = await api.get('chen.chair', `/api/negotiations/${id}/agreement-table?format=pdf`);
    expect({ status: bad.status, code: bad.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });

    // Last agreement's file, re-imported: its 协议工价 column is the rate.
    const signed = t.demo.rounds['2025'].id;
    const agreed = (
      await api.get('chen.chair', `/api/negotiations/${signed}/agreement-table?format=json`)
    ).body.rows as { productType: string | null; processCode: string; agreed: string }[];
    const file = await download(
      'chen.chair',
      `/api/negotiations/${signed}/agreement-table?format=csv`,
    );
    const res = await upload('chen.chair', id, CSV, file.body, { revision, scope: 'subset' });
    expect(res.status).toBe(201);
    const [offer] = await offersOf(id);
    const got = await api.get('chen.chair', `/api/negotiations/${id}/offers/${offer.id}`);
    expect(
      sorted((got.body.lines as Line[]).map((l) => [l.productType ?? '', l.processCode, l.rate])),
    ).toEqual(sorted(agreed.map((r) => [r.productType ?? '', r.processCode, r.agreed])));
  }, 60_000);
});
