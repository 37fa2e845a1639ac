import type { Grant } from '../auth/caller.js';
import type { Transactional } from '../common/transactional.js';
import type { GrantProposalStatus } from './grant-proposal.entity.js';
import type { GrantTarget, PartyFacts } from './grant-rules.js';

// The one owner of grant_proposal, and the writer of account_role for grants (the seed aside).
// Hand-written SQL, run inside the caller's transaction.

export interface ProposalRow extends GrantTarget {
  id: string;
  accountId: string;
  status: GrantProposalStatus;
  proposedBy: string;
  proposedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  grantId: string | null;
  granteeUsername: string;
  granteeName: string | null;
}

export interface GrantRow extends GrantTarget {
  id: string;
  accountId: string;
}

const PROPOSAL_COLUMNS = `p.id, p.account_id AS "accountId", p.role, p.party_id AS "partyId",
  p.industry_code AS "industryCode", p.region_code AS "regionCode", p.status,
  p.proposed_by AS "proposedBy", p.proposed_at AS "proposedAt", p.decided_by AS "decidedBy",
  p.decided_at AS "decidedAt", p.grant_id AS "grantId",
  (SELECT a.username FROM account a WHERE a.id = p.account_id) AS "granteeUsername",
  (SELECT pe.full_name FROM account a JOIN person pe ON pe.id = a.person_id
    WHERE a.id = p.account_id) AS "granteeName"`;
// The grantee's username and name ride with every proposal (a read model of account and person):
// a chief approves a seat for a person, and must see whom.

const GRANT_COLUMNS = `r.id, r.account_id AS "accountId", r.role, r.party_id AS "partyId",
  r.industry_code AS "industryCode", r.region_code AS "regionCode"`;

const rows = async <T>(tx: Transactional, sql: string, params: unknown[]): Promise<T[]> =>
  (await tx.query(sql, params)) as T[];

export const proposalView = (p: ProposalRow) => ({
  id: p.id,
  accountId: p.accountId,
  role: p.role,
  partyId: p.partyId,
  industryCode: p.industryCode,
  regionCode: p.regionCode,
  status: p.status,
  proposedBy: p.proposedBy,
  proposedAt: p.proposedAt.toISOString(),
  decidedBy: p.decidedBy,
  decidedAt: p.decidedAt?.toISOString() ?? null,
  grantId: p.grantId,
  grantee: { username: p.granteeUsername, name: p.granteeName },
});

// Serialises every grant change of one account: duplicates and the both-sides rule are checked
// against a state nobody else can change before the commit.
export async function lockAccount(
  tx: Transactional,
  accountId: string,
): Promise<{ id: string } | null> {
  const [a] = await rows<{ id: string }>(tx, `SELECT id FROM account WHERE id = $1 FOR UPDATE`, [
    accountId,
  ]);
  return a ?? null;
}

export async function partyFacts(tx: Transactional, partyId: string): Promise<PartyFacts | null> {
  const [p] = await rows<PartyFacts>(
    tx,
    `SELECT id, side, industry_code AS "industryCode", region_code AS "regionCode" FROM party WHERE id = $1`,
    [partyId],
  );
  return p ?? null;
}

export async function scopeExists(
  tx: Transactional,
  industryCode: string | null,
  regionCode: string | null,
): Promise<{ industry: boolean; region: boolean }> {
  const [r] = await rows<{ industry: boolean; region: boolean }>(
    tx,
    `SELECT ($1::text IS NULL OR EXISTS (SELECT 1 FROM industry WHERE code = $1)) AS industry,
            ($2::text IS NULL OR EXISTS (SELECT 1 FROM region WHERE code = $2)) AS region`,
    [industryCode, regionCode],
  );
  return r;
}

// The parties an account holds any role in: what the both-sides rule compares against.
export const heldParties = (tx: Transactional, accountId: string): Promise<PartyFacts[]> =>
  rows<PartyFacts>(
    tx,
    `SELECT DISTINCT p.id, p.side, p.industry_code AS "industryCode", p.region_code AS "regionCode"
       FROM account_role r JOIN party p ON p.id = r.party_id WHERE r.account_id = $1`,
    [accountId],
  );

export const grantsOf = (tx: Transactional, accountId: string): Promise<GrantRow[]> =>
  rows<GrantRow>(
    tx,
    `SELECT ${GRANT_COLUMNS} FROM account_role r WHERE r.account_id = $1 ORDER BY r.role, r.id`,
    [accountId],
  );

export async function accountGrants(tx: Transactional, accountId: string): Promise<Grant[]> {
  return (await grantsOf(tx, accountId)).map(({ role, partyId, industryCode, regionCode }) => ({
    role,
    partyId,
    industryCode,
    regionCode,
  }));
}

const SAME_TARGET = `role = $2 AND party_id IS NOT DISTINCT FROM $3
  AND industry_code IS NOT DISTINCT FROM $4 AND region_code IS NOT DISTINCT FROM $5`;
const targetParams = (accountId: string, t: GrantTarget) => [
  accountId,
  t.role,
  t.partyId,
  t.industryCode,
  t.regionCode,
];

export async function duplicateOf(
  tx: Transactional,
  accountId: string,
  t: GrantTarget,
): Promise<'held' | 'pending' | null> {
  const [r] = await rows<{ held: boolean; pending: boolean }>(
    tx,
    `SELECT EXISTS (SELECT 1 FROM account_role WHERE account_id = $1 AND ${SAME_TARGET}) AS held,
            EXISTS (SELECT 1 FROM grant_proposal WHERE account_id = $1 AND status = 'pending' AND ${SAME_TARGET}) AS pending`,
    targetParams(accountId, t),
  );
  return r.held ? 'held' : r.pending ? 'pending' : null;
}

