import type { DataSource, QueryRunner } from 'typeorm';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { DomainError } from './domain-error.js';

// Idempotency inside the caller's transaction (ADR 0005). The key row is inserted first: a concurrent
// request with the same key waits on it, then sees the committed response; a rolled-back attempt
// leaves no key behind, so a retry after a failure runs again.

export interface StoredResponse {
  status: number;
  body: unknown;
}

export const requestHash = (method: string, path: string, body: unknown): string =>
  sha256Hex(canonicalJson({ method, path, body: body ?? null }));

export async function claimIdempotencyKey(
  qr: QueryRunner,
  accountId: string,
  key: string,
  hash: string,
): Promise<StoredResponse | null> {
  const claimed = await qr.query(
    `INSERT INTO idempotency_record (account_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1 AS claimed`,
    [accountId, key, hash],
  );
  if (claimed.length === 1) return null;
  const [prior] = await qr.query(
    `SELECT request_hash AS "requestHash", response_status AS status, response_body AS body FROM idempotency_record WHERE account_id = $1 AND key = $2`,
    [accountId, key],
  );
  return replayPrior(prior, hash, key);
}

export async function recordIdempotentResponse(
  qr: QueryRunner,
  accountId: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await qr.query(
    `UPDATE idempotency_record SET response_status = $3, response_body = $4 WHERE account_id = $1 AND key = $2`,
    [accountId, key, response.status, JSON.stringify(response.body)],
  );
}

export interface IdempotentOutcome {
  response: StoredResponse;
  // true when `work` stored the response itself (the event write path folds it into its commit)
  responseStored: boolean;
}

// One transaction around `work`, guarded by the caller's Idempotency-Key: a prior committed key
// returns its response without running `work`; otherwise the response is stored before COMMIT.
export async function inIdempotentTransaction(
  dataSource: DataSource,
  accountId: string,
  idempotency: { key: string; requestHash: string } | null,
  work: (qr: QueryRunner) => Promise<IdempotentOutcome>,
): Promise<StoredResponse & { replayed: boolean }> {
  const qr = dataSource.createQueryRunner();
  await qr.connect();
  try {
    await qr.startTransaction();
    if (idempotency) {
      const prior = await claimIdempotencyKey(
        qr,
        accountId,
        idempotency.key,
        idempotency.requestHash,
      );
      if (prior) {
        await qr.rollbackTransaction();
        return { ...prior, replayed: true };
      }
    }
    const { response, responseStored } = await work(qr);
    if (idempotency && !responseStored)
      await recordIdempotentResponse(qr, accountId, idempotency.key, response);
    await qr.commitTransaction();
    return { ...response, replayed: false };
  } catch (e) {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    throw e;
  } finally {
    await qr.release();
  }
}

// A key already committed: its response if the request is the same, 422 if it is not.
export function replayPrior(
  prior: { requestHash: string; status: number; body: unknown },
  hash: string,
  key: string,
): StoredResponse {
  if (prior.requestHash !== hash)
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'this Idempotency-Key was already used for a different request; use a new key for a new request',
      { key },
    );
  return { status: prior.status, body: prior.body };
}

export async function findPriorResponse(
  dataSource: DataSource,
  accountId: string,
  key: string,
  hash: string,
): Promise<StoredResponse | null> {
  const [prior] = await dataSource.query(
    `SELECT request_hash AS "requestHash", response_status AS status, response_body AS body FROM idempotency_record WHERE account_id = $1 AND key = $2`,
    [accountId, key],
  );
  return prior ? replayPrior(prior, hash, key) : null;
}
