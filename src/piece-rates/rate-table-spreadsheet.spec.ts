import { describe, it, expect } from '@jest/globals';
import ExcelJS from 'exceljs';
import {
  readRateTable,
  withCatalogProblems,
  writeAgreementTable,
  writeRateTable,
  type AgreementSheetRow,
  type RateLine,
  type RateSheetNames,
} from './rate-table-spreadsheet.js';
import type { SheetProblem } from './catalog-spreadsheet.js';

const names: RateSheetNames = {
  productTypes: [{ code: 'PT01', nameZh: '套衫' }],
  sections: [{ code: 'KNIT', nameZh: '横机' }],
  processes: [
    { code: '001', sectionCode: 'KNIT', nameZh: '前片', unit: 'piece' },
    { code: 'LINK.2', sectionCode: 'KNIT', nameZh: '套口', unit: 'dozen' },
  ],
};
// In catalog order (lines for every product type first, a process the catalog lacks last), which is
// the order an export writes.
const lines: RateLine[] = [
  { productType: null, processCode: '001', rate: '1.2500' },
  { productType: null, processCode: 'NOT-IN-CATALOG', rate: '0.0000' },
  { productType: 'PT01', processCode: '001', rate: '0.0001' },
  { productType: 'PT01', processCode: 'LINK.2', rate: '999999.9999' },
];
const HEADER = ['品种编码', '工序编码', '工价（元）'];

