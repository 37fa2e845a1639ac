import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { DomainError, type ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig, SpreadsheetLimits } from '../config/app-config.js';
import type { CatalogDraft } from '../kernel/rates/catalog.rules.js';
import type { SheetProblem } from './catalog-spreadsheet.js';
import type { ReadResult } from './rate-table-spreadsheet.js';
import type { SheetRows } from './sheet-rows.js';
import type { InspectionLimits } from './spreadsheet-inspection.js';
import type { SheetFormat } from './spreadsheet-upload.js';

// Spreadsheets are parsed off the event loop, in a small pool of warm worker threads with a capped
// heap and a time limit, so a crafted file can cost at most one worker, never the server (ADR 0016).

export interface ReadJob {
  kind: 'rateTable' | 'catalog' | 'sheetRows';
  format: SheetFormat;
  file: Uint8Array;
  limits: InspectionLimits;
}

interface Results {
  rateTable: ReadResult;
  catalog: { draft: CatalogDraft; problems: SheetProblem[] };
  sheetRows: SheetRows;
}

export type WorkerReply =
  | { ok: true; result: Results[keyof Results] }
  | { ok: false; error: { code: ErrorCode; message: string; details: Record<string, unknown> } };

interface Pending {
  id: number;
  job: ReadJob;
  resolve(r: unknown): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  current: (Pending & { timer: NodeJS.Timeout }) | null;
}

// Under Jest the sources are TypeScript (no dist/): the worker then registers tsx before importing
// its entry. Production runs the compiled .js beside this file.
function spawn(memoryMb: number, limits: InspectionLimits): Worker {
  // The limits go along so the worker's warm-up read runs under the same checks as a real one.
  const options = { resourceLimits: { maxOldGenerationSizeMb: memoryMb }, workerData: { limits } };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./spreadsheet.worker.js', import.meta.url), options);
  const entry = JSON.stringify(new URL('./spreadsheet.worker.ts', import.meta.url).href);
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); })`,
    { eval: true, ...options },
  );
}

@Injectable()
export class SpreadsheetReader implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly limits: SpreadsheetLimits;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private uploads = 0;
  private nextId = 1;
  private closed = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limits = config.spreadsheet;
  }

  /** Runs one upload (body read and parse) if fewer than the limit are in progress, else 503. */
  async upload<T>(work: () => Promise<T>): Promise<T> {
    if (this.uploads >= this.limits.maxConcurrentUploads)
      throw new DomainError(
        'SPREADSHEET_READER_BUSY',
        `${this.limits.maxConcurrentUploads} spreadsheet uploads are already being read (setting SPREADSHEET_MAX_CONCURRENT_UPLOADS); try again in a moment`,
        { limit: this.limits.maxConcurrentUploads },
      );
    this.uploads++;
    try {
      return await work();
    } finally {
      this.uploads--;
    }
  }

  read<K extends keyof Results>(kind: K, format: SheetFormat, file: Buffer): Promise<Results[K]> {
    const job: ReadJob = { kind, format, file, limits: this.inspectionLimits() };
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve: resolve as (r: unknown) => void, reject });
      this.dispatch();
    });
  }

  // The pool starts at boot, not on the first upload, so its worker warms up (spreadsheet.worker.ts)
  // while nobody waits; the thread then idles on its event loop.
  onApplicationBootstrap(): void {
    while (!this.closed && this.slots.length < this.limits.workers) this.addSlot();
  }

  onModuleDestroy(): Promise<unknown> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(this.unavailable());
    return Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch() {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.current === null);
      if (!slot && this.slots.length < this.limits.workers) slot = this.addSlot();
      if (!slot) return;
      const pending = this.queue.shift()!;
      const timer = setTimeout(() => {
        const ms = this.limits.parseTimeoutMs;
        this.fail(
          slot,
          'SPREADSHEET_LIMIT_EXCEEDED',
          `reading the file took longer than ${ms} ms (setting SPREADSHEET_PARSE_TIMEOUT_MS); simplify or split it; nothing was stored`,
          { limit: ms, setting: 'SPREADSHEET_PARSE_TIMEOUT_MS' },
        );
      }, this.limits.parseTimeoutMs);
      slot.current = { ...pending, timer };
      slot.worker.postMessage({ id: pending.id, job: pending.job });
    }
  }

  private inspectionLimits(): InspectionLimits {
    const {
      maxZipEntries,
      maxEntryBytes,
      maxDecompressedBytes,
      maxRows,
      maxCells,
      maxStringChars,
    } = this.limits;
    return {
      maxZipEntries,
      maxEntryBytes,
      maxDecompressedBytes,
      maxRows,
      maxCells,
      maxStringChars,
    };
  }

  private addSlot(): Slot {
    const slot: Slot = {
      worker: spawn(this.limits.workerMemoryMb, this.inspectionLimits()),
      current: null,
    };
    // An idle pool must not keep a process alive that is otherwise done (a script, a closed app).
    slot.worker.unref();
    slot.worker.on('message', (m: { id: number } & WorkerReply) => {
      const current = slot.current;
      if (!current || current.id !== m.id) return;
      clearTimeout(current.timer);
      slot.current = null;
      if (m.ok) current.resolve(m.result);
      else current.reject(new DomainError(m.error.code, m.error.message, m.error.details));
      this.dispatch();
    });
    slot.worker.on('error', (e: Error & { code?: string }) => {
      const mb = this.limits.workerMemoryMb;
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY')
        this.fail(
          slot,
          'SPREADSHEET_LIMIT_EXCEEDED',
          `reading the file needs more than ${mb} MiB of memory (setting SPREADSHEET_WORKER_MEMORY_MB); split it; nothing was stored`,
          { limit: mb, setting: 'SPREADSHEET_WORKER_MEMORY_MB' },
        );
      else
        this.fail(
          slot,
          'SPREADSHEET_UNREADABLE',
          'the file cannot be read; save it again from Excel and upload that',
          {},
        );
    });
    slot.worker.on('exit', () => {
      if (this.slots.includes(slot))
        this.fail(
          slot,
          'SPREADSHEET_UNREADABLE',
          'the file cannot be read; save it again from Excel and upload that',
          {},
        );
    });
    this.slots.push(slot);
    return slot;
  }

  // A worker that timed out, ran out of memory or died is replaced; only its own job is refused.
  private fail(slot: Slot, code: ErrorCode, message: string, details: Record<string, unknown>) {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    void slot.worker.terminate();
    if (slot.current) {
      clearTimeout(slot.current.timer);
      slot.current.reject(new DomainError(code, message, details));
      slot.current = null;
    }
    if (!this.closed) this.dispatch();
  }

  private unavailable() {
    return new DomainError(
      'SPREADSHEET_READER_BUSY',
      'the server is shutting down; try again in a moment',
    );
  }
}
