// Cells that a spreadsheet program would run as a formula (OWASP "CSV injection"): text starting
// with = + - @ tab or carriage return. A number such as -0.0500 is data, not a formula, and stays a
// number so Excel still computes with it.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export const looksLikeFormula = (text: string): boolean =>
  FORMULA_START.test(text) && !NUMBER.test(text);

export const FORMULA_REASON =
  'starts with =, +, -, @, a tab or a carriage return, which spreadsheet programs run as a formula; remove that first character';

// A text cell that looks like a formula is prefixed with a single quote and quoted, so Excel, WPS
// and LibreOffice show it as text; other cells are quoted only when RFC 4180 needs it.
export function csvCell(value: string): string {
  if (looksLikeFormula(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** UTF-8 with a BOM, so Excel shows the Chinese. */
export function writeCsv(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(`\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\n')}`, 'utf8');
}
