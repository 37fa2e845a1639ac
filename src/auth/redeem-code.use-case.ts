import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OneTimeCodeStore } from '../accounts/one-time-code.store.js';
import { AdministrationLog } from '../administration/administration-log.service.js';
import { DomainError } from '../common/domain-error.js';
import { AuthService, type SignedIn } from './auth.service.js';
import { lockAccountByUsername, setPassword } from '../accounts/accounts.store.js';
import { LoginThrottle } from './login-throttle.service.js';

// POST /auth/code: the person proves who they are with the one-time code an administrator handed
// them, chooses their own password, and is logged in (ADR 0026). Guesses count against the same
// throttle as passwords, per username and address, so a code cannot be guessed faster than a
// password.
@Injectable()
export class RedeemCodeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
    private readonly codes: OneTimeCodeStore,
    private readonly log: AdministrationLog,
  ) {}

  async execute(
    username: string,
    code: string,
    newPassword: string,
    clientAddress: string,
  ): Promise<SignedIn> {
    const attempt = await this.throttle.admit(username, clientAddress);
    let account: { id: string; token_version: number };
    try {
      account = await this.dataSource.transaction(async (tx) => {
        const a = await lockAccountByUsername(tx, username);
        // A disabled account's code answers like a wrong one: the person asks the administrator.
        const { purpose } = await this.codes.redeem(tx, a && !a.disabled ? a.id : null, code);
        // Derived only for a good code, so a wrong guess costs no key derivation; the row lock is
        // held for the one derivation, on this account alone.
        const passwordHash = await this.auth.hashNewPassword(newPassword);
        // redeem refused a missing account above.
        const redeemer = a!;
        const updated = await setPassword(tx, redeemer.id, passwordHash);
        await this.log.append(tx, {
          actorAccountId: redeemer.id,
          action: 'account.passwordChosen',
          subject: { type: 'account', id: redeemer.id },
          details: { codePurpose: purpose },
        });
        return { id: redeemer.id, token_version: updated.token_version };
      });
    } catch (e) {
      if (e instanceof DomainError && e.code.startsWith('ONE_TIME_CODE_')) {
        const retryAfterSeconds = await this.throttle.recordFailure(attempt);
        if (retryAfterSeconds > 0)
          throw new DomainError(
            e.code,
            `${e.message} (next attempt possible in ${retryAfterSeconds} s)`,
            {
              ...e.details,
              retryAfterSeconds,
            },
          );
      }
      throw e;
    } finally {
      await this.throttle.release(attempt);
    }
    await this.throttle.recordSuccess(attempt);
    return this.auth.signIn(account);
  }
}
