import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { clientNetwork } from './client-network.js';
import { loginDelaySeconds } from './login-delay.js';

// Keys are hashes: a database dump need not list who tried which username from where.
const digest = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\n')).digest('base64url');

export interface LoginAttempt {
  pairKey: string;
  addressKey: string;
  hadFailures: boolean;
}

// Failed-login throttling (ADR 0017) with rate-limiter-flexible's PostgreSQL store, so every app
// instance on the database shares the counters. Four counters in one table (migration-created):
// failures per (username, address) pair, the pair's current wait, the pair's check in flight, and
// failures per address.
@Injectable()
export class LoginThrottle {
  private readonly pairFailures: RateLimiterPostgres;
  private readonly pairWait: RateLimiterPostgres;
  private readonly pairInFlight: RateLimiterPostgres;
  private readonly addressFailures: RateLimiterPostgres;

  constructor(
    dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const s = config.loginThrottle;
    // storeType 'typeorm' queries the DataSource's own pg pool, outside any transaction.
    const store = {
      storeClient: dataSource,
      storeType: 'typeorm',
      tableName: 'login_throttle',
      tableCreated: true,
    };
    this.pairFailures = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'pair',
      points: 2 ** 31 - 1,
      duration: s.pairWindowSeconds,
      // One limiter sweeps expired rows of the shared table (every five minutes); that is enough.
      clearExpiredByTimeout: true,
    });
    this.pairWait = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'wait',
      points: 1,
      duration: s.delayMaxSeconds,
      clearExpiredByTimeout: false,
    });
    // One password check per pair at a time: parallel guesses would all pass the wait check before
    // the first failure is recorded. Expires by itself if an instance dies mid-check.
    this.pairInFlight = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'busy',
      points: 1,
      duration: 30,
      clearExpiredByTimeout: false,
    });
    this.addressFailures = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'address',
      points: s.addressMaxFailures,
      duration: s.addressWindowSeconds,
      clearExpiredByTimeout: false,
    });
  }

  // Before the password is checked: refuses a pair that must still wait, or an address that has
  // spent its failure budget.
  async admit(username: string, clientAddress: string): Promise<LoginAttempt> {
    const address = clientNetwork(clientAddress);
    const attempt = {
      pairKey: digest(username, address),
      addressKey: digest(address),
      hadFailures: false,
    };
    const [wait, byAddress, failures] = await Promise.all([
      this.pairWait.get(attempt.pairKey),
      this.addressFailures.get(attempt.addressKey),
      this.pairFailures.get(attempt.pairKey),
    ]);
    if (wait && wait.consumedPoints > 1)
      throw throttled(
        wait.msBeforeNext,
        'account-and-address',
        'too many failed logins for this account from this address',
        'this account from other addresses is not affected',
      );
    if (byAddress && byAddress.consumedPoints >= this.config.loginThrottle.addressMaxFailures)
      throw throttled(
        byAddress.msBeforeNext,
        'address',
        'too many failed logins from this address',
        'logins from other addresses are not affected',
      );
    attempt.hadFailures = failures !== null && failures.consumedPoints > 0;
    try {
      await this.pairInFlight.consume(attempt.pairKey);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      throw throttled(
        1000,
        'account-and-address',
        'a login for this username from this address is already being checked',
        'wait for its answer',
      );
    }
    return attempt;
  }

  // After the check, whatever its outcome: the pair may try again (subject to its wait).
  async release(attempt: LoginAttempt): Promise<void> {
    await this.pairInFlight.delete(attempt.pairKey);
  }

  // Returns the seconds the pair must now wait before its next attempt (0: none).
  async recordFailure(attempt: LoginAttempt): Promise<number> {
    const [pair] = await Promise.all([
      this.pairFailures.penalty(attempt.pairKey, 1),
      this.addressFailures.penalty(attempt.addressKey, 1),
    ]);
    const wait = loginDelaySeconds(pair.consumedPoints, this.config.loginThrottle);
    if (wait > 0) await this.pairWait.block(attempt.pairKey, wait);
    return wait;
  }

  // A success clears the pair; the address's budget is not refunded.
  async recordSuccess(attempt: LoginAttempt): Promise<void> {
    if (!attempt.hadFailures) return;
    await Promise.all([
      this.pairFailures.delete(attempt.pairKey),
      this.pairWait.delete(attempt.pairKey),
    ]);
  }
}

function throttled(msBeforeNext: number, scope: string, what: string, note: string): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError(
    'LOGIN_THROTTLED',
    `${what}; try again in ${retryAfterSeconds} s (${note})`,
    { retryAfterSeconds, scope },
  );
}