// Real workbooks, built the way a user's Excel would store them (numbers as numbers).
async function xlsx(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工价');
  rows.forEach((r, i) => (ws.getRow(i + 1).values = r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csv = (text: string) => Buffer.from(text, 'utf8');

async function sheetRows(file: Buffer, sheet: string): Promise<ExcelJS.CellValue[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const out: ExcelJS.CellValue[][] = [];
  wb.getWorksheet(sheet)?.eachRow((r) => out.push((r.values as ExcelJS.CellValue[]).slice(1)));
  return out;
}

async function refused(file: Buffer, format: 'xlsx' | 'csv' = 'xlsx'): Promise<SheetProblem[]> {
  const result = await readRateTable(file, format);
  expect(result.lines).toBeNull();
  expect(result.problems.length).toBeGreaterThan(0);
  return result.problems;
}

describe('writeRateTable and readRateTable', () => {
  it.each(['xlsx', 'csv'] as const)('round-trips %s exactly', async (format) => {
    const file = await writeRateTable(lines, format, names);
    expect(await readRateTable(file, format)).toEqual({ lines, problems: [] });
  });

  it('writes lines in catalog order whatever order they come in', async () => {
    const file = await writeRateTable([...lines].reverse(), 'csv', names);
    expect((await readRateTable(file, 'csv')).lines).toEqual(lines);
  });

  it('writes names, Chinese units and rates as text', async () => {
    const rows = await sheetRows(await writeRateTable(lines, 'xlsx', names), '工价表');
    expect(rows[0]).toEqual([
      '品种编码',
      '品种名称',
      '车间/工种',
      '工序编码',
      '工序名称',
      '单位',
      '工价（元）',
    ]);
    expect(rows[1]).toEqual(['', '', '横机', '001', '前片', '件', '1.2500']);
    expect(rows[2]).toEqual(['', '', '', 'NOT-IN-CATALOG', '', '', '0.0000']);
    expect(rows[4]).toEqual(['PT01', '套衫', '横机', 'LINK.2', '套口', '打', '999999.9999']);
  });

  it('writes CSV as UTF-8 with a BOM and leaves names blank without a catalog', async () => {
    const text = (await writeRateTable(lines.slice(0, 1), 'csv')).toString('utf8');
    expect(text.startsWith('\ufeff品种编码,品种名称,车间/工种')).toBe(true);
    expect(text).toContain(',,,001,,,1.2500');
  });
});

describe('writeAgreementTable', () => {
  const rows: AgreementSheetRow[] = [
    {
      productType: null,
      processCode: '001',
      previous: '1.0000',
      agreed: '1.1000',
      absolute: '0.1000',
      percent: '10.00',
      isIndustryMinimum: true,
      isCut: false,
    },
    {
      productType: 'PT01',
      processCode: 'LINK.2',
      previous: null,
      agreed: '2.0000',
      absolute: null,
      percent: null,
      isIndustryMinimum: false,
      isCut: true,
    },
  ];
  const summary = {
    meanPercent: '10.00',
    medianPercent: '10.00',
    lowestPercent: null,
    highestPercent: '10.00',
  };
  const agreed: RateLine[] = [
    { productType: null, processCode: '001', rate: '1.1000' },
    { productType: 'PT01', processCode: 'LINK.2', rate: '2.0000' },
  ];

  it.each(['xlsx', 'csv'] as const)('reads back as the agreed rates (%s)', async (format) => {
    const file = await writeAgreementTable(rows, format, names, summary);
    expect(await readRateTable(file, format)).toEqual({ lines: agreed, problems: [] });
  });

  it('lays out the table and a summary sheet', async () => {
    const file = await writeAgreementTable(rows, 'xlsx', names, summary);
    const table = await sheetRows(file, '协议工价表');
    expect(table[0].slice(6)).toEqual([
      '上年工价（元）',
      '协议工价（元）',
      '增减（元）',
      '增减幅度（%）',
      '行业最低工价',
      '降价确认',
    ]);
    expect(table[1]).toEqual(
      ['', '', '横机', '001', '前片', '件', '1.0000', '1.1000'].concat([
        '0.1000',
        '10.00',
        '是',
        '',
      ]),
    );
    expect(table[2].slice(6)).toEqual(['', '2.0000', '', '', '', '是']);
    expect(await sheetRows(file, '汇总')).toContainEqual(['最低增幅（%）', '']);
    const text = (await writeAgreementTable(rows, 'csv', names, summary)).toString('utf8');
    expect(text).not.toContain('平均增幅');
  });
});

describe('readRateTable', () => {
  it('accepts a BOM-less CSV with Chinese headers, blank rows and extra columns', async () => {
    const file = csv('备注,工序编码,工价\n,,\nx,001,1.25\n,,\n,002,2\n');
    expect(await readRateTable(file, 'csv')).toEqual({
      lines: [
        { productType: null, processCode: '001', rate: '1.2500' },
        { productType: null, processCode: '002', rate: '2.0000' },
      ],
      problems: [],
    });
  });

  it.each([
    [
      'xlsx',
      async () =>
        xlsx([
          [' Product Type Code ', 'PROCESS CODE', 'Rate (Yuan)'],
          ['P', 'A', '3'],
        ]),
    ],
    ['csv', async () => csv('product type code,process code,rate\nP,A,3\n')],
    [
      'xlsx',
      async () =>
        xlsx([
          ['工序编码', '工价(元)', '品种编码'],
          ['A', '3', 'P'],
        ]),
    ],
  ] as const)('accepts English and half-width headers (%s)', async (format, make) => {
    expect(await readRateTable(await make(), format)).toEqual({
      lines: [{ productType: 'P', processCode: 'A', rate: '3.0000' }],
      problems: [],
    });
  });

  it('reads numeric cells through their shortest decimal text', async () => {
    const file = await xlsx([HEADER, [null, 101, 1.25], [null, 'B', 2], [null, 'C', 0.1 + 0.2]]);
    const problems = await refused(file);
    expect(problems).toEqual([
      { sheet: '工价', row: 4, column: '工价（元）', reason: expect.stringContaining('4 decimal') },
    ]);
    const formula = { formula: 'B1*2', result: 0.5 };
    const good = await xlsx([HEADER, [null, 101, 1.25], [null, 'B', 2], [null, 'C', formula]]);
    expect((await readRateTable(good, 'xlsx')).lines).toEqual([
      { productType: null, processCode: '101', rate: '1.2500' },
      { productType: null, processCode: 'B', rate: '2.0000' },
      { productType: null, processCode: 'C', rate: '0.5000' },
    ]);
  });

  it('normalises exact rate text', async () => {
    const file = csv('工序编码,工价（元）\nA,007.5\nB,1.250000\nC,0\n');
    expect((await readRateTable(file, 'csv')).lines?.map((l) => l.rate)).toEqual([
      '7.5000',
      '1.2500',
      '0.0000',
    ]);
  });

  it.each([
    ['a missing process code', ['P', '', '1'], '工序编码', /missing/],
    ['a malformed process code', ['P', '工序 1', '1'], '工序编码', /not a process code/],
    ['a malformed product type', ['-P', 'A', '1'], '品种编码', /not a product type code/],
    ['a missing rate', ['P', 'A', ''], '工价（元）', /missing/],
    ['a non-numeric rate', ['P', 'A', '1,25'], '工价（元）', /not a decimal/],
    ['a negative rate', ['P', 'A', -1], '工价（元）', /negative/],
    ['an over-precise rate', ['P', 'A', '1.23456'], '工价（元）', /4 decimal/],
    ['a rate too large', ['P', 'A', '1234567'], '工价（元）', /6 digits/],
    ['a rate in exponent form', ['P', 'A', 1e-7], '工价（元）', /not a decimal/],
  ])('refuses %s with its row and column', async (_kind, bad, column, reason) => {
    const file = await xlsx([HEADER, ['P', 'OK', '1'], [], bad]);
    expect(await refused(file)).toEqual([
      { sheet: '工价', row: 4, column, reason: expect.stringMatching(reason) },
    ]);
  });

  it('refuses a duplicate pair, naming the first row, and tells null apart from a type', async () => {
    const file = csv('品种编码,工序编码,工价（元）\n,A,1\nP,A,1\nP,A,2\n,A,3\n');
    expect(await refused(file, 'csv')).toEqual([
      { sheet: '', row: 4, column: '工序编码', reason: expect.stringContaining('row 3') },
      { sheet: '', row: 5, column: '工序编码', reason: expect.stringContaining('row 2') },
    ]);
  });

  it('lists every bad row, up to 200 problems', async () => {
    const body = Array.from({ length: 250 }, (_, i) => `A${i},x`).join('\n');
    const problems = await refused(csv(`工序编码,工价\n${body}\n`), 'csv');
    expect(problems).toHaveLength(200);
    expect(problems[198]).toMatchObject({ row: 200, column: '工价' });
    expect(problems[199]).toMatchObject({ row: 0, reason: expect.stringContaining('51 more') });
  });

  it.each([
    ['no data rows', csv('工序编码,工价（元）\n,\n'), /no rates/],
    ['too many rows', csv(`工序编码,工价\n${'A,1\n'.repeat(20_001)}`), /20001 rows/],
  ])('refuses a file with %s', async (_kind, file, reason) => {
    expect(await refused(file, 'csv')).toEqual([
      { sheet: '', row: 0, column: null, reason: expect.stringMatching(reason) },
    ]);
  });

  it('accepts exactly 20,000 rows', async () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `A${i},1\n`).join('');
    expect((await readRateTable(csv(`工序编码,工价\n${body}`), 'csv')).lines).toHaveLength(20_000);
  });

  it('refuses a missing required header in one problem listing accepted names', async () => {
    const problems = await refused(
      await xlsx([
        ['品种编码', '工序名称'],
        ['P', '前片'],
      ]),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ sheet: '工价', row: 1, column: null });
    for (const name of ['工序编码', 'process code', '工价（元）', '协议工价（元）', 'rate (yuan)'])
      expect(problems[0].reason).toContain(name);
  });

  it.each([
    ['garbage', Buffer.from('definitely not a workbook')],
    ['a CSV', csv('工序编码,工价\nA,1\n')],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s given as XLSX without throwing', async (_kind, file) => {
    expect(await refused(file)).toEqual([
      { sheet: '', row: 0, column: null, reason: expect.stringContaining('not a readable XLSX') },
    ]);
  });

  it('refuses a workbook without sheets', async () => {
    const empty = Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer());
    expect(await refused(empty)).toEqual([
      { sheet: '', row: 0, column: null, reason: expect.stringContaining('no sheets') },
    ]);
  });

  it('refuses a CSV that is not UTF-8', async () => {
    // 工序编码 in GBK, as older Excel saves "CSV (comma delimited)" on Chinese Windows.
    const gbk = Buffer.from([0xb9, 0xa4, 0xd0, 0xf2, 0xb1, 0xe0, 0xc2, 0xeb, 0x0a]);
    expect((await refused(gbk, 'csv'))[0].reason).toContain('UTF-8');
  });
});

