import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transactional } from '../common/transactional.js';
import type { Grant } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import type { OnboardingParty } from './onboarding-sheet.js';
import { ACCOUNT_UNIQUE, uniqueViolationOf, usernameTaken } from './account.rules.js';

export interface NewPerson {
  fullName: string;
  phone?: string | null;
  email?: string | null;
  organisationPartyId?: string | null;
  position?: string | null;
}

// What an administrator sees of an account: never the password hash, never a code.
export interface AccountView {
  id: string;
  username: string;
  personId: string | null;
  displayName: string;
  disabled: boolean;
  // false until the person redeems the activation code and chooses a password
  hasPassword: boolean;
  // the newest code not yet used or replaced (it may have expired)
  openCode: { purpose: string; expiresAt: string } | null;
  grants: {
    role: string;
    partyId: string | null;
    industryCode: string | null;
    regionCode: string | null;
  }[];
  createdAt: string;
}

const VIEW = `
  SELECT a.id, a.username, a.person_id AS "personId", a.display_name AS "displayName", a.disabled,
         a.password_hash IS NOT NULL AS "hasPassword", a.created_at AS "createdAt",
         (SELECT json_build_object('purpose', c.purpose, 'expiresAt', c.expires_at)
            FROM one_time_code c
           WHERE c.account_id = a.id AND c.used_at IS NULL AND c.superseded_at IS NULL
           ORDER BY c.issued_at DESC LIMIT 1) AS "openCode",
         COALESCE((SELECT json_agg(json_build_object('role', r.role, 'partyId', r.party_id,
                     'industryCode', r.industry_code, 'regionCode', r.region_code) ORDER BY r.role, r.id)
                     FROM account_role r WHERE r.account_id = a.id), '[]') AS grants
    FROM account a`;

type ViewRow = Omit<AccountView, 'createdAt' | 'openCode'> & {
  createdAt: Date;
  openCode: { purpose: string; expiresAt: string } | null;
};

const toView = (r: ViewRow): AccountView => ({
  ...r,
  openCode: r.openCode
    ? { purpose: r.openCode.purpose, expiresAt: new Date(r.openCode.expiresAt).toISOString() }
    : null,
  createdAt: r.createdAt.toISOString(),
});

// The SQL of account administration: persons and accounts created here, read for administrators.
@Injectable()
export class AccountsStore {
  constructor(private readonly dataSource: DataSource) {}

  async view(id: string, tx: Transactional = this.dataSource): Promise<AccountView | null> {
    const [row] = (await tx.query(`${VIEW} WHERE a.id = $1`, [id])) as ViewRow[];
    return row ? toView(row) : null;
  }

  async page(offset: number, limit: number): Promise<{ items: AccountView[]; total: number }> {
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM account`,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(`${VIEW} ORDER BY a.username LIMIT $1 OFFSET $2`, [
      limit,
      offset,
    ])) as ViewRow[];
    return { items: rows.map(toView), total };
  }

  async takenUsernames(tx: Transactional, usernames: string[]): Promise<Set<string>> {
    const rows = (await tx.query(
      `SELECT username FROM account WHERE username = ANY($1) UNION SELECT member_ref FROM account WHERE member_ref = ANY($1)`,
      [usernames],
    )) as { username: string }[];
    return new Set(rows.map((r) => r.username));
  }

  async insertPerson(tx: Transactional, p: NewPerson): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO person (full_name, phone, email, organisation_party_id, position) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        p.fullName,
        p.phone ?? null,
        p.email ?? null,
        p.organisationPartyId ?? null,
        p.position ?? null,
      ],
    )) as { id: string }[];
    return row.id;
  }

  // The person, locked, and whether an account already holds it.
  async lockPerson(
    tx: Transactional,
    personId: string,
  ): Promise<{ fullName: string | null; erased: boolean; hasAccount: boolean } | null> {
    const [row] = (await tx.query(
      `SELECT p.full_name AS "fullName", p.erased_at IS NOT NULL AS erased,
              EXISTS (SELECT 1 FROM account a WHERE a.person_id = p.id) AS "hasAccount"
         FROM person p WHERE p.id = $1 FOR UPDATE`,
      [personId],
    )) as { fullName: string | null; erased: boolean; hasAccount: boolean }[];
    return row ?? null;
  }

  // member_ref is the username, as the seed sets it, until delegations name people by id.
  async insertAccount(
    tx: Transactional,
    a: { username: string; displayName: string; personId: string },
  ): Promise<string> {
    try {
      const [row] = (await tx.query(
        `INSERT INTO account (username, display_name, password_hash, member_ref, person_id) VALUES ($1, $2, NULL, $1, $3) RETURNING id`,
        [a.username, a.displayName, a.personId],
      )) as { id: string }[];
      return row.id;
    } catch (e) {
      const constraint = uniqueViolationOf(e);
      if (constraint !== null && ACCOUNT_UNIQUE.username.includes(constraint))
        throw usernameTaken(a.username);
      if (constraint !== null && ACCOUNT_UNIQUE.person.includes(constraint))
        throw personHasAccount(a.personId);
      throw e;
    }
  }

  // Returns whether the flag changed (false: it already was so), or null for no such account.
  async setDisabled(tx: Transactional, id: string, disabled: boolean): Promise<boolean | null> {
    const [row] = (await tx.query(`SELECT disabled FROM account WHERE id = $1 FOR UPDATE`, [
      id,
    ])) as { disabled: boolean }[];
    if (!row) return null;
    if (row.disabled === disabled) return false;
    // The token_version trigger ends every session's tokens; the sessions themselves end too, so
    // none is refreshed after a re-enable.
    await tx.query(`UPDATE account SET disabled = $2 WHERE id = $1`, [id, disabled]);
    if (disabled)
      await tx.query(
        `UPDATE auth_session SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL`,
        [id],
      );
    return true;
  }

  async lockAccount(tx: Transactional, id: string): Promise<{ disabled: boolean } | null> {
    const [row] = (await tx.query(`SELECT disabled FROM account WHERE id = $1 FOR UPDATE`, [
      id,
    ])) as { disabled: boolean }[];
    return row ?? null;
  }

  async partyExists(tx: Transactional, partyId: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM party WHERE id = $1`, [partyId])) as unknown[];
    return rows.length > 0;
  }

  async parties(tx: Transactional): Promise<OnboardingParty[]> {
    return (await tx.query(
      `SELECT id, side, name_zh AS "nameZh", name_en AS "nameEn" FROM party`,
    )) as OnboardingParty[];
  }
}

