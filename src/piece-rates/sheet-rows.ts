import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';

// The first sheet of an uploaded list as rows of text, for readers outside piece rates (the
// onboarding list of accounts/): read in the same bounded worker after the same inspection.

export interface SheetRows {
  // row 1 is the header; rows[i] is spreadsheet row i + 1 (empty rows kept, so numbers match)
  rows: string[][] | null;
  unreadable: string | null;
}

// A formula is returned as its formula text, so a reader refuses it instead of trusting a cached
// result; a number as the shortest decimal text Excel shows (a phone number 13800138000 stays whole).
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== 'object') return String(v).trim();
  if ('formula' in v || 'sharedFormula' in v)
    return `=${String((v as { formula?: string }).formula ?? '')}`;
  if ('richText' in v)
    return v.richText
      .map((t) => t.text ?? '')
      .join('')
      .trim();
  if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  return '';
}

export async function readSheetRows(file: Buffer, format: 'xlsx' | 'csv'): Promise<SheetRows> {
  const wb = new ExcelJS.Workbook();
  try {
    if (format === 'xlsx') await wb.xlsx.load(file as unknown as ArrayBuffer);
    else
      await wb.csv.read(Readable.from(file.toString('utf8').replace(/^\ufeff/, '')), {
        map: (value: string) => value,
      });
  } catch {
    return {
      rows: null,
      unreadable: `the file cannot be read as ${format.toUpperCase()}; save it again from Excel or WPS (as .xlsx) and upload that`,
    };
  }
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws?.eachRow({ includeEmpty: true }, (r, n) => {
    while (rows.length < n - 1) rows.push([]);
    rows.push(Array.from((r.values as ExcelJS.CellValue[]).slice(1), cellText));
  });
  return { rows, unreadable: null };
}
