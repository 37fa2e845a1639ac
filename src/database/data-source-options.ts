import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';

// DATE columns hold business dates ('2026-08-25'); pg's default turns them into local-midnight Date
// objects, which shifts them by the server's zone. Keep them as the strings they are.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// numeric[] would be parsed into binary floats, which money must never be: refuse to read it, so every
// query casts it to text[] (a loud failure beats a silently rounded rate).
pg.types.setTypeParser(1231 as never, () => {
  throw new TypeError(
    'numeric[] must be selected as text[] (node-postgres would turn it into floats)',
  );
});

export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    poolSize,
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
    // Failed statements surface as coded errors or as a logged 500 in the error filter; TypeORM's own
    // logging would also print the expected ones (a lost key race, the append-only trigger).
    logging: false,
  };
}
