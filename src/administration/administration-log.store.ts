import type { Transactional } from '../common/transactional.js';
import type { ChainedAdministrationEntry } from './administration-chain.js';

// The one owner of administration_log_entry: hand-written SQL, run inside the caller's transaction.

const APPEND_LOCK_SQL = 'SELECT pg_advisory_xact_lock($1)';

// Serialises appends: the lock is held to the caller's commit.
export async function lockForAppend(tx: Transactional, lockId: number): Promise<void> {
  await tx.query(APPEND_LOCK_SQL, [lockId]);
}

export async function head(tx: Transactional): Promise<{ seq: number; hash: string } | undefined> {
  const [h] = (await tx.query(
    'SELECT seq, hash FROM administration_log_entry ORDER BY seq DESC LIMIT 1',
  )) as { seq: number; hash: string }[];
  return h;
}

export async function insertEntry(
  tx: Transactional,
  entry: ChainedAdministrationEntry,
  hash: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO administration_log_entry
       (seq, occurred_at, actor_account_id, action, subject_type, subject_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      entry.seq,
      entry.occurredAt,
      entry.actorAccountId,
      entry.action,
      entry.subject.type,
      entry.subject.id,
      JSON.stringify(entry.details),
      entry.prevHash,
      hash,
    ],
  );
}

export interface StoredEntry {
  seq: number;
  occurredAt: Date;
  actorAccountId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const entriesAfter = (
  tx: Transactional,
  afterSeq: number,
  limit: number | null,
): Promise<StoredEntry[]> =>
  tx.query(
    `SELECT seq, occurred_at AS "occurredAt", actor_account_id AS "actorAccountId", action,
            subject_type AS "subjectType", subject_id AS "subjectId", details,
            prev_hash AS "prevHash", hash
       FROM administration_log_entry WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  ) as Promise<StoredEntry[]>;
