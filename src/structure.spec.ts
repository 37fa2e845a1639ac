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
});