export const personHasAccount = (personId: string) =>
  new DomainError(
    'ACCOUNT_PERSON_HAS_ACCOUNT',
    'this person already has an account (one account per person); reset its password or re-enable it instead',
    { personId },
  );

// The sign-in side of the account table (src/auth/ logs in and redeems codes with these): plain
// functions, run inside the caller's transaction where it passes one.

export interface SignInAccountRow {
  id: string;
  username: string;
  member_ref: string;
  person_id: string | null;
  password_hash: string | null;
  disabled: boolean;
  token_version: number;
}

export async function accountByUsername(
  tx: Transactional,
  username: string,
): Promise<SignInAccountRow | undefined> {
  const [account] = (await tx.query(
    `SELECT id, username, member_ref, person_id, password_hash, disabled, token_version FROM account WHERE username = $1`,
    [username],
  )) as SignInAccountRow[];
  return account;
}

// What a token carries of the account, and its grants, read afresh.
export async function tokenSubject(
  tx: Transactional,
  accountId: string,
): Promise<{
  account: Pick<SignInAccountRow, 'username' | 'member_ref' | 'person_id' | 'token_version'>;
  grants: Grant[];
}> {
  const [[account], grants] = await Promise.all([
    tx.query(`SELECT username, member_ref, person_id, token_version FROM account WHERE id = $1`, [
      accountId,
    ]) as Promise<
      Pick<SignInAccountRow, 'username' | 'member_ref' | 'person_id' | 'token_version'>[]
    >,
    tx.query(
      `SELECT role, party_id AS "partyId", industry_code AS "industryCode", region_code AS "regionCode" FROM account_role WHERE account_id = $1 ORDER BY role`,
      [accountId],
    ) as Promise<Grant[]>,
  ]);
  return { account, grants };
}

export async function lockAccountByUsername(
  tx: Transactional,
  username: string,
): Promise<{ id: string; disabled: boolean } | undefined> {
  const [a] = (await tx.query(`SELECT id, disabled FROM account WHERE username = $1 FOR UPDATE`, [
    username,
  ])) as { id: string; disabled: boolean }[];
  return a;
}

// The trigger raises token_version: every session of the old password ends here.
export async function setPassword(
  tx: Transactional,
  accountId: string,
  passwordHash: string,
): Promise<{ token_version: number }> {
  const [[updated]] = (await tx.query(
    `UPDATE account SET password_hash = $2 WHERE id = $1 RETURNING token_version`,
    [accountId, passwordHash],
  )) as [{ token_version: number }[], number];
  return updated;
}

// Serialises two bootstrap commands started at once (held to the commit).
export async function lockBootstrap(tx: Transactional, lockId: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [lockId]);
}

export async function usernameOrHandleTaken(tx: Transactional, username: string): Promise<boolean> {
  const taken = (await tx.query(`SELECT 1 FROM account WHERE username = $1 OR member_ref = $1`, [
    username,
  ])) as unknown[];
  return taken.length > 0;
}

// An account with no password yet: it waits for its activation code.
export async function insertAccountAwaitingCode(
  tx: Transactional,
  username: string,
  personId: string,
): Promise<string> {
  const [account] = (await tx.query(
    `INSERT INTO account (username, display_name, password_hash, member_ref, person_id) VALUES ($1, $2, NULL, $1, $3) RETURNING id`,
    [username, username, personId],
  )) as { id: string }[];
  return account.id;
}
