import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Issue 10's structural rules, read from the tree itself so that a careless edit fails here rather
// than in review. Each rule names what it refuses; the offenders are listed by path.
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? filesUnder(path)
      : path.endsWith('.ts') && !path.endsWith('.spec.ts')
        ? [path]
        : [];
  });

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);

describe('the tree', () => {
  it('the engine (src/negotiation) imports no piece-rates shell: the shells sit beside it, not beneath', () => {
    const offenders = filesUnder('src/negotiation').filter((file) =>
      importsOf(file).some((path) => path.includes('/piece-rates/')),
    );
    expect(offenders).toEqual([]);
  });

  it('the demo seed drives every industry through its definition and names none', () => {
    const seed = readFileSync('src/seed/demo-seed.ts', 'utf8');
    expect(seed).toContain('INDUSTRY_DEFINITIONS');
    const named = readdirSync('src/industries').filter(
      (n) => statSync(join('src/industries', n)).isDirectory() && seed.includes(n),
    );
    expect(named).toEqual([]);
  });

  // SQL lives in one store per owning table (*.store.ts); controllers, services and use cases call
  // stores and draw the transaction boundaries. The exceptions, each with its reason:
  const SQL_OUTSIDE_STORES: Record<string, string> = {
    // The owner of idempotency_record: every transaction opens through it (inIdempotentTransaction).
    'src/common/idempotency.ts': 'the idempotency record and the transaction that claims it',
    // A command-line tool on a plain pg client, not part of the application.
    'src/database/backup.cli.ts': 'the backup and restore command',
    // Demo reference rows written once, idempotently, before the demo drives the write path.
    'src/seed/demo-seed.ts': 'the demo seed',
    // One statement that touches no table: each embedded connection starts from a clean session.
    'src/database/database.module.ts': 'the embedded session reset (DEALLOCATE ALL)',
  };
  const SQL = /\.query\(|createQueryBuilder|getRepository|\.manager\./;

  it('holds SQL only in *.store.ts files (and the exceptions named above)', () => {
    const offenders = filesUnder('src').filter(
      (file) =>
        !file.endsWith('.store.ts') &&
        !(file in SQL_OUTSIDE_STORES) &&
        file !== join('src', 'common', 'transactional.ts') &&
        SQL.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('the rule bites: it sees SQL in a controller, a service or a use case', () => {
    for (const probe of [
      'await this.dataSource.query(`SELECT 1`)',
      'await qr.query(sql, [id])',
      'this.dataSource.createQueryBuilder()',
      'this.dataSource.getRepository(Negotiation)',
      'await this.dataSource.manager.save(row)',
    ])
      expect(SQL.test(probe)).toBe(true);
  });
});
