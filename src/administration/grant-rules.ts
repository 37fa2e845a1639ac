import type { Grant } from '../auth/caller.js';
import { PARTY_ROLES, type Role } from '../auth/roles.js';

// Who may propose, approve and revoke which grant (issue 9, ADR 0027). Pure: the callers pass in the
// grants and the party facts they read inside their transaction.

export interface GrantTarget {
  role: Role;
  partyId: string | null;
  industryCode: string | null;
  regionCode: string | null;
}

export interface PartyFacts {
  id: string;
  side: 'worker' | 'employer';
  industryCode: string;
  regionCode: string;
}

export interface Refusal {
  code: 'GRANT_SCOPE_INVALID' | 'GRANT_OUT_OF_SCOPE' | 'GRANT_APPROVER_WRONG';
  message: string;
}

export const isPartyRole = (role: Role): boolean => PARTY_ROLES.includes(role);

// The chief of each side approves the side's representatives; chiefs are made by two administrators.
const SIDE_OF_ROLE: Partial<Record<Role, 'worker' | 'employer'>> = {
  unionChair: 'worker',
  workerRepresentative: 'worker',
  associationChief: 'employer',
  employerRepresentative: 'employer',
};
export const CHIEF_OF_SIDE = { worker: 'unionChair', employer: 'associationChief' } as const;

export type ApprovalPath = 'partyChief' | 'secondAdministrator';

export function approvalPath(role: Role): ApprovalPath {
  switch (role) {
    case 'workerRepresentative':
    case 'employerRepresentative':
      return 'partyChief';
    case 'unionChair':
    case 'associationChief':
    case 'recorder':
    case 'labourOfficer':
    case 'auditor':
    case 'administrator':
      return 'secondAdministrator';
  }
}

// Region codes are paths: 'wenling' covers 'wenling-xinhe' (county → town); null covers all.
const regionCovers = (outer: string | null, inner: string | null): boolean =>
  outer === null || (inner !== null && (inner === outer || inner.startsWith(`${outer}-`)));
const industryCovers = (outer: string | null, inner: string | null): boolean =>
  outer === null || inner === outer;

// The industry and region a grant reaches: a party's own, or the grant's scope.
const reachOf = (t: GrantTarget, party: PartyFacts | null) =>
  party
    ? { industryCode: party.industryCode, regionCode: party.regionCode }
    : { industryCode: t.industryCode, regionCode: t.regionCode };

export const administratorCovers = (
  admin: Grant,
  t: GrantTarget,
  party: PartyFacts | null,
): boolean => {
  if (admin.role !== 'administrator') return false;
  const reach = reachOf(t, party);
  return (
    industryCovers(admin.industryCode, reach.industryCode) &&
    regionCovers(admin.regionCode, reach.regionCode)
  );
};

// The request's shape: a party role names a party of its own side and nothing else; any other role
// names no party.
export function scopeRefusal(t: GrantTarget, party: PartyFacts | null): Refusal | null {
  const side = SIDE_OF_ROLE[t.role];
  if (side) {
    if (!t.partyId || t.industryCode !== null || t.regionCode !== null)
      return {
        code: 'GRANT_SCOPE_INVALID',
        message: `${t.role} is held in one party: give partyId and no industryCode or regionCode`,
      };
    if (party && party.side !== side)
      return {
        code: 'GRANT_SCOPE_INVALID',
        message: `${t.role} is a ${side}-side role; party ${party.id} is on the ${party.side} side`,
      };
    return null;
  }
  if (t.partyId !== null)
    return {
      code: 'GRANT_SCOPE_INVALID',
      message: `${t.role} is held in an industry and/or region, not a party: give industryCode and/or regionCode (or neither for all) and no partyId`,
    };
  return null;
}

export function proposalRefusal(
  proposerGrants: readonly Grant[],
  t: GrantTarget,
  party: PartyFacts | null,
): Refusal | null {
  const shape = scopeRefusal(t, party);
  if (shape) return shape;
  if (!proposerGrants.some((g) => administratorCovers(g, t, party)))
    return {
      code: 'GRANT_OUT_OF_SCOPE',
      message:
        'this grant reaches beyond the industry and region of your administrator grant; ask an administrator whose scope covers it',
    };
  return null;
}

export interface ProposalFacts extends GrantTarget {
  accountId: string;
  proposedBy: string;
}

// Four eyes: nobody approves a grant they proposed or one made to themselves.
export function approvalRefusal(
  approver: { accountId: string; grants: readonly Grant[] },
  p: ProposalFacts,
  party: PartyFacts | null,
): Refusal | null {
  if (approver.accountId === p.proposedBy)
    return {
      code: 'GRANT_APPROVER_WRONG',
      message:
        'you proposed this grant; another person must approve it (the party’s chief or a second administrator)',
    };
  if (approver.accountId === p.accountId)
    return {
      code: 'GRANT_APPROVER_WRONG',
      message: 'nobody approves a grant to themselves',
    };
  if (approvalPath(p.role) === 'partyChief') {
    const side = SIDE_OF_ROLE[p.role]!;
    const chief = CHIEF_OF_SIDE[side];
    return approver.grants.some((g) => g.role === chief && g.partyId === p.partyId)
      ? null
      : {
          code: 'GRANT_APPROVER_WRONG',
          message: `only the ${chief} of party ${p.partyId} approves its ${p.role} grants`,
        };
  }
  return approver.grants.some((g) => administratorCovers(g, p, party))
    ? null
    : {
        code: 'GRANT_APPROVER_WRONG',
        message: `a ${p.role} grant is approved by a second administrator whose scope covers it`,
      };
}

// Revoking takes effect at once: an administrator whose scope covers the grant, or the party's chief
// for the party's representatives.
export function revocationRefusal(
  revoker: { accountId: string; grants: readonly Grant[] },
  g: GrantTarget,
  party: PartyFacts | null,
): Refusal | null {
  if (revoker.grants.some((own) => administratorCovers(own, g, party))) return null;
  if (approvalPath(g.role) === 'partyChief') {
    const chief = CHIEF_OF_SIDE[SIDE_OF_ROLE[g.role]!];
    if (revoker.grants.some((own) => own.role === chief && own.partyId === g.partyId)) return null;
  }
  return {
    code: 'GRANT_APPROVER_WRONG',
    message:
      'only an administrator whose scope covers this grant, or the chief of its party for a representative, may revoke it',
  };
}

// Nobody sits on both sides of a pair: a union and an association of one industry and region.
export function bothSidesConflict(
  party: PartyFacts | null,
  heldParties: readonly PartyFacts[],
): PartyFacts | null {
  if (!party) return null;
  return (
    heldParties.find(
      (h) =>
        h.side !== party.side &&
        h.industryCode === party.industryCode &&
        h.regionCode === party.regionCode,
    ) ?? null
  );
}
