import type { Caller } from '../../src/auth/caller.js';
import { ACCOUNTS } from '../../src/seed/demo-reference.js';

// The demo accounts as in-process callers (what the bearer token would carry).
export function demoCaller(username: string): Caller {
  const a = ACCOUNTS.find((x) => x.username === username);
  if (!a) throw new Error(`no demo account ${username}`);
  return {
    accountId: a.id,
    username: a.username,
    memberRef: a.username,
    grants: a.grants.map((g) => ({
      role: g.role,
      partyId: g.partyId ?? null,
      industryCode: g.industryCode ?? null,
      regionCode: g.regionCode ?? null,
    })),
  };
}
