import type { Transactional } from '../common/transactional.js';

// The one reader of schema_migration outside the migration runner (TypeORM writes it): the health
// probe counts the applied migrations, which also proves the database answers.
export async function appliedMigrationCount(tx: Transactional): Promise<number> {
  const [{ migrations }] = (await tx.query(
    `SELECT count(*)::int AS migrations FROM schema_migration`,
  )) as { migrations: number }[];
  return migrations;
}
