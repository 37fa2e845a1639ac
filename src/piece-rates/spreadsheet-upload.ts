import type { Readable } from 'node:stream';
import { DomainError } from '../common/domain-error.js';

// An uploaded spreadsheet arrives as the raw request stream (app.factory.ts registers no buffering
// parser for it), so the handler can admit the caller before a single byte is read (ADR 0016).

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';
export type SheetFormat = 'xlsx' | 'csv';

interface UploadRequest {
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

const mib = (bytes: number) => `${+(bytes / 1_048_576).toFixed(2)} MiB`;

/** The format the Content-Type names; checked before admission because it reads no body. */
export function uploadFormat(req: UploadRequest, what: string): SheetFormat {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  const format = type === XLSX_TYPE ? 'xlsx' : type === CSV_TYPE ? 'csv' : null;
  if (!format || !isReadable(req.body))
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      `send ${what} as the body with Content-Type ${XLSX_TYPE} or ${CSV_TYPE}`,
    );
  return format;
}

/** Reads the body, after admission, refusing it as soon as it passes the size or time limit. */
export async function readUploadBody(
  req: UploadRequest,
  { limitBytes, timeoutMs }: { limitBytes: number; timeoutMs: number },
): Promise<Buffer> {
  const stream = req.body as Readable;
  const tooLarge = () =>
    new DomainError(
      'SPREADSHEET_TOO_LARGE',
      `the uploaded file exceeds ${mib(limitBytes)} (${limitBytes} bytes); split it or ask the administrator about SPREADSHEET_UPLOAD_LIMIT_BYTES`,
      { limitBytes },
    );
  const declared = Number(req.headers['content-length']);
  if (declared > limitBytes) throw tooLarge();
  // Listeners, not for-await: leaving a for-await loop destroys the socket before the refusal is sent.
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      stream.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      // Stop here: the connection is closed after the refusal (app.factory.ts), so the rest is
      // never buffered.
      if (size > limitBytes) settle(() => (stream.pause(), reject(tooLarge())));
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, size)));
    const onError = () => settle(() => reject(aborted()));
    const onClose = () => settle(() => reject(aborted()));
    const timer = setTimeout(
      () => settle(() => (stream.pause(), reject(tooSlow(timeoutMs)))),
      timeoutMs,
    );
    stream.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

const tooSlow = (timeoutMs: number) =>
  new DomainError(
    'SPREADSHEET_UPLOAD_TOO_SLOW',
    `the file did not arrive within ${timeoutMs / 1000} s (setting SPREADSHEET_READ_TIMEOUT_MS); send it again over a faster connection, or split it`,
    { limit: timeoutMs, setting: 'SPREADSHEET_READ_TIMEOUT_MS' },
  );

const aborted = () =>
  new DomainError(
    'SPREADSHEET_UNREADABLE',
    'the upload was interrupted before the file was complete; send it again',
  );

function isReadable(body: unknown): body is Readable {
  return typeof (body as Readable | null)?.[Symbol.asyncIterator] === 'function';
}
