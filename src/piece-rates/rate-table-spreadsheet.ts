import type {
  AgreementRow,
  AgreementSummary as FullSummary,
} from '../kernel/rates/agreement-summary.js';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { sheetRows, type SheetProblem } from './catalog-spreadsheet.js';
import { writeCsv } from '../kernel/rates/spreadsheet-cells.js';
import { NOT_A_WORKBOOK, NOT_UTF8 } from './spreadsheet-inspection.js';
import type { LineRef, RateLine } from '../kernel/rates/rate-table.js';
import type { SheetGrid } from './xlsx-sheet.js';

// 工价表 travel as spreadsheets the same way catalogs do (see catalog-spreadsheet.ts): Chinese headers,
// English accepted, CSV as UTF-8 with a BOM, and a file with any problem refused whole with every
// problem listed. Rates never pass through floating point: they are checked and padded as text.

export type { RateLine };

/** Lines as the catalog lists them (product type, then process), which is how a 工价表 reads. */
function inCatalogOrder<T extends LineRef>(lines: readonly T[], names?: RateSheetNames): T[] {
  if (!names) return [...lines];
  const typeAt = new Map(names.productTypes.map((t, i) => [t.code, i]));
  const processAt = new Map(names.processes.map((p, i) => [p.code, i]));
  const at = (m: Map<string, number>, code: string | null) =>
    code === null ? -1 : (m.get(code) ?? m.size);
  return [...lines].sort(
    (a, b) =>
      at(typeAt, a.productType) - at(typeAt, b.productType) ||
      at(processAt, a.processCode) - at(processAt, b.processCode),
  );
}

export interface RateSheetNames {
  productTypes: { code: string; nameZh: string }[];
  sections: { code: string; nameZh: string }[];
  processes: { code: string; sectionCode: string; nameZh: string; unit: string }[];
}

export type AgreementSheetRow = AgreementRow;

export type AgreementSummary = Omit<FullSummary, 'processes'>;

const RATE_SHEET = '工价表';
const AGREEMENT_SHEET = '协议工价表';
const SUMMARY_SHEET = '汇总';
const NAME_HEADERS = ['品种编码', '品种名称', '车间/工种', '工序编码', '工序名称', '单位'];
const UNIT_ZH: Record<string, string> = {
  piece: '件',
  dozen: '打',
  pair: '双',
  hour: '小时',
  month: '月',
};
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const MAX_ROWS = 20_000;
const MAX_PROBLEMS = 200;

// Headers are compared after folding case, full-width brackets and spacing, so 工价(元) and
// "Rate(yuan)" match as well as the names we write.
const fold = (s: string) =>
  s.trim().toLowerCase().replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
const HEADERS = {
  productType: ['品种编码', 'product type code'],
  processCode: ['工序编码', 'process code'],
  rate: ['工价（元）', '工价', 'rate', 'rate (yuan)'],
  // An agreement export has no 工价 column; its agreed rate is what a re-import means.
  agreed: ['协议工价（元）', '协议工价', 'agreed rate', 'agreed rate (yuan)'],
};
const RATE_NAMES = [...HEADERS.rate, ...HEADERS.agreed];

// ---- writing ----

// Lookups are built once: a table can have 20,000 lines against a catalog of thousands of processes.
function namer(names?: RateSheetNames) {
  const product = new Map(names?.productTypes.map((p) => [p.code, p.nameZh]));
  const section = new Map(names?.sections.map((s) => [s.code, s.nameZh]));
  const process = new Map(names?.processes.map((p) => [p.code, p]));
  return (productType: string | null, processCode: string): string[] => {
    const p = process.get(processCode);
    return [
      productType ?? '',
      (productType && product.get(productType)) ?? '',
      (p && section.get(p.sectionCode)) ?? '',
      processCode,
      p?.nameZh ?? '',
      (p && UNIT_ZH[p.unit]) ?? '',
    ];
  };
}

async function toBuffer(wb: ExcelJS.Workbook, format: 'xlsx' | 'csv'): Promise<Buffer> {
  if (format === 'xlsx') return Buffer.from(await wb.xlsx.writeBuffer());
  // Our own CSV writer, not exceljs's: it neutralises text that looks like a formula.
  return writeCsv(sheetRows(wb.worksheets[0]));
}

function addSheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: string[][]) {
  const ws = wb.addWorksheet(name);
  ws.addRow(header);
  ws.getRow(1).font = { bold: true };
  // Every value is a string, so rates stay exact and codes such as 001 keep their zeros.
  for (const r of rows) ws.addRow(r);
}

export async function writeRateTable(
  lines: RateLine[],
  format: 'xlsx' | 'csv',
  names?: RateSheetNames,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const named = namer(names);
  addSheet(
    wb,
    RATE_SHEET,
    [...NAME_HEADERS, '工价（元）'],
    inCatalogOrder(lines, names).map((l) => [...named(l.productType, l.processCode), l.rate]),
  );
  return toBuffer(wb, format);
}

