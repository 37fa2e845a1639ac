import { Inject, Injectable } from '@nestjs/common';
import type { Transactional } from '../common/transactional.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DEPLOYMENT_KEYS, type DeploymentKeys } from '../config/deployment-keys.js';
import type { OneTimeCodePurpose } from './one-time-code.entity.js';
import { generateOneTimeCode, keyedHash, parseOneTimeCode } from './one-time-code.js';

const PURPOSE = 'one-time-code/v1';

export interface IssuedCode {
  // Shown once, in the answer to the request that issued it; never stored, never logged.
  code: string;
  expiresAt: string;
}

// The one owner of one_time_code. Issuing supersedes the account's earlier codes; redeeming marks
// the code used. Both run inside the caller's transaction.
@Injectable()
export class OneTimeCodeStore {
  constructor(
    @Inject(DEPLOYMENT_KEYS) private readonly keys: Pick<DeploymentKeys, 'accounts'>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async issue(
    tx: Transactional,
    accountId: string,
    purpose: OneTimeCodePurpose,
  ): Promise<IssuedCode> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.oneTimeCodeTtlSeconds * 1000);
    await tx.query(
      `UPDATE one_time_code SET superseded_at = $2 WHERE account_id = $1 AND used_at IS NULL AND superseded_at IS NULL`,
      [accountId, now],
    );
    const code = generateOneTimeCode();
    await tx.query(
      `INSERT INTO one_time_code (account_id, purpose, code_hash, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [accountId, purpose, this.hash(parseOneTimeCode(code)!), now, expiresAt],
    );
    return { code, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Marks the code used, or throws the reason it cannot be: an unknown account and a wrong code give
   * the same ONE_TIME_CODE_INVALID, so the answer does not tell which usernames exist.
   */
  async redeem(
    tx: Transactional,
    accountId: string | null,
    typed: string,
  ): Promise<{ purpose: OneTimeCodePurpose }> {
    const canonical = parseOneTimeCode(typed);
    const [row] =
      accountId && canonical
        ? ((await tx.query(
            `SELECT id, purpose, expires_at AS "expiresAt", used_at AS "usedAt", superseded_at AS "supersededAt"
               FROM one_time_code WHERE account_id = $1 AND code_hash = $2 FOR UPDATE`,
            [accountId, this.hash(canonical)],
          )) as {
            id: string;
            purpose: OneTimeCodePurpose;
            expiresAt: Date;
            usedAt: Date | null;
            supersededAt: Date | null;
          }[])
        : [];
    if (!row)
      throw new DomainError(
        'ONE_TIME_CODE_INVALID',
        'this username and code do not match; check both (the code is 12 characters, e.g. ABCD-EFGH-JKLM) or ask your administrator for a new code',
      );
    if (row.usedAt)
      throw new DomainError(
        'ONE_TIME_CODE_USED',
        'this code has already been used; log in with the password you chose, or ask your administrator for a new code',
      );
    if (row.supersededAt)
      throw new DomainError(
        'ONE_TIME_CODE_EXPIRED',
        'a newer code was issued for this account, so this one no longer works; use the newest code',
        { reason: 'superseded' },
      );
    const now = this.clock.now();
    if (row.expiresAt.getTime() <= now.getTime())
      throw new DomainError(
        'ONE_TIME_CODE_EXPIRED',
        'this code has expired; ask your administrator for a new code',
        { reason: 'expired', expiredAt: row.expiresAt.toISOString() },
      );
    await tx.query(`UPDATE one_time_code SET used_at = $2 WHERE id = $1`, [row.id, now]);
    return { purpose: row.purpose };
  }

  private hash(canonical: string): string {
    return keyedHash(this.keys.accounts, PURPOSE, canonical);
  }
}
