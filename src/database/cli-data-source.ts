import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

// For the TypeORM CLI only (migration:generate and the drift check). It needs a real PostgreSQL;
// the embedded database is opened by `npm run migration:run`, which takes its lock.
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL must name the PostgreSQL database to compare the entities against');
  process.exit(2);
}
export default new DataSource(dataSourceOptions(url, 1));