export async function writeAgreementTable(
  rows: AgreementSheetRow[],
  format: 'xlsx' | 'csv',
  names?: RateSheetNames,
  summary?: AgreementSummary,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const named = namer(names);
  const yes = (b: boolean) => (b ? '是' : '');
  addSheet(
    wb,
    AGREEMENT_SHEET,
    [
      ...NAME_HEADERS,
      '上年工价（元）',
      '协议工价（元）',
      '增减（元）',
      '增减幅度（%）',
      '行业最低工价',
      '降价确认',
    ],
    inCatalogOrder(rows, names).map((r) => [
      ...named(r.productType, r.processCode),
      r.previous ?? '',
      r.agreed,
      r.absolute ?? '',
      r.percent ?? '',
      yes(r.isIndustryMinimum),
      yes(r.isCut),
    ]),
  );
  if (summary && format === 'xlsx')
    addSheet(
      wb,
      SUMMARY_SHEET,
      ['项目', '数值'],
      [
        ['平均增幅（%）', summary.meanPercent ?? ''],
        ['中位增幅（%）', summary.medianPercent ?? ''],
        ['最低增幅（%）', summary.lowestPercent ?? ''],
        ['最高增幅（%）', summary.highestPercent ?? ''],
      ],
    );
  return toBuffer(wb, format);
}

// ---- reading ----

export type ReadResult =
  | { lines: RateLine[]; problems: [] }
  | { lines: null; problems: SheetProblem[]; coded?: CodedRows };

// The rows of a refused file whose codes are well formed, so that the codes can be checked against
// the round's catalog and refused in the same answer as the format problems (issue 10).
export interface CodedRows {
  sheet: string;
  productTypeColumn: string | null;
  processCodeColumn: string;
  rows: { row: number; productType: string | null; processCode: string }[];
}

// A number cell becomes its shortest decimal text, which is what Excel shows; a float such as
// 0.30000000000000004 then fails the 4-place check instead of being silently rounded.
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== 'object') return String(v).trim();
  if ('richText' in v)
    return v.richText
      .map((t) => t.text ?? '')
      .join('')
      .trim();
  if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  return '';
}

function checkRate(raw: string): { rate: string } | { reason: string } {
  if (raw === '') return { reason: 'the rate is missing' };
  if (/^-\s*\d/.test(raw)) return { reason: `"${raw}" is negative; a rate cannot be below zero` };
  const m = DECIMAL.exec(raw);
  if (!m) return { reason: `"${raw}" is not a decimal number of yuan such as 1.25` };
  // Trailing zeros lose nothing, so 1.250000 is 1.2500; a fifth significant place would.
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 4) return { reason: `"${raw}" has more than 4 decimal places` };
  const whole = m[1].replace(/^0+(?=\d)/, '');
  if (whole.length > 6) return { reason: `"${raw}" has more than 6 digits before the point` };
  return { rate: `${whole}.${fraction.padEnd(4, '0')}` };
}

async function load(file: Buffer, format: 'xlsx' | 'csv'): Promise<ExcelJS.Workbook | string> {
  const wb = new ExcelJS.Workbook();
  if (format === 'xlsx') {
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      // Never the zip or XML library's own text (issue 8).
      return NOT_A_WORKBOOK;
    }
    return wb.worksheets.length ? wb : 'the XLSX workbook has no sheets';
  }
  let body: string;
  try {
    body = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return NOT_UTF8;
  }
  try {
    // map: every cell stays text, so 001 is not read as 1 and rates are not read as floats.
    await wb.csv.read(Readable.from([body.replace(/^\ufeff/, '')]), { map: (v: string) => v });
  } catch {
    return 'the file is not a readable CSV; in Excel save it as "CSV UTF-8" and upload that';
  }
  return wb;
}

export async function readRateTable(file: Buffer, format: 'xlsx' | 'csv'): Promise<ReadResult> {
  const wb = await load(file, format);
  if (typeof wb === 'string')
    return { lines: null, problems: [{ sheet: '', row: 0, column: null, reason: wb }] };
  const ws = wb.worksheets[0];
  const rows: RowCells[] = [];
  ws.eachRow((r, n) => {
    if (n > 1 && (r.values as ExcelJS.CellValue[]).some((v) => cellText(v) !== ''))
      rows.push({ row: n, at: (col) => cellText(r.getCell(col).value) });
  });
  return rateTableOf({
    // A CSV has no sheet names; the one exceljs invents would only confuse.
    sheet: format === 'xlsx' ? ws.name : '',
    // Array.from, not map: exceljs rows are sparse arrays and map would keep the holes.
    header: Array.from(ws.getRow(1).values as ExcelJS.CellValue[], cellText),
    rows,
  });
}

/** The same reading from the cells xlsx-sheet.ts took from the inspected parts (no exceljs). */
export function readRateTableGrid(grid: SheetGrid): ReadResult {
  const cells = (r: SheetGrid['rows'][number]) => Array.from(r.cells, (c) => c ?? '');
  return rateTableOf({
    sheet: grid.name,
    header: grid.rows[0]?.row === 1 ? cells(grid.rows[0]) : [],
    rows: grid.rows
      .filter((r) => r.row > 1 && r.cells.some((c) => c !== ''))
      .map((r) => ({ row: r.row, at: (col) => r.cells[col] ?? '' })),
  });
}

