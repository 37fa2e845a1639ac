import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Caller, Grant } from './caller.js';
import { DUMMY_HASH, verifyPassword } from './password.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Grants travel in the short-lived token (ADR 0007): a role change applies at the next login.
  async login(
    username: string,
    password: string,
  ): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number; caller: Caller }> {
    const [account] = await this.dataSource.query(
      `SELECT id, username, member_ref, password_hash, disabled FROM account WHERE username = $1`,
      [username],
    );
    const ok = await verifyPassword(password, account?.password_hash ?? DUMMY_HASH);
    if (!account || !ok || account.disabled)
      throw new DomainError('AUTH_INVALID_CREDENTIALS', 'unknown username or wrong password');
    const grants: Grant[] = await this.dataSource.query(
      `SELECT role, party_id AS "partyId", industry_code AS "industryCode", region_code AS "regionCode" FROM account_role WHERE account_id = $1 ORDER BY role`,
      [account.id],
    );
    const caller: Caller = {
      accountId: account.id,
      username: account.username,
      memberRef: account.member_ref,
      grants,
    };
    const accessToken = await this.jwt.signAsync({
      sub: caller.accountId,
      usr: caller.username,
      mref: caller.memberRef,
      grants,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.authTokenTtlSeconds, caller };
  }
}
