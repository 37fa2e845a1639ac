import { describe, it, expect } from '@jest/globals';
import ExcelJS from 'exceljs';
import { loadConfig } from '../config/app-config.js';
import { readRateTable, readRateTableGrid, writeRateTable } from './rate-table-spreadsheet.js';
import { inspectXlsx } from './spreadsheet-inspection.js';
import { GRID_PART, WORKSHEET_PART, readSheetGrid } from './xlsx-sheet.js';

// The worker's fast path (cells from the inspected parts) must read a file exactly as exceljs does,
// problems included, or give up so that exceljs reads it (ADR 0016).

const limits = loadConfig({}).spreadsheet;
async function grid(file: Buffer) {
  const keep = (n: string) => GRID_PART.test(n) || WORKSHEET_PART.test(n);
  const inspected = await inspectXlsx(file, limits, keep);
  if (inspected.notReadable !== null) throw new Error(inspected.notReadable);
  return readSheetGrid(inspected.parts, inspected.entries);
}
async function workbook(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const sheetOf = (rows: ExcelJS.CellValue[][], name = '工价') =>
  workbook((wb) => {
    const ws = wb.addWorksheet(name);
    rows.forEach((r, i) => (r.length ? ws.addRow(r) : ws.getRow(i + 1)));
  });

describe('readSheetGrid', () => {
  it.each([
    [
      'our own export',
      () =>
        writeRateTable(
          [
            { productType: 'V-SJ', processCode: 'KN-1', rate: '1.2500' },
            { productType: null, processCode: 'KN-2', rate: '0.0500' },
          ],
          'xlsx',
        ),
    ],
    [
      'numbers, booleans, errors, rich text, blanks, gaps and escaped text',
      () =>
        sheetOf([
          [' 品种编码 ', 'Process Code', null, 'Rate (yuan)', '备注'],
          ['V-SJ', 101, null, 1.25, 'a & <b> "c"'],
          [],
          ['', 'B', null, 2, true],
          [
            null,
            { richText: [{ text: 'C' }, { text: '-1', font: { bold: true } }] },
            null,
            0.1 + 0.2,
          ],
          [null, 'D', null, { error: '#N/A' }],
          [null, '', null, ''],
          [null, 'bad code!', null, -1],
          [null, 'B', null, '1.00001'],
        ]),
    ],
    ['a header row without the rate column', () => sheetOf([['工序编码'], ['A']])],
    ['only a header', () => sheetOf([['工序编码', '工价']])],
  ])('reads %s exactly as exceljs does', async (_, make) => {
    const file = await make();
    const cells = await grid(file);
    expect(cells).not.toBeNull();
    expect(readRateTableGrid(cells!)).toEqual(await readRateTable(file, 'xlsx'));
  });

  it.each([
    [
      'a formula',
      () =>
        sheetOf([
          ['工序编码', '工价'],
          ['A', { formula: '1+1', result: 2 }],
        ]),
    ],
    [
      'a date',
      () =>
        sheetOf([
          ['工序编码', '工价'],
          ['A', new Date(0)],
        ]),
    ],
    [
      'a hyperlink',
      () =>
        sheetOf([
          ['工序编码', '工价'],
          [{ text: 'A', hyperlink: 'http://x' }, 1],
        ]),
    ],
    [
      'merged cells',
      () =>
        workbook((wb) => {
          const ws = wb.addWorksheet('工价');
          ws.addRows([['工序编码', '工价'], ['A', 1], ['B']]);
          ws.mergeCells('B2:B3');
        }),
    ],
    [
      'two sheets',
      () =>
        workbook((wb) => {
          wb.addWorksheet('工价').addRows([
            ['工序编码', '工价'],
            ['A', 1],
          ]);
          wb.addWorksheet('汇总');
        }),
    ],
  ])('leaves a file with %s to exceljs', async (_, make) => {
    expect(await grid(await make())).toBeNull();
  });
});
