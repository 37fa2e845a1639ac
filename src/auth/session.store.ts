import type { Transactional } from '../common/transactional.js';

// The one owner of auth_session: hand-written SQL, run inside the caller's transaction where it passes
// one. A session is read with its account's token version and standing in the same query: whether a
// login still holds is one consistent read of both.

export interface SessionForRotation {
  accountId: string;
  hash: string | null;
  revoked: boolean;
  withinIdle: boolean;
  withinMax: boolean;
  accountUnchanged: boolean;
  tokenVersion: number;
}

// Also sweeps the account's sessions that can no longer be refreshed.
export async function insertSession(
  tx: Transactional,
  s: {
    sessionId: string;
    accountId: string;
    ttlSeconds: number;
    idleSeconds: number;
    tokenVersion: number;
    refreshTokenHash: string;
  },
): Promise<void> {
  await tx.query(
    `WITH swept AS (DELETE FROM auth_session WHERE account_id = $2
                      AND expires_at < now() - make_interval(secs => $4))
     INSERT INTO auth_session (id, account_id, expires_at, last_refreshed_at, token_version, refresh_token_hash)
     VALUES ($1, $2, now() + make_interval(secs => $3), now(), $5, $6)`,
    [s.sessionId, s.accountId, s.ttlSeconds, s.idleSeconds, s.tokenVersion, s.refreshTokenHash],
  );
}

export async function lockSessionForRotation(
  tx: Transactional,
  sessionId: string,
  idleSeconds: number,
  maxSeconds: number,
): Promise<SessionForRotation | null> {
  const [s] = (await tx.query(
    `SELECT s.account_id AS "accountId", s.refresh_token_hash AS "hash",
            s.revoked_at IS NOT NULL AS revoked,
            s.last_refreshed_at + make_interval(secs => $2) > now() AS "withinIdle",
            s.created_at + make_interval(secs => $3) > now() AS "withinMax",
            s.token_version = a.token_version AND NOT a.disabled AS "accountUnchanged",
            a.token_version AS "tokenVersion"
       FROM auth_session s JOIN account a ON a.id = s.account_id
      WHERE s.id = $1 FOR UPDATE OF s`,
    [sessionId, idleSeconds, maxSeconds],
  )) as SessionForRotation[];
  return s ?? null;
}

export async function endSession(tx: Transactional, sessionId: string): Promise<void> {
  await tx.query(`UPDATE auth_session SET revoked_at = now() WHERE id = $1`, [sessionId]);
}

// The access token issued now may not outlive the session's absolute limit.
export async function rotateRefreshToken(
  tx: Transactional,
  sessionId: string,
  refreshTokenHash: string,
  ttlSeconds: number,
  maxSeconds: number,
): Promise<void> {
  await tx.query(
    `UPDATE auth_session SET refresh_token_hash = $2, last_refreshed_at = now(),
            expires_at = LEAST(now() + make_interval(secs => $3), created_at + make_interval(secs => $4))
      WHERE id = $1`,
    [sessionId, refreshTokenHash, ttlSeconds, maxSeconds],
  );
}

export async function revokeSession(
  tx: Transactional,
  sessionId: string,
  accountId: string,
): Promise<void> {
  await tx.query(
    `UPDATE auth_session SET revoked_at = now() WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL`,
    [sessionId, accountId],
  );
}

export async function sessionState(
  tx: Transactional,
  sessionId: string,
): Promise<{ account_id: string; live: boolean; disabled: boolean; token_version: number } | null> {
  const [row] = (await tx.query(
    `SELECT s.account_id, s.revoked_at IS NULL AND s.expires_at > now() AS live, a.disabled, a.token_version
       FROM auth_session s JOIN account a ON a.id = s.account_id WHERE s.id = $1`,
    [sessionId],
  )) as { account_id: string; live: boolean; disabled: boolean; token_version: number }[];
  return row ?? null;
}