// A row below the header with at least one non-blank cell: its number and each column's text.
interface RowCells {
  row: number;
  at(column: number): string;
}

function rateTableOf({
  sheet,
  header,
  rows,
}: {
  sheet: string;
  header: string[];
  rows: RowCells[];
}): ReadResult {
  const problems: SheetProblem[] = [];
  const bad = (row: number, column: string | null, reason: string) =>
    problems.push({ sheet, row, column, reason });

  const find = (accepted: string[]) => {
    for (const name of accepted) {
      const at = header.findIndex((h) => fold(h) === fold(name));
      if (at > 0) return { at, title: header[at] };
    }
    return null;
  };
  const productCol = find(HEADERS.productType);
  const processCol = find(HEADERS.processCode);
  const rateCol = find(HEADERS.rate) ?? find(HEADERS.agreed);
  if (!processCol || !rateCol) {
    const missing = [processCol ? null : HEADERS.processCode, rateCol ? null : RATE_NAMES]
      .filter((m): m is string[] => m !== null)
      .map((m) => `${m[0]} (accepted: ${m.join(', ')})`);
    bad(1, null, `row 1 has no ${missing.join(' and no ')} column`);
    return { lines: null, problems };
  }

  if (rows.length === 0) bad(0, null, 'the file has no rates below the header row');
  if (rows.length > MAX_ROWS)
    bad(0, null, `the file has ${rows.length} rows of rates; at most ${MAX_ROWS} are accepted`);
  if (problems.length) return { lines: null, problems };

  const lines: RateLine[] = [];
  const coded: CodedRows['rows'] = [];
  const seen = new Map<string, number>();
  const codeRule = '1-40 letters, digits, . - _, starting with a letter or digit';
  for (const { row, at: cell } of rows) {
    const at = (col: { at: number } | null) => (col ? cell(col.at) : '');
    const productType = at(productCol) || null;
    const processCode = at(processCol);
    const rate = checkRate(at(rateCol));
    const badProduct = productType !== null && !CODE.test(productType);
    if (badProduct)
      bad(
        row,
        productCol?.title ?? null,
        `"${productType}" is not a product type code (${codeRule})`,
      );
    const badProcess = !CODE.test(processCode);
    if (badProcess)
      bad(
        row,
        processCol.title,
        processCode
          ? `"${processCode}" is not a process code (${codeRule})`
          : 'the process code is missing',
      );
    if ('reason' in rate) bad(row, rateCol.title, rate.reason);
    if (badProduct || badProcess) continue;
    coded.push({ row, productType, processCode });
    const key = `${productType ?? ''}\u0000${processCode}`;
    const first = seen.get(key);
    if (first !== undefined)
      bad(
        row,
        processCol.title,
        `${productType ? `product type ${productType}, ` : 'every product type, '}process ` +
          `${processCode} already has a rate on row ${first}`,
      );
    else seen.set(key, row);
    if ('rate' in rate) lines.push({ productType, processCode, rate: rate.rate });
  }
  if (problems.length === 0) return { lines, problems: [] };
  if (problems.length > MAX_PROBLEMS) return { lines: null, problems: capped(problems, sheet) };
  const columns = {
    productTypeColumn: productCol?.title ?? null,
    processCodeColumn: processCol.title,
  };
  return { lines: null, problems, coded: { sheet, ...columns, rows: coded } };
}

function capped(problems: SheetProblem[], sheet: string): SheetProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const omitted = problems.length - (MAX_PROBLEMS - 1);
  return [
    ...problems.slice(0, MAX_PROBLEMS - 1),
    {
      sheet,
      row: 0,
      column: null,
      reason: `${omitted} more problems are not listed; fix these and upload again`,
    },
  ];
}

/**
 * A refused file's problems together with its rows' codes that the round's pinned catalog version
 * does not have, in row order, so one answer lists everything wrong with the file (issue 10). A file
 * whose problem list was already cut short gains nothing: it is refused as it is.
 */
export function withCatalogProblems(
  read: { problems: SheetProblem[]; coded?: CodedRows },
  catalog: { processes: readonly string[]; productTypes: readonly string[] },
): SheetProblem[] {
  const { coded } = read;
  if (!coded) return read.problems;
  const processes = new Set(catalog.processes);
  const productTypes = new Set(catalog.productTypes);
  const found: SheetProblem[] = [];
  for (const { row, productType, processCode } of coded.rows) {
    if (productType !== null && !productTypes.has(productType))
      found.push({
        sheet: coded.sheet,
        row,
        column: coded.productTypeColumn,
        reason: `product type ${productType} is not in the round's catalog version`,
      });
    if (!processes.has(processCode))
      found.push({
        sheet: coded.sheet,
        row,
        column: coded.processCodeColumn,
        reason: `process ${processCode} is not in the round's catalog (unknown, retired, or from another version)`,
      });
  }
  if (found.length === 0) return read.problems;
  // Stable: within a row, the format problems first.
  const all = [...read.problems, ...found].sort((a, b) => a.row - b.row);
  return capped(all, coded.sheet);
}
