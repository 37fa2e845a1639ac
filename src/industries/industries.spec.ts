import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generatedSection } from '../kernel/round/machine-document.js';
import { definitionProblems } from '../kernel/round/procedure.js';
import { INDUSTRY_DEFINITIONS } from './index.js';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });

// A released machine version is never edited in place (ADR 0004, ADR 0030): rounds persisted on it must
// go on as they began. Its structure (states, transitions, their guards, actions and targets, tags;
// not the texts, whose wording may improve) is pinned by a digest in
// test/fixtures/released-machines.json. Shared kernel parts (round.closing.ts, ADR 0039) make an
// innocent edit reach every version at once: this is what catches it.
const RELEASED: Record<string, string> = JSON.parse(
  readFileSync('test/fixtures/released-machines.json', 'utf8'),
);
const structure = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(structure)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .filter((k) => k !== 'description' && k !== 'meta')
            .sort()
            .map((k) => [k, structure((value as Record<string, unknown>)[k])]),
        )
      : value;
const machineDigest = (machine: { definition: unknown }) =>
  createHash('sha256')
    .update(JSON.stringify(structure(JSON.parse(JSON.stringify(machine.definition)))))
    .digest('hex');

describe.each(INDUSTRY_DEFINITIONS.map((d) => [d.code, d] as const))('industry %s', (code, def) => {
  it.each(def.versions.map((v) => [`${v.id}@${v.version}`, v] as const))(
    '%s keeps the structure it was released with',
    (key, version) => {
      // A new version has no pin yet: the failure shows the digest to add.
      expect({ [key]: machineDigest(version.machine) }).toEqual({ [key]: RELEASED[key] });
    },
  );

  it('holds together: every accepted event defined with a sender and both languages, every state described', () => {
    expect(definitionProblems(def)).toEqual([]);
  });

  it(`docs/industries/${code}.md carries the diagrams generated from the definition (npm run docs:diagram)`, () => {
    expect(readFileSync(`docs/industries/${code}.md`, 'utf8')).toContain(generatedSection(def));
  });
});

// ADR 0028: the engine and the shells reach an industry only through the list in src/industries/index.ts,
// so adding an industry is adding a folder. The demo seed is the one exception the issue allows.
describe('industry folders', () => {
  it('are imported by nothing outside src/industries except through the list (and the demo seed)', () => {
    const folders = readdirSync('src/industries').filter((n) =>
      statSync(join('src/industries', n)).isDirectory(),
    );
    const offenders = filesUnder('src')
      .filter((f) => !f.startsWith('src/industries/') && !f.startsWith('src/seed/'))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return folders
          .filter((folder) => new RegExp(`from '[./]*/?industries/${folder}/`).test(text))
          .map((folder) => `${relative('.', file)} imports src/industries/${folder}/`);
      });
    expect(offenders).toEqual([]);
  });

  it('do not import each other', () => {
    const folders = readdirSync('src/industries').filter((n) =>
      statSync(join('src/industries', n)).isDirectory(),
    );
    const offenders = folders.flatMap((folder) =>
      filesUnder(join('src/industries', folder)).flatMap((file) =>
        folders
          .filter(
            (other) => other !== folder && readFileSync(file, 'utf8').includes(`../${other}/`),
          )
          .map((other) => `${file} imports ${other}`),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
