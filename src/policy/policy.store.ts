import type { Transactional } from '../common/transactional.js';
import type { PolicyProfile } from '../kernel/policy/policy-profile.js';

// The one owner of the policy tables (policy_profile, policy_jurisdiction): hand-written SQL, run
// inside the caller's transaction where it passes one.

const COLUMNS = `id, name, body, family, version, based_on_id AS "basedOnId", created_by AS "createdBy", created_at AS "createdAt",
  retired_at AS "retiredAt", retired_by AS "retiredBy"`;

export interface PolicyProfileRow {
  id: string;
  name: string;
  body: PolicyProfile;
  family: string;
  version: number;
  basedOnId: string | null;
  createdBy: string | null;
  createdAt: Date;
  retiredAt: Date | null;
  retiredBy: string | null;
}

const rows = async <T>(tx: Transactional, sql: string, params: unknown[] = []): Promise<T[]> =>
  (await tx.query(sql, params)) as T[];

export const listProfiles = (tx: Transactional) =>
  rows<PolicyProfileRow>(tx, `SELECT ${COLUMNS} FROM policy_profile ORDER BY family, version`);

export async function findProfile(tx: Transactional, id: string): Promise<PolicyProfileRow | null> {
  const [row] = await rows<PolicyProfileRow>(
    tx,
    `SELECT ${COLUMNS} FROM policy_profile WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

export async function profileIdTaken(tx: Transactional, id: string): Promise<boolean> {
  const [taken] = await rows(tx, `SELECT 1 FROM policy_profile WHERE id = $1`, [id]);
  return !!taken;
}

export async function nextVersionOf(tx: Transactional, family: string): Promise<number> {
  const [{ next }] = await rows<{ next: number | string }>(
    tx,
    `SELECT coalesce(max(version), 0) + 1 AS next FROM policy_profile WHERE family = $1`,
    [family],
  );
  return Number(next);
}

// A unique violation (23505): another administrator added this id or this family's next version.
export async function insertProfile(
  tx: Transactional,
  p: {
    profile: PolicyProfile & { id: string; name: string };
    family: string;
    version: number;
    basedOnId: string | null;
    createdBy: string;
  },
): Promise<PolicyProfileRow> {
  const [inserted] = await rows<PolicyProfileRow>(
    tx,
    `INSERT INTO policy_profile (id, name, body, family, version, based_on_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [
      p.profile.id,
      p.profile.name,
      JSON.stringify(p.profile),
      p.family,
      p.version,
      p.basedOnId,
      p.createdBy,
    ],
  );
  return inserted;
}

export async function lockProfileRetirement(
  tx: Transactional,
  id: string,
): Promise<{ retiredAt: Date | null } | null> {
  const [row] = await rows<{ retiredAt: Date | null }>(
    tx,
    `SELECT retired_at AS "retiredAt" FROM policy_profile WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

export async function retireProfile(
  tx: Transactional,
  id: string,
  at: Date,
  by: string,
): Promise<void> {
  await tx.query(`UPDATE policy_profile SET retired_at = $2, retired_by = $3 WHERE id = $1`, [
    id,
    at,
    by,
  ]);
}

export async function profileBody(
  tx: Transactional,
  id: string,
): Promise<{ body: PolicyProfile; family: string } | null> {
  const [base] = await rows<{ body: PolicyProfile; family: string }>(
    tx,
    `SELECT body, family FROM policy_profile WHERE id = $1`,
    [id],
  );
  return base ?? null;
}

export async function latestOfFamily(
  tx: Transactional,
  family: string,
): Promise<{ body: PolicyProfile; family: string } | null> {
  const [latest] = await rows<{ body: PolicyProfile; family: string }>(
    tx,
    `SELECT body, family FROM policy_profile WHERE family = $1 ORDER BY version DESC LIMIT 1`,
    [family],
  );
  return latest ?? null;
}

export async function pinCandidate(
  tx: Transactional,
  id: string,
): Promise<{ id: string; body: PolicyProfile; retiredAt: Date | null } | null> {
  const [row] = await rows<{ id: string; body: PolicyProfile; retiredAt: Date | null }>(
    tx,
    `SELECT id, body, retired_at AS "retiredAt" FROM policy_profile WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

// A read model across modules: the family that governs a region (its own jurisdiction row, else its
// parents', else the fallback) and that family's current version. It walks the parties' region tree in
// the same query, because the answer is one consistent read inside the opening round's transaction.
export async function currentProfileForRegion(
  tx: Transactional,
  regionCode: string,
  fallbackFamily: string,
): Promise<{ family: string; id: string | null; body: PolicyProfile | null }> {
  const [row] = await rows<{ family: string; id: string | null; body: PolicyProfile | null }>(
    tx,
    `WITH RECURSIVE up(code, depth) AS (
       SELECT $1::varchar, 0
       UNION ALL
       SELECT r.parent_code, up.depth + 1 FROM region r JOIN up ON r.code = up.code
        WHERE r.parent_code IS NOT NULL AND up.depth < 10
     ), family AS (
       SELECT coalesce((SELECT j.family FROM up JOIN policy_jurisdiction j ON j.region_code = up.code
                         ORDER BY up.depth LIMIT 1), $2) AS name
     )
     SELECT family.name AS family, p.id, p.body FROM family
       LEFT JOIN LATERAL (SELECT id, body FROM policy_profile
                           WHERE family = family.name AND retired_at IS NULL
                           ORDER BY version DESC LIMIT 1) p ON true`,
    [regionCode, fallbackFamily],
  );
  return row;
}
