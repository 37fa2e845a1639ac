import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

interface SessionState {
  accountId: string;
  live: boolean;
  disabled: boolean;
  tokenVersion: number;
}

// Bounds the in-process cache; past it the cache starts over rather than grow with the logins.
const CACHE_LIMIT = 10_000;

// The one owner of auth_session. The per-request check is one primary-key read, remembered for
// AUTH_SESSION_CACHE_MS on this instance; a logout here forgets it at once (ADR 0017).
@Injectable()
export class SessionService {
  private readonly cache = new Map<string, { until: number; state: SessionState | null }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Also sweeps the account's expired sessions, so the table stays the size of the live logins.
  async open(accountId: string): Promise<string> {
    const [row] = await this.dataSource.query(
      `WITH swept AS (DELETE FROM auth_session WHERE account_id = $1 AND expires_at < now())
       INSERT INTO auth_session (account_id, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING id`,
      [accountId, this.config.authTokenTtlSeconds],
    );
    return row.id;
  }

  async isCurrent(sessionId: string, accountId: string, tokenVersion: number): Promise<boolean> {
    if (!this.config.sessionCheck.enabled) return true;
    const state = await this.state(sessionId);
    return (
      state !== null &&
      state.accountId === accountId &&
      state.live &&
      !state.disabled &&
      state.tokenVersion === tokenVersion
    );
  }

  async revoke(sessionId: string, accountId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_session SET revoked_at = now() WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL`,
      [sessionId, accountId],
    );
    this.cache.delete(sessionId);
  }

  private async state(sessionId: string): Promise<SessionState | null> {
    const ttl = this.config.sessionCheck.cacheMs;
    const now = performance.now();
    const cached = ttl > 0 ? this.cache.get(sessionId) : undefined;
    if (cached && cached.until > now) return cached.state;
    const [row] = await this.dataSource.query(
      `SELECT s.account_id, s.revoked_at IS NULL AND s.expires_at > now() AS live, a.disabled, a.token_version
         FROM auth_session s JOIN account a ON a.id = s.account_id WHERE s.id = $1`,
      [sessionId],
    );
    const state: SessionState | null = row
      ? {
          accountId: row.account_id,
          live: row.live,
          disabled: row.disabled,
          tokenVersion: row.token_version,
        }
      : null;
    if (ttl > 0) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(sessionId, { until: now + ttl, state });
    }
    return state;
  }
}
