import { DomainError } from '../common/domain-error.js';
import type { Role } from './roles.js';

export interface Grant {
  role: Role;
  partyId: string | null;
  industryCode: string | null;
  regionCode: string | null;
}

// The authenticated caller, as the bearer token carries it (ADR 0007).
export interface Caller {
  accountId: string;
  username: string;
  // The person who holds the account: how the history and the delegations name the caller (ADR 0025).
  personId: string | null;
  // The account's member handle: only rounds recorded before ADR 0025 name people by it.
  memberRef: string;
  grants: Grant[];
}

export const holdsRole = (caller: Caller, role: Role): boolean =>
  caller.grants.some((g) => g.role === role);

/** Refuses (403) a caller without an administrator grant, before any work is done. */
export function admitAdministrator(caller: Caller, what: string): void {
  if (!holdsRole(caller, 'administrator'))
    throw new DomainError('ROLE_FORBIDDEN', `only an administrator may ${what}`);
}
