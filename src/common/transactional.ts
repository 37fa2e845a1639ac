// Anything that runs SQL, inside the caller's transaction or not: a QueryRunner, an EntityManager or the
// DataSource. Stores take one, so the transaction boundary stays where the caller drew it.
export interface Transactional {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}
