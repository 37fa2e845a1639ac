import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { TokenClaims } from './auth.guard.js';
import type { Caller, Grant } from './caller.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordGate, PasswordGateFullError } from './password-gate.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { SessionService } from './session.service.js';

interface AccountRow {
  id: string;
  username: string;
  member_ref: string;
  person_id: string | null;
  password_hash: string;
  disabled: boolean;
  token_version: number;
}

@Injectable()
export class AuthService {
  private readonly passwordGate: PasswordGate;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.passwordGate = new PasswordGate(
      config.passwordCheck.concurrency,
      config.passwordCheck.queue,
    );
  }

  // Grants travel in the token; the token's version and session are checked per request, so a
  // change of grants or a logout ends it at once (ADR 0007, ADR 0017).
  async login(
    username: string,
    password: string,
    clientAddress: string,
  ): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number; caller: Caller }> {
    // Throttle first: a refused attempt costs a few indexed queries, not a key derivation.
    const attempt = await this.throttle.admit(username, clientAddress);
    let account: AccountRow | undefined;
    try {
      [account] = await this.dataSource.query(
        `SELECT id, username, member_ref, person_id, password_hash, disabled, token_version FROM account WHERE username = $1`,
        [username],
      );
      const ok = await this.checkPassword(password, account?.password_hash ?? DUMMY_HASH);
      if (!account || !ok || account.disabled) {
        const retryAfterSeconds = await this.throttle.recordFailure(attempt);
        throw new DomainError(
          'AUTH_INVALID_CREDENTIALS',
          retryAfterSeconds > 0
            ? `unknown username or wrong password; the next attempt for this username from this address is possible in ${retryAfterSeconds} s`
            : 'unknown username or wrong password',
          retryAfterSeconds > 0 ? { retryAfterSeconds } : {},
        );
      }
    } finally {
      await this.throttle.release(attempt);
    }
    await this.throttle.recordSuccess(attempt);
    const grants: Grant[] = await this.dataSource.query(
      `SELECT role, party_id AS "partyId", industry_code AS "industryCode", region_code AS "regionCode" FROM account_role WHERE account_id = $1 ORDER BY role`,
      [account.id],
    );
    const caller: Caller = {
      accountId: account.id,
      username: account.username,
      personId: account.person_id,
      memberRef: account.member_ref,
      grants,
    };
    const sid = await this.sessions.open(account.id);
    const claims: TokenClaims = {
      sub: caller.accountId,
      usr: caller.username,
      mref: caller.memberRef,
      pid: caller.personId,
      grants,
      sid,
      ver: account.token_version,
    };
    const accessToken = await this.jwt.signAsync(claims);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.authTokenTtlSeconds, caller };
  }

  async logout(sessionId: string, caller: Caller): Promise<void> {
    await this.sessions.revoke(sessionId, caller.accountId);
  }

  private async checkPassword(password: string, hash: string): Promise<boolean> {
    try {
      return await this.passwordGate.run(() => verifyPassword(password, hash));
    } catch (e) {
      if (!(e instanceof PasswordGateFullError)) throw e;
      throw new DomainError(
        'LOGIN_BUSY',
        'the server is checking too many passwords at once; try again in a second',
        { retryAfterSeconds: 1 },
      );
    }
  }
}
