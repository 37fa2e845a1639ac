import ExcelJS from 'exceljs';
import { ONBOARDING_COLUMNS } from './onboarding-sheet.js';

export const ONBOARDING_HEADER = ONBOARDING_COLUMNS.map((c) => c.zh);

// Two invented representatives of the demo's 新河镇 pair: what a filled-in list looks like.
export const ONBOARDING_EXAMPLE_ROWS = [
  [
    '王小红',
    '138 0000 0001',
    'wang.xh@example.cn',
    'wang.xh',
    '新河镇羊毛衫行业工会',
    '挡车工',
    '职工代表',
  ],
  ['陈立新', '138 0000 0002', '', 'chen.lx', '新河镇羊毛衫行业协会', '厂长', '企业代表'],
];

// The onboarding list as an XLSX: the header row in bold, every cell text, so a phone number keeps
// its spaces and a leading zero survives.
export async function writeOnboardingXlsx(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // A fixed date in the workbook's properties (the zip still records when it was written).
  wb.created = wb.modified = new Date('2026-12-01T00:00:00Z');
  const ws = wb.addWorksheet('代表名单');
  ws.addRow(ONBOARDING_HEADER);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 22));
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
