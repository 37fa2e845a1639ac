import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { CatalogDraft } from '../kernel/rates/catalog.rules.js';
import { FORMULA_REASON, looksLikeFormula, writeCsv } from '../kernel/rates/spreadsheet-cells.js';

// 工价表 live in spreadsheets: a catalog goes out and comes back as XLSX (three sheets) or CSV (the
// process sheet alone, UTF-8 with a BOM so Excel shows the Chinese). Headers are Chinese; the English
// names are accepted too. A file with any problem is refused whole, with every problem listed.

export interface SheetProblem {
  sheet: string;
  row: number;
  column: string | null;
  reason: string;
}

export interface CatalogForSheet {
  productTypes: { code: string; nameZh: string; nameEn: string | null }[];
  sections: { code: string; nameZh: string }[];
  processes: {
    code: string;
    sectionCode: string;
    nameZh: string;
    nameEn: string | null;
    unit: string;
  }[];
  mappings: { fromCode: string; toCode: string | null; kind: string }[];
}

const SHEETS = { processes: '工序', productTypes: '品种', mappings: '编码对照' } as const;
const PROCESS_COLUMNS = [
  ['sectionCode', '车间/工种编码', 'section code'],
  ['sectionName', '车间/工种名称', 'section name'],
  ['code', '工序编码', 'process code'],
  ['nameZh', '工序名称', 'process name'],
  ['nameEn', '英文名称', 'english name'],
  ['unit', '单位', 'unit'],
] as const;
const PRODUCT_COLUMNS = [
  ['code', '品种编码', 'product type code'],
  ['nameZh', '品种名称', 'product type name'],
  ['nameEn', '英文名称', 'english name'],
] as const;
const MAPPING_COLUMNS = [
  ['fromCode', '原编码', 'old code'],
  ['toCodes', '新编码', 'new codes'],
  ['kind', '类型', 'kind'],
] as const;

const UNITS: Record<string, string> = {
  件: 'piece',
  打: 'dozen',
  双: 'pair',
  小时: 'hour',
  月: 'month',
};
const UNIT_ZH = Object.fromEntries(Object.entries(UNITS).map(([zh, en]) => [en, zh]));
const KINDS: Record<string, string> = {
  更名: 'renamed',
  拆分: 'split',
  合并: 'merged',
  停用: 'retired',
};
const KIND_ZH = Object.fromEntries(Object.entries(KINDS).map(([zh, en]) => [en, zh]));
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export { CSV_TYPE, XLSX_TYPE } from './spreadsheet-upload.js';

// ---- writing ----

function fill(
  ws: ExcelJS.Worksheet,
  columns: readonly (readonly [string, string, string])[],
  rows: unknown[][],
) {
  ws.addRow(columns.map((c) => c[1]));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
}

function processRows(c: CatalogForSheet): string[][] {
  const sectionName = new Map(c.sections.map((s) => [s.code, s.nameZh]));
  return c.processes.map((p) => [
    p.sectionCode,
    sectionName.get(p.sectionCode) ?? '',
    p.code,
    p.nameZh,
    p.nameEn ?? '',
    UNIT_ZH[p.unit] ?? p.unit,
  ]);
}

export async function writeCatalogXlsx(c: CatalogForSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet(SHEETS.processes), PROCESS_COLUMNS, processRows(c));
  fill(
    wb.addWorksheet(SHEETS.productTypes),
    PRODUCT_COLUMNS,
    c.productTypes.map((p) => [p.code, p.nameZh, p.nameEn ?? '']),
  );
  const byFrom = new Map<string, { to: string[]; kind: string }>();
  for (const m of c.mappings) {
    const e = byFrom.get(m.fromCode) ?? { to: [], kind: m.kind };
    if (m.toCode) e.to.push(m.toCode);
    byFrom.set(m.fromCode, e);
  }
  fill(
    wb.addWorksheet(SHEETS.mappings),
    MAPPING_COLUMNS,
    [...byFrom].map(([from, e]) => [from, e.to.join('、'), KIND_ZH[e.kind] ?? e.kind]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeCatalogCsv(c: CatalogForSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet(SHEETS.processes), PROCESS_COLUMNS, processRows(c));
  return writeCsv(sheetRows(wb.worksheets[0]));
}

// A sheet's cells as text, row by row (every cell we write is a string).
export function sheetRows(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (r) => {
    rows.push(Array.from((r.values as ExcelJS.CellValue[]).slice(1), (v) => (v ?? '') as string));
  });
  return rows;
}

// ---- reading ----

const text = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  return String(v).trim();
};

function readTable(
  ws: ExcelJS.Worksheet | undefined,
  sheet: string,
  columns: readonly (readonly [string, string, string])[],
  problems: SheetProblem[],
  required: boolean,
) {
  if (!ws) {
    if (required)
      problems.push({ sheet, row: 0, column: null, reason: `the sheet "${sheet}" is missing` });
    return [];
  }
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => text(v).toLowerCase());
  const index: Record<string, number> = {};
  for (const [key, zh, en] of columns) {
    const at = header.findIndex((h) => h === zh.toLowerCase() || h === en);
    if (at < 0)
      problems.push({
        sheet,
        row: 1,
        column: zh,
        reason: `the header row has no "${zh}" (or "${en}") column`,
      });
    else index[key] = at;
  }
  if (Object.keys(index).length < columns.length) return [];
  const rows: { row: number; values: Record<string, string> }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const values = Object.fromEntries(
      columns.map(([key]) => [key, text(r.getCell(index[key]).value)]),
    );
    if (Object.values(values).every((x) => x === '')) return;
    rows.push({ row: n, values });
  });
  return rows;
}

