import type { DataSource } from 'typeorm';
import type { AdministrationLog } from '../administration/administration-log.service.js';
import { DomainError } from '../common/domain-error.js';
import { USERNAME, USERNAME_RULE } from './account.rules.js';
import type { IssuedCode, OneTimeCodeStore } from './one-time-code.store.js';

// Serialises two bootstrap commands started at once, so at most one administrator comes of them.
const BOOTSTRAP_LOCK = 0x626f6f74; // 'boot'

/**
 * The first administrator of a new deployment: a person, an account, the administrator role and an
 * activation code, logged with the system as actor. The one place a role is granted without a
 * proposal and an approval (there is nobody yet to approve it), so it refuses once any administrator
 * exists.
 */
export async function bootstrapAdministrator(
  dataSource: DataSource,
  codes: OneTimeCodeStore,
  log: AdministrationLog,
  username: string,
): Promise<{ accountId: string; code: IssuedCode }> {
  if (!USERNAME.test(username))
    throw new DomainError('VALIDATION_FAILED', `"${username}": ${USERNAME_RULE}`);
  return dataSource.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
    const existing = (await tx.query(
      `SELECT 1 FROM account_role WHERE role = 'administrator' LIMIT 1`,
    )) as unknown[];
    if (existing.length > 0)
      throw new DomainError(
        'ACCOUNT_ADMINISTRATOR_EXISTS',
        'an administrator already exists; create accounts through POST /api/accounts and grant roles through proposals',
      );
    const taken = (await tx.query(`SELECT 1 FROM account WHERE username = $1 OR member_ref = $1`, [
      username,
    ])) as unknown[];
    if (taken.length > 0)
      throw new DomainError(
        'ACCOUNT_USERNAME_TAKEN',
        `the username "${username}" is already taken`,
      );
    const [person] = (await tx.query(`INSERT INTO person DEFAULT VALUES RETURNING id`)) as {
      id: string;
    }[];
    const [account] = (await tx.query(
      `INSERT INTO account (username, display_name, password_hash, member_ref, person_id) VALUES ($1, $2, NULL, $1, $3) RETURNING id`,
      [username, username, person.id],
    )) as { id: string }[];
    const [grant] = (await tx.query(
      `INSERT INTO account_role (account_id, role) VALUES ($1, 'administrator') RETURNING id`,
      [account.id],
    )) as { id: string }[];
    const code = await codes.issue(tx, account.id, 'activation');
    await log.append(tx, {
      actorAccountId: null,
      action: 'account.created',
      subject: { type: 'account', id: account.id },
      details: {
        personId: person.id,
        personCreated: true,
        via: 'bootstrap',
        codeIssued: 'activation',
        codeExpiresAt: code.expiresAt,
      },
    });
    await log.append(tx, {
      actorAccountId: null,
      action: 'grant.bootstrapped',
      subject: { type: 'grant', id: grant.id },
      details: { accountId: account.id, role: 'administrator' },
    });
    return { accountId: account.id, code };
  });
}
