import type { DataSource } from 'typeorm';
import type { AdministrationLog } from '../administration/administration-log.service.js';
import { DomainError } from '../common/domain-error.js';
import { USERNAME, USERNAME_RULE } from './account.rules.js';
import type { IssuedCode, OneTimeCodeStore } from './one-time-code.store.js';
import {
  insertAccountAwaitingCode,
  lockBootstrap,
  usernameOrHandleTaken,
} from './accounts.store.js';
import { anyAdministratorGrant, insertBootstrapGrant } from '../administration/grants.store.js';
import { insertBlankPerson } from '../people/people.store.js';

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
    await lockBootstrap(tx, BOOTSTRAP_LOCK);
    if (await anyAdministratorGrant(tx))
      throw new DomainError(
        'ACCOUNT_ADMINISTRATOR_EXISTS',
        'an administrator already exists; create accounts through POST /api/accounts and grant roles through proposals',
      );
    if (await usernameOrHandleTaken(tx, username))
      throw new DomainError(
        'ACCOUNT_USERNAME_TAKEN',
        `the username "${username}" is already taken`,
      );
    const person = { id: await insertBlankPerson(tx) };
    const account = { id: await insertAccountAwaitingCode(tx, username, person.id) };
    const grant = { id: await insertBootstrapGrant(tx, account.id) };
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
