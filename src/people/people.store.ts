import type { Transactional } from '../common/transactional.js';
import type { PersonRow } from './dto/person.dto.js';

// The one owner of the person table: hand-written SQL, run inside the caller's transaction where it
// passes one.

const PERSON_COLUMNS = `id, full_name AS "fullName", phone, email, organisation_party_id AS "organisationPartyId",
  position, erased_at AS "erasedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

// The personal fields and their columns.
export const PERSON_FIELDS = {
  fullName: 'full_name',
  phone: 'phone',
  email: 'email',
  organisationPartyId: 'organisation_party_id',
  position: 'position',
} as const;
export type PersonField = keyof typeof PERSON_FIELDS;

const rows = async <T>(tx: Transactional, sql: string, params: unknown[] = []): Promise<T[]> =>
  (await tx.query(sql, params)) as T[];

export async function findPerson(tx: Transactional, id: string): Promise<PersonRow | null> {
  const [row] = await rows<PersonRow>(tx, `SELECT ${PERSON_COLUMNS} FROM person WHERE id = $1`, [
    id,
  ]);
  return row ?? null;
}

// A page of people, filtered by one organisation, several, or a part of the name.
export async function listPeople(
  tx: Transactional,
  filter: { partyId?: string; partyIds?: string[]; name?: string },
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: PersonRow[] }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.partyId) add((p) => `organisation_party_id = ${p}`, filter.partyId);
  else if (filter.partyIds)
    add((p) => `organisation_party_id = ANY(${p}::uuid[])`, filter.partyIds);
  // strpos takes the text literally (LIKE would read _ and % in a name as wildcards).
  if (filter.name) add((p) => `strpos(lower(full_name), lower(${p})) > 0`, filter.name);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = await rows<{ total: number }>(
    tx,
    `SELECT count(*)::int AS total FROM person ${clause}`,
    params,
  );
  const found = await rows<PersonRow>(
    tx,
    `SELECT ${PERSON_COLUMNS} FROM person ${clause} ORDER BY full_name NULLS LAST, id LIMIT ${page.limit} OFFSET ${page.offset}`,
    params,
  );
  return { total, rows: found };
}

export const personNames = (
  tx: Transactional,
  ids: string[],
): Promise<{ id: string; fullName: string | null; erased: boolean }[]> =>
  rows(
    tx,
    `SELECT id, full_name AS "fullName", erased_at IS NOT NULL AS erased FROM person WHERE id = ANY($1::uuid[])`,
    [ids],
  );

export async function insertPerson(
  tx: Transactional,
  p: {
    fullName: string;
    phone: string | null;
    email: string | null;
    organisationPartyId: string | null;
    position: string | null;
  },
): Promise<string> {
  const [{ id }] = await rows<{ id: string }>(
    tx,
    `INSERT INTO person (full_name, phone, email, organisation_party_id, position) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [p.fullName, p.phone, p.email, p.organisationPartyId, p.position],
  );
  return id;
}

export async function lockPerson(
  tx: Transactional,
  id: string,
): Promise<(Record<PersonField, string | null> & { erased: boolean }) | null> {
  const [row] = await rows<Record<PersonField, string | null> & { erased: boolean }>(
    tx,
    `SELECT full_name AS "fullName", phone, email, organisation_party_id AS "organisationPartyId", position,
            erased_at IS NOT NULL AS erased
       FROM person WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

export async function updatePersonFields(
  tx: Transactional,
  id: string,
  changes: [PersonField, unknown][],
): Promise<void> {
  await tx.query(
    `UPDATE person SET ${changes.map(([f], i) => `${PERSON_FIELDS[f]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
    [id, ...changes.map(([, v]) => v)],
  );
}

export async function erasePersonFields(
  tx: Transactional,
  id: string,
  erasedAt: string,
): Promise<void> {
  await tx.query(
    `UPDATE person SET full_name = NULL, phone = NULL, email = NULL, position = NULL, erased_at = $2, updated_at = now() WHERE id = $1`,
    [id, erasedAt],
  );
}

// The erased person's account, in the erasure's transaction. The account table's owner
// (src/accounts/) sits above the people registry and imports it, so this one write stays here rather
// than closing a cycle. The username and member handle are often the name in pinyin (wang.w1): they
// go too, replaced by the account's id, which identifies nobody.
export async function disableAccountOfErasedPerson(
  tx: Transactional,
  personId: string,
): Promise<string | null> {
  // Through a CTE: the driver answers a bare UPDATE … RETURNING as [rows, count].
  const accounts = await rows<{ id: string }>(
    tx,
    `WITH d AS (UPDATE account SET disabled = true, display_name = '(erased)', username = 'erased.' || id, member_ref = 'erased.' || id WHERE person_id = $1 RETURNING id) SELECT id FROM d`,
    [personId],
  );
  return accounts[0]?.id ?? null;
}

// Whether the registry holds a person, and whether they were erased (null: no such person). The door
// reads it inside its transaction when a round appoints someone.
export async function personStanding(
  tx: Transactional,
  personId: string,
): Promise<{ erased: boolean } | null> {
  const [row] = await rows<{ erased: boolean }>(
    tx,
    `SELECT erased_at IS NOT NULL AS erased FROM person WHERE id = $1`,
    [personId],
  );
  return row ?? null;
}

// A person with no personal fields yet (the first administrator fills them in).
export async function insertBlankPerson(tx: Transactional): Promise<string> {
  const [person] = await rows<{ id: string }>(tx, `INSERT INTO person DEFAULT VALUES RETURNING id`);
  return person.id;
}
