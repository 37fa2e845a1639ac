import { parentPort } from 'node:worker_threads';
import { DomainError } from '../common/domain-error.js';
import { readCatalogFile } from './catalog-spreadsheet.js';
import { readRateTable } from './rate-table-spreadsheet.js';
import { inspectCsv, inspectXlsx, unreadable } from './spreadsheet-inspection.js';
import type { ReadJob, WorkerReply } from './spreadsheet-reader.js';

// Runs in a worker thread with a capped heap (spreadsheet-reader.ts): the limits are checked first,
// then exceljs reads the file. A refusal comes back as a coded error; any other failure becomes a
// fixed message, never the library's own text.

async function read(job: ReadJob) {
  const file = Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength);
  if (job.format === 'xlsx') await inspectXlsx(file, job.limits);
  else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file);
    } catch {
      throw unreadable('the CSV is not UTF-8 text; in Excel save it as "CSV UTF-8"');
    }
    inspectCsv(text, job.limits);
  }
  return job.kind === 'rateTable'
    ? readRateTable(file, job.format)
    : readCatalogFile(file, job.format);
}

parentPort!.on('message', (message: { id: number; job: ReadJob }) => {
  const reply = (r: WorkerReply) => parentPort!.postMessage({ id: message.id, ...r });
  read(message.job).then(
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
