import type { Transactional } from '../common/transactional.js';

// The one owner of the process catalog's tables (process_catalog, catalog_group, catalog_process,
// catalog_code_mapping): hand-written SQL, run inside the caller's transaction where it passes one.

export interface CatalogRow {
  id: string;
  industryCode: string;
  version: number;
  basedOnVersion: number | null;
  note: string;
  createdAt: Date;
}

export interface NewCatalog {
  industryCode: string;
  version: number;
  basedOnVersion: number | null;
  note: string;
  createdBy: string;
  // position: the group's place within its kind
  groups: {
    kind: 'productType' | 'section';
    code: string;
    nameZh: string;
    nameEn: string | null;
    position: number;
  }[];
  processes: {
    code: string;
    sectionCode: string;
    nameZh: string;
    nameEn: string | null;
    unit: string;
  }[];
  // toCode null: the code is retired.
  mappings: { fromCode: string; toCode: string | null; kind: string }[];
}

const rows = async <T>(tx: Transactional, sql: string, params: unknown[] = []): Promise<T[]> =>
  (await tx.query(sql, params)) as T[];

export async function latestVersion(
  tx: Transactional,
  industryCode: string,
): Promise<number | null> {
  const [{ latest }] = await rows<{ latest: number | null }>(
    tx,
    `SELECT max(version)::int AS latest FROM process_catalog WHERE industry_code = $1`,
    [industryCode],
  );
  return latest;
}

export async function processCodesOf(
  tx: Transactional,
  industryCode: string,
  version: number,
): Promise<string[]> {
  return (
    await rows<{ code: string }>(
      tx,
      `SELECT p.code FROM catalog_process p JOIN process_catalog c ON c.id = p.catalog_id WHERE c.industry_code = $1 AND c.version = $2`,
      [industryCode, version],
    )
  ).map((r) => r.code);
}

// A unique violation (23505) means the version was just taken: the caller says so.
export async function insertCatalog(tx: Transactional, c: NewCatalog): Promise<string> {
  const [{ id }] = await rows<{ id: string }>(
    tx,
    `INSERT INTO process_catalog (industry_code, version, based_on_version, note, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [c.industryCode, c.version, c.basedOnVersion, c.note, c.createdBy],
  );
  const groups = c.groups;
  if (groups.length)
    await tx.query(
      `INSERT INTO catalog_group (catalog_id, kind, code, name_zh, name_en, position) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[])`,
      [
        id,
        groups.map((g) => g.kind),
        groups.map((g) => g.code),
        groups.map((g) => g.nameZh),
        groups.map((g) => g.nameEn),
        groups.map((g) => g.position),
      ],
    );
  const ps = c.processes;
  await tx.query(
    `INSERT INTO catalog_process (catalog_id, code, section_code, name_zh, name_en, unit, position) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])`,
    [
      id,
      ps.map((p) => p.code),
      ps.map((p) => p.sectionCode),
      ps.map((p) => p.nameZh),
      ps.map((p) => p.nameEn),
      ps.map((p) => p.unit),
      ps.map((_, i) => i),
    ],
  );
  const ms = c.mappings;
  if (ms.length)
    await tx.query(
      `INSERT INTO catalog_code_mapping (catalog_id, from_code, to_code, kind) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
      [id, ms.map((m) => m.fromCode), ms.map((m) => m.toCode), ms.map((m) => m.kind)],
    );
  return id;
}

export const listCatalogs = (tx: Transactional, industryCode: string | undefined) =>
  rows<CatalogRow & { processes: number }>(
    tx,
    `SELECT c.id, c.industry_code AS "industryCode", c.version, c.based_on_version AS "basedOnVersion", c.note, c.created_at AS "createdAt",
            (SELECT count(*)::int FROM catalog_process p WHERE p.catalog_id = c.id) AS processes
       FROM process_catalog c WHERE ($1::text IS NULL OR c.industry_code = $1) ORDER BY c.industry_code, c.version`,
    [industryCode ?? null],
  );

export async function findCatalog(
  tx: Transactional,
  industryCode: string,
  version: number,
): Promise<CatalogRow | null> {
  const [c] = await rows<CatalogRow>(
    tx,
    `SELECT id, industry_code AS "industryCode", version, based_on_version AS "basedOnVersion", note, created_at AS "createdAt" FROM process_catalog WHERE industry_code = $1 AND version = $2`,
    [industryCode, version],
  );
  return c ?? null;
}

export async function catalogContents(tx: Transactional, catalogId: string) {
  const groups = await rows<{ kind: string; code: string; nameZh: string; nameEn: string | null }>(
    tx,
    `SELECT kind, code, name_zh AS "nameZh", name_en AS "nameEn" FROM catalog_group WHERE catalog_id = $1 ORDER BY kind, position`,
    [catalogId],
  );
  const processes = await rows<{
    code: string;
    sectionCode: string;
    nameZh: string;
    nameEn: string | null;
    unit: string;
  }>(
    tx,
    `SELECT code, section_code AS "sectionCode", name_zh AS "nameZh", name_en AS "nameEn", unit FROM catalog_process WHERE catalog_id = $1 ORDER BY position`,
    [catalogId],
  );
  const mappings = await rows<{ fromCode: string; toCode: string | null; kind: string }>(
    tx,
    `SELECT from_code AS "fromCode", to_code AS "toCode", kind FROM catalog_code_mapping WHERE catalog_id = $1 ORDER BY id`,
    [catalogId],
  );
  return { groups, processes, mappings };
}

// The names a rate sheet prints beside the codes.
export async function catalogNames(tx: Transactional, catalogId: string) {
  const [groups, processes] = await Promise.all([
    rows<{ kind: string; code: string; nameZh: string }>(
      tx,
      `SELECT kind, code, name_zh AS "nameZh" FROM catalog_group WHERE catalog_id = $1 ORDER BY kind, position`,
      [catalogId],
    ),
    rows<{ code: string; sectionCode: string; nameZh: string; unit: string }>(
      tx,
      `SELECT code, section_code AS "sectionCode", name_zh AS "nameZh", unit FROM catalog_process WHERE catalog_id = $1 ORDER BY position`,
      [catalogId],
    ),
  ]);
  return { groups, processes };
}
