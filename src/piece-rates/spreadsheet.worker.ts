import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../common/domain-error.js';
import { readCatalogFile } from './catalog-spreadsheet.js';
import { readSheetRows } from './sheet-rows.js';
import { readRateTable, readRateTableGrid, writeRateTable } from './rate-table-spreadsheet.js';
import { NOT_UTF8, inspectCsv, inspectXlsx, unreadable } from './spreadsheet-inspection.js';
import type { ReadJob, WorkerReply } from './spreadsheet-reader.js';
import { GRID_PART, WORKSHEET_PART, readSheetGrid, type SheetGrid } from './xlsx-sheet.js';

// Runs in a worker thread with a capped heap (spreadsheet-reader.ts): the limits are checked first,
// then exceljs reads the file. A refusal comes back as a coded error; any other failure becomes a
// fixed message, never the library's own text.

async function read(job: ReadJob) {
  const file = Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength);
  let notReadable: string | null = null;
  let grid: SheetGrid | null = null;
  if (job.format === 'xlsx') {
    // A rate table's parts are kept as they are inflated, and read without exceljs if they are
    // plain enough (xlsx-sheet.ts); anything else falls back to exceljs below.
    const keep = (name: string) =>
      job.kind === 'rateTable' && (GRID_PART.test(name) || WORKSHEET_PART.test(name));
    const inspected = await inspectXlsx(file, job.limits, keep);
    notReadable = inspected.notReadable;
    if (inspected.notReadable === null && job.kind === 'rateTable')
      grid = readSheetGrid(inspected.parts, inspected.entries);
  } else {
    let text: string | null = null;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file);
    } catch {
      notReadable = NOT_UTF8;
    }
    if (text !== null) inspectCsv(text, job.limits);
  }
  // The wrong file is a problem in the file, as the readers report it (RATE_TABLE_FILE_INVALID,
  // CATALOG_FILE_INVALID); exceljs never sees it.
  if (notReadable !== null) {
    if (job.kind === 'sheetRows') return { rows: null, unreadable: notReadable };
    const problems = [{ sheet: '', row: 0, column: null, reason: notReadable }];
    return job.kind === 'rateTable'
      ? { lines: null, problems }
      : { draft: { productTypes: [], sections: [], processes: [], mappings: [] }, problems };
  }
  if (grid) return readRateTableGrid(grid);
  if (job.kind === 'sheetRows') return readSheetRows(file, job.format);
  return job.kind === 'rateTable'
    ? readRateTable(file, job.format)
    : readCatalogFile(file, job.format);
}

// A fresh thread runs exceljs and the inspection interpreted: the first reads cost 3-4 times a warm
// one. So the worker reads a small 工价表 of its own, through the same code, before its first job
// (ADR 0016); a job that arrives meanwhile waits for it. A failure here only leaves the worker cold.
const WARM_UP_READS = 5;
async function warmUp(limits: ReadJob['limits']) {
  const lines = Array.from({ length: 200 }, (_, i) => ({
    productType: `T-${i % 3}`,
    processCode: `P-${i}`,
    rate: '1.2500',
  }));
  const file = await writeRateTable(lines, 'xlsx');
  for (let i = 0; i < WARM_UP_READS; i++)
    await read({ kind: 'rateTable', format: 'xlsx', file, limits });
}
const warm = warmUp((workerData as { limits: ReadJob['limits'] }).limits).catch(() => undefined);

parentPort!.on('message', (message: { id: number; job: ReadJob }) => {
  const reply = (r: WorkerReply) => parentPort!.postMessage({ id: message.id, ...r });
  warm
    .then(() => read(message.job))
    .then(
      (result) => reply({ ok: true, result }),
      (e: unknown) => {
        const error =
          e instanceof DomainError
            ? e
            : unreadable(`the ${message.job.format.toUpperCase()} file cannot be read`);
        reply({
          ok: false,
          error: { code: error.code, message: error.message, details: error.details },
        });
      },
    );
});