// Issue 10: a refused file's unknown codes are listed with its format problems, in one answer.
describe('withCatalogProblems', () => {
  const catalog = { processes: ['A', 'B'], productTypes: ['P'] };

  it('adds each well-formed row’s unknown codes to the format problems, in row order', async () => {
    const read = await readRateTable(
      csv('品种编码,工序编码,工价（元）\nP,A,-1\nQ,Z,1\nP,B,x\n,Y,1.123456\n'),
      'csv',
    );
    expect(read.lines).toBeNull();
    expect(withCatalogProblems(read, catalog).map((p) => [p.row, p.column])).toEqual([
      [2, '工价（元）'],
      [3, '品种编码'],
      [3, '工序编码'],
      [4, '工价（元）'],
      [5, '工价（元）'],
      [5, '工序编码'],
    ]);
  });

  it('keeps the 200-problem cap, and leaves a list already cut short as it is', async () => {
    const many = Array.from({ length: 150 }, (_, i) => `Z${i},x`).join('\n');
    const read = await readRateTable(csv(`工序编码,工价\n${many}\n`), 'csv');
    const problems = withCatalogProblems(read, catalog);
    expect(problems).toHaveLength(200);
    expect(problems[199]).toMatchObject({ row: 0, reason: expect.stringContaining('101 more') });
    const cut = await readRateTable(csv(`工序编码,工价\n${many}\n${many}\n`), 'csv');
    expect(withCatalogProblems(cut, catalog)).toBe(cut.problems);
  });
});
