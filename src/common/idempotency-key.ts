import { DomainError } from './domain-error.js';
import { isRawUpload } from './input-guard.js';
import { requestHash } from './idempotency.js';

interface RequestLike {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

const KEY = /^[\x21-\x7e]{1,200}$/;

// Every mutating request carries an Idempotency-Key; the key is bound to the request's method, path
// and body, so reusing it for a different request is refused rather than silently replayed.
export function idempotencyOf(req: RequestLike): { key: string; requestHash: string } {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key)
    throw new DomainError(
      'IDEMPOTENCY_KEY_REQUIRED',
      'send an Idempotency-Key header (for example a UUID) with every change, and reuse it only to retry the same request',
    );
  if (!KEY.test(key))
    throw new DomainError(
      'IDEMPOTENCY_KEY_REQUIRED',
      'the Idempotency-Key must be 1-200 visible ASCII characters',
    );
  // Spreadsheet routes hash their file themselves; a raw file anywhere else is a request the route
  // does not take (e.g. DELETE with an XLSX body).
  if (isRawUpload(req.body))
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'this route takes a JSON body or none: send Content-Type: application/json',
    );
  return { key, requestHash: requestHash(req.method, req.url.split('?')[0], req.body) };
}

// Sends a write's outcome: its status, and a header when it is the replay of an earlier request.
export function replyWith(
  res: { status(code: number): unknown; header(name: string, value: string): unknown },
  out: { status: number; body: unknown; replayed: boolean },
): unknown {
  res.status(out.status);
  if (out.replayed) res.header('idempotent-replayed', 'true');
  return out.body;
}
