import { describe, expect, it } from '@jest/globals';
import type { Grant } from '../auth/caller.js';
import type { Role } from '../auth/roles.js';
import {
  approvalRefusal,
  bothSidesConflict,
  proposalRefusal,
  revocationRefusal,
  type PartyFacts,
  type ProposalFacts,
} from './grant-rules.js';

const union: PartyFacts = {
  id: 'union',
  side: 'worker',
  industryCode: 'wool',
  regionCode: 'wenling-xinhe',
};
const association: PartyFacts = { ...union, id: 'assoc', side: 'employer' };
const shoeUnion: PartyFacts = { ...union, id: 'shoe-union', industryCode: 'shoes' };
const parties: Record<string, PartyFacts> = {
  union,
  assoc: association,
  'shoe-union': shoeUnion,
};

const grant = (role: Role, scope: Partial<Grant> = {}): Grant => ({
  role,
  partyId: null,
  industryCode: null,
  regionCode: null,
  ...scope,
});
const people: Record<string, Grant[]> = {
  admin: [grant('administrator')],
  admin2: [grant('administrator')],
  woolAdmin: [grant('administrator', { industryCode: 'wool', regionCode: 'wenling' })],
  yuhuanAdmin: [grant('administrator', { regionCode: 'yuhuan' })],
  unionChair: [grant('unionChair', { partyId: 'union' })],
  assocChief: [grant('associationChief', { partyId: 'assoc' })],
  shoeChair: [grant('unionChair', { partyId: 'shoe-union' })],
  rep: [grant('workerRepresentative', { partyId: 'union' })],
  auditor: [grant('auditor')],
};

const proposal = (
  role: Role,
  scope: Partial<ProposalFacts>,
  accountId = 'grantee',
  proposedBy = 'admin',
): ProposalFacts => ({
  role,
  partyId: null,
  industryCode: null,
  regionCode: null,
  accountId,
  proposedBy,
  ...scope,
});

const approve = (who: string, p: ProposalFacts) =>
  approvalRefusal(
    { accountId: who, grants: people[who] ?? [] },
    p,
    p.partyId ? parties[p.partyId] : null,
  )?.code ?? 'approves';

describe('who may approve a grant', () => {
  const workerRep = proposal('workerRepresentative', { partyId: 'union' });
  const employerRep = proposal('employerRepresentative', { partyId: 'assoc' });
  const chair = proposal('unionChair', { partyId: 'union' });
  const auditor = proposal('auditor', { regionCode: 'wenling' });
  const bureau = proposal('labourOfficer', { industryCode: 'wool', regionCode: 'wenling' });
  const admin = proposal('administrator', {});
  const selfRep = proposal('workerRepresentative', { partyId: 'union' }, 'admin', 'admin');

  const proposals = { workerRep, employerRep, chair, auditor, bureau, admin, selfRep };

  it.each([
    ['the union chair', 'unionChair', 'workerRep', 'approves'],
    ['the association chief', 'assocChief', 'workerRep', 'GRANT_APPROVER_WRONG'],
    ['another party’s chair', 'shoeChair', 'workerRep', 'GRANT_APPROVER_WRONG'],
    ['a second administrator', 'admin2', 'workerRep', 'GRANT_APPROVER_WRONG'],
    ['the proposer', 'admin', 'workerRep', 'GRANT_APPROVER_WRONG'],
    ['a representative', 'rep', 'workerRep', 'GRANT_APPROVER_WRONG'],
    ['the association chief', 'assocChief', 'employerRep', 'approves'],
    ['the union chair', 'unionChair', 'employerRep', 'GRANT_APPROVER_WRONG'],
    ['the union chair', 'unionChair', 'selfRep', 'approves'],
    ['the proposing administrator, for themselves', 'admin', 'selfRep', 'GRANT_APPROVER_WRONG'],
    ['a second administrator', 'admin2', 'chair', 'approves'],
    ['a scoped administrator covering the party', 'woolAdmin', 'chair', 'approves'],
    ['an administrator of another region', 'yuhuanAdmin', 'chair', 'GRANT_APPROVER_WRONG'],
    ['the union chair, for a chair grant', 'unionChair', 'chair', 'GRANT_APPROVER_WRONG'],
    ['the proposer', 'admin', 'auditor', 'GRANT_APPROVER_WRONG'],
    ['a second administrator', 'admin2', 'auditor', 'approves'],
    [
      'a scoped administrator, for an auditor of all Wenling',
      'woolAdmin',
      'auditor',
      'GRANT_APPROVER_WRONG',
    ],
    ['an auditor', 'auditor', 'auditor', 'GRANT_APPROVER_WRONG'],
    ['a scoped administrator covering the bureau grant', 'woolAdmin', 'bureau', 'approves'],
    ['a second administrator', 'admin2', 'admin', 'approves'],
    [
      'a scoped administrator, for an unscoped administrator',
      'woolAdmin',
      'admin',
      'GRANT_APPROVER_WRONG',
    ],
  ] as const)('%s (%s) approving %s → %s', (_who, approver, p, outcome) => {
    expect(approve(approver, proposals[p])).toBe(outcome);
  });

  it('refuses the grantee even when they hold the approving role', () => {
    const p = proposal('unionChair', { partyId: 'union' }, 'admin2', 'admin');
    expect(approve('admin2', p)).toBe('GRANT_APPROVER_WRONG');
  });
});