function toDraft(
  wb: ExcelJS.Workbook,
  problems: SheetProblem[],
  processesOnly: boolean,
): CatalogDraft {
  const bad = (sheet: string, row: number, column: string, reason: string) =>
    problems.push({ sheet, row, column, reason });
  const processRowsIn = readTable(
    processesOnly ? wb.worksheets[0] : wb.getWorksheet(SHEETS.processes),
    SHEETS.processes,
    PROCESS_COLUMNS,
    problems,
    true,
  );
  const sections = new Map<string, string>();
  const processes: CatalogDraft['processes'] = [];
  for (const { row, values: v } of processRowsIn) {
    if (!CODE.test(v.sectionCode))
      bad(
        SHEETS.processes,
        row,
        '车间/工种编码',
        `"${v.sectionCode}" is not a code (1-40 letters, digits, . - _)`,
      );
    if (!CODE.test(v.code))
      bad(
        SHEETS.processes,
        row,
        '工序编码',
        `"${v.code}" is not a code (1-40 letters, digits, . - _)`,
      );
    if (v.nameZh === '') bad(SHEETS.processes, row, '工序名称', 'the process needs a Chinese name');
    for (const [column, value] of [
      ['工序名称', v.nameZh],
      ['英文名称', v.nameEn],
      ['车间/工种名称', v.sectionName],
    ] as const)
      if (looksLikeFormula(value))
        bad(SHEETS.processes, row, column, `"${value}" ${FORMULA_REASON}`);
    const unit =
      UNITS[v.unit] ??
      (Object.values(UNITS).includes(v.unit.toLowerCase()) ? v.unit.toLowerCase() : null);
    if (!unit)
      bad(SHEETS.processes, row, '单位', `"${v.unit}" is not a unit; use 件, 打, 双, 小时 or 月`);
    const known = sections.get(v.sectionCode);
    if (known !== undefined && known !== v.sectionName)
      bad(
        SHEETS.processes,
        row,
        '车间/工种名称',
        `section ${v.sectionCode} is called "${known}" on an earlier row`,
      );
    if (v.sectionName === '')
      bad(SHEETS.processes, row, '车间/工种名称', 'the section needs a name');
    sections.set(v.sectionCode, v.sectionName);
    processes.push({
      code: v.code,
      sectionCode: v.sectionCode,
      nameZh: v.nameZh,
      nameEn: v.nameEn || undefined,
      unit: unit ?? v.unit,
    });
  }
  const seen = new Map<string, number>();
  for (const [i, { row }] of processRowsIn.entries()) {
    const code = processes[i].code;
    if (seen.has(code))
      bad(SHEETS.processes, row, '工序编码', `process ${code} is already on row ${seen.get(code)}`);
    else seen.set(code, row);
  }
  if (processesOnly)
    return {
      productTypes: [],
      sections: [...sections].map(([code, nameZh]) => ({ code, nameZh })),
      processes,
      mappings: [],
    };

  const productTypes = readTable(
    wb.getWorksheet(SHEETS.productTypes),
    SHEETS.productTypes,
    PRODUCT_COLUMNS,
    problems,
    false,
  ).map(({ row, values: v }) => {
    if (!CODE.test(v.code)) bad(SHEETS.productTypes, row, '品种编码', `"${v.code}" is not a code`);
    if (v.nameZh === '')
      bad(SHEETS.productTypes, row, '品种名称', 'the product type needs a Chinese name');
    for (const [column, value] of [
      ['品种名称', v.nameZh],
      ['英文名称', v.nameEn],
    ] as const)
      if (looksLikeFormula(value))
        bad(SHEETS.productTypes, row, column, `"${value}" ${FORMULA_REASON}`);
    return { code: v.code, nameZh: v.nameZh, nameEn: v.nameEn || undefined };
  });
  const mappings = readTable(
    wb.getWorksheet(SHEETS.mappings),
    SHEETS.mappings,
    MAPPING_COLUMNS,
    problems,
    false,
  ).map(({ row, values: v }) => {
    const kind = KINDS[v.kind] ?? (Object.values(KINDS).includes(v.kind) ? v.kind : null);
    if (!kind)
      bad(
        SHEETS.mappings,
        row,
        '类型',
        `"${v.kind}" is not a mapping type; use 更名, 拆分, 合并 or 停用`,
      );
    return {
      fromCode: v.fromCode,
      toCodes: v.toCodes.split(/[、,，\s]+/).filter(Boolean),
      kind: (kind ?? 'renamed') as CatalogDraft['mappings'][number]['kind'],
    };
  });
  return {
    productTypes,
    sections: [...sections].map(([code, nameZh]) => ({ code, nameZh })),
    processes,
    mappings,
  };
}

export async function readCatalogFile(
  body: Buffer,
  format: 'xlsx' | 'csv',
): Promise<{ draft: CatalogDraft; problems: SheetProblem[] }> {
  const problems: SheetProblem[] = [];
  const wb = new ExcelJS.Workbook();
  try {
    if (format === 'xlsx') await wb.xlsx.load(body as unknown as ArrayBuffer);
    // map: keep every cell as text, so a code such as 001 is not read as the number 1.
    else
      await wb.csv.read(Readable.from(body.toString('utf8').replace(/^\ufeff/, '')), {
        map: (value: string) => value,
      });
  } catch {
    // Never the zip or XML library's own text (issue 8).
    problems.push({
      sheet: '',
      row: 0,
      column: null,
      reason: `the file cannot be read as ${format.toUpperCase()}; save it again from Excel or WPS (as .xlsx, or as CSV UTF-8) and upload that`,
    });
    return { draft: { productTypes: [], sections: [], processes: [], mappings: [] }, problems };
  }
  return { draft: toDraft(wb, problems, format === 'csv'), problems };
}
