import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { keyedHash } from '../accounts/one-time-code.js';
import { DomainError } from '../common/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DEPLOYMENT_KEYS, type DeploymentKeys } from '../config/deployment-keys.js';
import * as sessions from './session.store.js';

export interface OpenedSession {
  sessionId: string;
  refreshToken: string;
}

export interface RotatedSession extends OpenedSession {
  accountId: string;
  tokenVersion: number;
}

// <session id>.<256 random bits>: the id finds the row, the rest is compared with its keyed hash.
const REFRESH_TOKEN =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/;

const timingSafeEqualHex = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const refreshInvalid = () =>
  new DomainError(
    'AUTH_REFRESH_INVALID',
    'this refresh token is not valid (unknown, malformed, or its login was ended); log in again at POST /auth/login',
  );

interface SessionState {
  accountId: string;
  live: boolean;
  disabled: boolean;
  tokenVersion: number;
}

// Bounds the in-process cache; past it the cache starts over rather than grow with the logins.
const CACHE_LIMIT = 10_000;

// Logins (its SQL in session.store.ts). The per-request check is one primary-key read, remembered for
// AUTH_SESSION_CACHE_MS on this instance; a logout here forgets it at once (ADR 0017).
@Injectable()
export class SessionService {
  private readonly cache = new Map<string, { until: number; state: SessionState | null }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DEPLOYMENT_KEYS) private readonly keys: DeploymentKeys,
  ) {}

  // Also sweeps the account's sessions that can no longer be refreshed, so the table stays the size
  // of the live logins. Returns the session id and its first refresh token (ADR 0026).
  async open(accountId: string, tokenVersion: number): Promise<OpenedSession> {
    const sessionId = randomUUID();
    const refreshToken = `${sessionId}.${randomBytes(32).toString('base64url')}`;
    await sessions.insertSession(this.dataSource, {
      sessionId,
      accountId,
      ttlSeconds: this.config.authTokenTtlSeconds,
      idleSeconds: this.config.sessionLimits.idleSeconds,
      tokenVersion,
      refreshTokenHash: this.refreshHash(refreshToken),
    });
    return { sessionId, refreshToken };
  }

  /**
   * Exchanges a refresh token for the next one (rotation). A token that names a live session but is
   * not its current one is a replay of an old token, so one of its holders is not the person: the
   * session ends for both (reuse detection, ADR 0026).
   */
  async rotate(presented: string): Promise<RotatedSession> {
    const match = REFRESH_TOKEN.exec(presented);
    if (!match) throw refreshInvalid();
    const sessionId = match[1];
    const idle = this.config.sessionLimits.idleSeconds;
    const max = this.config.sessionLimits.maxSeconds;
    const outcome = await this.dataSource.transaction(async (tx) => {
      const s = await sessions.lockSessionForRotation(tx, sessionId, idle, max);
      if (!s || s.revoked || s.hash === null) return { kind: 'invalid' as const };
      if (!timingSafeEqualHex(s.hash, this.refreshHash(presented))) {
        await sessions.endSession(tx, sessionId);
        return { kind: 'reused' as const };
      }
      if (!s.withinIdle || !s.withinMax || !s.accountUnchanged) {
        await sessions.endSession(tx, sessionId);
        return { kind: 'ended' as const };
      }
      const refreshToken = `${sessionId}.${randomBytes(32).toString('base64url')}`;
      await sessions.rotateRefreshToken(
        tx,
        sessionId,
        this.refreshHash(refreshToken),
        this.config.authTokenTtlSeconds,
        max,
      );
      return {
        kind: 'rotated' as const,
        session: { sessionId, accountId: s.accountId, tokenVersion: s.tokenVersion, refreshToken },
      };
    });
    if (outcome.kind === 'rotated') return outcome.session;
    this.cache.delete(sessionId);
    if (outcome.kind === 'reused')
      throw new DomainError(
        'AUTH_REFRESH_REUSED',
        'this refresh token was already used, so the login it belongs to has been ended to protect the account; log in again',
      );
    if (outcome.kind === 'ended')
      throw new DomainError(
        'AUTH_SESSION_ENDED',
        'this login has ended (idle or too old, account disabled, or its roles or password changed); log in again at POST /auth/login',
      );
    throw refreshInvalid();
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
    await sessions.revokeSession(this.dataSource, sessionId, accountId);
    this.cache.delete(sessionId);
  }

  // After an account is disabled here: its cached sessions are forgotten, so this instance refuses
  // their tokens at once (others within AUTH_SESSION_CACHE_MS, ADR 0017).
  forgetAccount(accountId: string): void {
    for (const [sid, entry] of this.cache)
      if (entry.state?.accountId === accountId) this.cache.delete(sid);
  }

  private async state(sessionId: string): Promise<SessionState | null> {
    const ttl = this.config.sessionCheck.cacheMs;
    const now = performance.now();
    const cached = ttl > 0 ? this.cache.get(sessionId) : undefined;
    if (cached && cached.until > now) return cached.state;
    const row = await sessions.sessionState(this.dataSource, sessionId);
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

  private refreshHash(token: string): string {
    return keyedHash(this.keys.accounts, 'refresh-token/v1', token);
  }
}
