import type { Transactional } from '../common/transactional.js';

// The one owner of notice: hand-written SQL, run inside the caller's transaction where it passes one.

export interface NoticeRow {
  id: string;
  kind: string;
  subjects: Record<string, string | null>;
  createdAt: Date;
  readAt: Date | null;
}

export async function insertNotice(
  tx: Transactional,
  n: { accountId: string; kind: string; subjects: unknown; createdAt: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO notice (account_id, kind, subjects, created_at) VALUES ($1, $2, $3, $4)`,
    [n.accountId, n.kind, JSON.stringify(n.subjects), n.createdAt],
  );
}

export const noticesOf = (
  tx: Transactional,
  accountId: string,
  q: { unreadOnly: boolean; offset: number; limit: number },
): Promise<NoticeRow[]> =>
  tx.query(
    `SELECT id, kind, subjects, created_at AS "createdAt", read_at AS "readAt" FROM notice
      WHERE account_id = $1 AND (NOT $2 OR read_at IS NULL) ORDER BY created_at DESC, id
      LIMIT $3 OFFSET $4`,
    [accountId, q.unreadOnly, q.limit, q.offset],
  ) as Promise<NoticeRow[]>;

// null: the account has no such notice.
export async function markNoticeRead(
  tx: Transactional,
  id: string,
  accountId: string,
  at: string,
): Promise<NoticeRow | null> {
  const [row] = (await tx.query(
    // Through a CTE: TypeORM returns [rows, count] for a bare UPDATE, rows for a SELECT.
    `WITH n AS (UPDATE notice SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND account_id = $2 RETURNING *)
     SELECT id, kind, subjects, created_at AS "createdAt", read_at AS "readAt" FROM n`,
    [id, accountId, at],
  )) as NoticeRow[];
  return row ?? null;
}