export async function insertProposal(
  tx: Transactional,
  accountId: string,
  t: GrantTarget,
  proposedBy: string,
  at: Date,
): Promise<ProposalRow> {
  const [p] = await rows<ProposalRow>(
    tx,
    `INSERT INTO grant_proposal AS p (account_id, role, party_id, industry_code, region_code, status, proposed_by, proposed_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7) RETURNING ${PROPOSAL_COLUMNS}`,
    [...targetParams(accountId, t), proposedBy, at.toISOString()],
  );
  return p;
}

// Locked: of two concurrent decisions on one proposal, the second waits, then sees it decided.
export async function lockProposal(tx: Transactional, id: string): Promise<ProposalRow | null> {
  const [p] = await rows<ProposalRow>(
    tx,
    `SELECT ${PROPOSAL_COLUMNS} FROM grant_proposal p WHERE p.id = $1 FOR UPDATE`,
    [id],
  );
  return p ?? null;
}

export async function findProposal(tx: Transactional, id: string): Promise<ProposalRow | null> {
  const [p] = await rows<ProposalRow>(
    tx,
    `SELECT ${PROPOSAL_COLUMNS} FROM grant_proposal p WHERE p.id = $1`,
    [id],
  );
  return p ?? null;
}

export async function decideProposal(
  tx: Transactional,
  id: string,
  status: Exclude<GrantProposalStatus, 'pending'>,
  decidedBy: string,
  at: Date,
  grantId: string | null,
): Promise<ProposalRow> {
  const [p] = await rows<ProposalRow>(
    tx,
    // Through a CTE: TypeORM returns [rows, count] for a bare UPDATE, rows for a SELECT.
    `WITH p AS (UPDATE grant_proposal SET status = $2, decided_by = $3, decided_at = $4, grant_id = $5
      WHERE id = $1 AND status = 'pending' RETURNING *) SELECT ${PROPOSAL_COLUMNS} FROM p`,
    [id, status, decidedBy, at.toISOString(), grantId],
  );
  return p;
}

export async function insertGrant(
  tx: Transactional,
  accountId: string,
  t: GrantTarget,
): Promise<string> {
  const [g] = await rows<{ id: string }>(
    tx,
    `INSERT INTO account_role (account_id, role, party_id, industry_code, region_code) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    targetParams(accountId, t),
  );
  return g.id;
}

export async function lockGrant(tx: Transactional, id: string): Promise<GrantRow | null> {
  const [g] = await rows<GrantRow>(
    tx,
    `SELECT ${GRANT_COLUMNS} FROM account_role r WHERE r.id = $1 FOR UPDATE`,
    [id],
  );
  return g ?? null;
}

export async function deleteGrant(tx: Transactional, id: string): Promise<void> {
  await tx.query(`DELETE FROM account_role WHERE id = $1`, [id]);
}

// Pending proposals with their party, oldest first: the service keeps the ones the caller may decide.
export const pendingProposals = (
  tx: Transactional,
  limit: number,
): Promise<(ProposalRow & { party: PartyFacts | null })[]> =>
  rows(
    tx,
    `SELECT ${PROPOSAL_COLUMNS},
            CASE WHEN pa.id IS NULL THEN NULL ELSE json_build_object('id', pa.id, 'side', pa.side,
              'industryCode', pa.industry_code, 'regionCode', pa.region_code) END AS party
       FROM grant_proposal p LEFT JOIN party pa ON pa.id = p.party_id
      WHERE p.status = 'pending' ORDER BY p.proposed_at, p.id LIMIT $1`,
    [limit],
  );

export const proposalsBy = (
  tx: Transactional,
  proposedBy: string,
  page: { offset: number; limit: number },
): Promise<ProposalRow[]> =>
  rows(
    tx,
    `SELECT ${PROPOSAL_COLUMNS} FROM grant_proposal p WHERE p.proposed_by = $1
      ORDER BY p.proposed_at DESC, p.id LIMIT $2 OFFSET $3`,
    [proposedBy, page.limit, page.offset],
  );

export const pendingFor = (tx: Transactional, accountId: string): Promise<ProposalRow[]> =>
  rows(
    tx,
    `SELECT ${PROPOSAL_COLUMNS} FROM grant_proposal p WHERE p.account_id = $1 AND p.status = 'pending'
      ORDER BY p.proposed_at, p.id`,
    [accountId],
  );

export async function accountExists(tx: Transactional, accountId: string): Promise<boolean> {
  const [a] = await rows<{ id: string }>(tx, `SELECT id FROM account WHERE id = $1`, [accountId]);
  return !!a;
}

export async function anyAdministratorGrant(tx: Transactional): Promise<boolean> {
  const existing = await rows(
    tx,
    `SELECT 1 FROM account_role WHERE role = 'administrator' LIMIT 1`,
    [],
  );
  return existing.length > 0;
}

// The one grant made without a proposal: the first administrator's (bootstrap-administrator.ts).
export async function insertBootstrapGrant(tx: Transactional, accountId: string): Promise<string> {
  const [grant] = await rows<{ id: string }>(
    tx,
    `INSERT INTO account_role (account_id, role) VALUES ($1, 'administrator') RETURNING id`,
    [accountId],
  );
  return grant.id;
}
