import { describe, it, expect, afterAll } from '@jest/globals';
import { loadConfig } from '../config/app-config.js';
import { SpreadsheetReader } from './spreadsheet-reader.js';

// The pool itself, without the HTTP shell: a worker that dies is replaced, and the upload bound holds.

const HEADER = '品种编码,工序编码,工价（元）';
const readers: SpreadsheetReader[] = [];
const readerWith = (env: Record<string, string>) => {
  const reader = new SpreadsheetReader(loadConfig(env));
  readers.push(reader);
  return reader;
};
afterAll(() => Promise.all(readers.map((r) => r.onModuleDestroy())));

describe('SpreadsheetReader', () => {
  it('refuses a file whose parse outgrows the worker heap, naming the setting, and reads the next file with a fresh worker', async () => {
    // The counted limits loosened as an administrator might; the heap cap is the last bound left.
    // One 9-million-character cell is cheap to send and costs exceljs far more than 32 MiB.
    const reader = readerWith({
      SPREADSHEET_WORKER_MEMORY_MB: '32',
      SPREADSHEET_MAX_STRING_CHARS: '10000000',
      SPREADSHEET_PARSE_TIMEOUT_MS: '600000',
    });
    const huge = Buffer.from(`${HEADER}\nV-SJ,${'a'.repeat(9_000_000)},1.0000`, 'utf8');
    await expect(reader.read('rateTable', 'csv', huge)).rejects.toMatchObject({
      code: 'SPREADSHEET_LIMIT_EXCEEDED',
      details: { limit: 32, setting: 'SPREADSHEET_WORKER_MEMORY_MB' },
    });
    const small = Buffer.from(`${HEADER}\nV-SJ,KN-1,1.0000`, 'utf8');
    await expect(reader.read('rateTable', 'csv', small)).resolves.toEqual({
      lines: [{ productType: 'V-SJ', processCode: 'KN-1', rate: '1.0000' }],
      problems: [],
    });
  }, 60_000);

  it('refuses an upload beyond SPREADSHEET_MAX_CONCURRENT_UPLOADS and admits one once a slot is free', async () => {
    const reader = readerWith({ SPREADSHEET_MAX_CONCURRENT_UPLOADS: '1' });
    let release!: () => void;
    const first = reader.upload(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(reader.upload(async () => 'second')).rejects.toMatchObject({
      code: 'SPREADSHEET_READER_BUSY',
      details: { limit: 1 },
    });
    release();
    await first;
    await expect(reader.upload(async () => 'third')).resolves.toBe('third');
  });
});
