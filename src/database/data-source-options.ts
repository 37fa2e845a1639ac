import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';

// DATE columns hold business dates ('2026-08-25'); pg's default turns them into local-midnight Date
// objects, which shifts them by the server's zone. Keep them as the strings they are.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

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
    logging: ['error'],
  };
}
