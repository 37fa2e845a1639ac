import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { TokenClaims } from './auth.guard.js';
import type { Caller } from './caller.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordGate, PasswordGateFullError } from './password-gate.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import {
  accountByUsername,
  tokenSubject,
  type SignInAccountRow,
} from '../accounts/accounts.store.js';
import { SessionService } from './session.service.js';

type AccountRow = SignInAccountRow;

export interface SignedIn {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  // Exchanged at POST /auth/refresh for the next access token (ADR 0026); used once.
  refreshToken: string;
  caller: Caller;
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
  async login(username: string, password: string, clientAddress: string): Promise<SignedIn> {
    // Throttle first: a refused attempt costs a few indexed queries, not a key derivation.
    const attempt = await this.throttle.admit(username, clientAddress);
    let account: AccountRow | undefined;
    try {
      account = await accountByUsername(this.dataSource, username);
      // An account still waiting for its activation code has no password: it costs the same as a miss.
      const ok = await this.checkPassword(password, account?.password_hash ?? DUMMY_HASH);
      if (!account || !account.password_hash || !ok || account.disabled) {
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
    return this.signIn(account);
  }

  // Opens a session for an account that has just proved who it is (password or one-time code).
  async signIn(account: Pick<AccountRow, 'id' | 'token_version'>): Promise<SignedIn> {
    const session = await this.sessions.open(account.id, account.token_version);
    return this.sign(account.id, session.sessionId, session.refreshToken);
  }

  async refresh(refreshToken: string): Promise<SignedIn> {
    const session = await this.sessions.rotate(refreshToken);
    return this.sign(session.accountId, session.sessionId, session.refreshToken);
  }

  // Grants are read afresh, so a refreshed token carries what the account holds now.
  private async sign(accountId: string, sid: string, refreshToken: string): Promise<SignedIn> {
    const { account, grants } = await tokenSubject(this.dataSource, accountId);
    const caller: Caller = {
      accountId,
      username: account.username,
      personId: account.person_id,
      memberRef: account.member_ref,
      grants,
    };
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
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.authTokenTtlSeconds,
      refreshToken,
      caller,
    };
  }

  // The same bounded pool as password checks: setting a password costs one key derivation.
  async hashNewPassword(password: string): Promise<string> {
    return this.gated(() => hashPassword(password));
  }

  async logout(sessionId: string, caller: Caller): Promise<void> {
    await this.sessions.revoke(sessionId, caller.accountId);
  }

  private checkPassword(password: string, hash: string): Promise<boolean> {
    return this.gated(() => verifyPassword(password, hash));
  }

  private async gated<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await this.passwordGate.run(task);
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