describe('who may propose a grant', () => {
  const propose = (who: string, role: Role, scope: Partial<Grant>) => {
    const t = grant(role, scope);
    return (
      proposalRefusal(people[who], t, t.partyId ? (parties[t.partyId] ?? null) : null)?.code ??
      'proposes'
    );
  };

  it.each([
    ['admin', 'workerRepresentative', { partyId: 'union' }, 'proposes'],
    ['woolAdmin', 'workerRepresentative', { partyId: 'union' }, 'proposes'],
    ['woolAdmin', 'unionChair', { partyId: 'shoe-union' }, 'GRANT_OUT_OF_SCOPE'],
    ['yuhuanAdmin', 'associationChief', { partyId: 'assoc' }, 'GRANT_OUT_OF_SCOPE'],
    ['woolAdmin', 'recorder', { industryCode: 'wool', regionCode: 'wenling-xinhe' }, 'proposes'],
    ['woolAdmin', 'recorder', { industryCode: 'wool' }, 'GRANT_OUT_OF_SCOPE'],
    ['woolAdmin', 'auditor', {}, 'GRANT_OUT_OF_SCOPE'],
    ['unionChair', 'workerRepresentative', { partyId: 'union' }, 'GRANT_OUT_OF_SCOPE'],
    ['admin', 'workerRepresentative', {}, 'GRANT_SCOPE_INVALID'],
    [
      'admin',
      'workerRepresentative',
      { partyId: 'union', regionCode: 'wenling' },
      'GRANT_SCOPE_INVALID',
    ],
    ['admin', 'employerRepresentative', { partyId: 'union' }, 'GRANT_SCOPE_INVALID'],
    ['admin', 'auditor', { partyId: 'union' }, 'GRANT_SCOPE_INVALID'],
  ] as const)('%s proposing %s %j → %s', (who, role, scope, outcome) => {
    expect(propose(who, role, scope)).toBe(outcome);
  });
});

describe('who may revoke a grant', () => {
  const revoke = (who: string, role: Role, scope: Partial<Grant>) => {
    const g = grant(role, scope);
    return (
      revocationRefusal(
        { accountId: who, grants: people[who] },
        g,
        g.partyId ? parties[g.partyId] : null,
      )?.code ?? 'revokes'
    );
  };

  it.each([
    ['admin', 'workerRepresentative', { partyId: 'union' }, 'revokes'],
    ['unionChair', 'workerRepresentative', { partyId: 'union' }, 'revokes'],
    ['assocChief', 'workerRepresentative', { partyId: 'union' }, 'GRANT_APPROVER_WRONG'],
    ['unionChair', 'unionChair', { partyId: 'union' }, 'GRANT_APPROVER_WRONG'],
    ['yuhuanAdmin', 'unionChair', { partyId: 'union' }, 'GRANT_APPROVER_WRONG'],
    ['woolAdmin', 'auditor', { regionCode: 'wenling' }, 'GRANT_APPROVER_WRONG'],
  ] as const)('%s revoking %s %j → %s', (who, role, scope, outcome) => {
    expect(revoke(who, role, scope)).toBe(outcome);
  });
});

describe('nobody on both sides of a pair', () => {
  it('finds a grant on the other party of the same industry and region, and only that', () => {
    expect(bothSidesConflict(union, [association])).toBe(association);
    expect(bothSidesConflict(union, [union])).toBeNull();
    expect(bothSidesConflict(shoeUnion, [association])).toBeNull();
    expect(bothSidesConflict(null, [association])).toBeNull();
  });
});
