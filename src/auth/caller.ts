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
  memberRef: string;
  grants: Grant[];
}
