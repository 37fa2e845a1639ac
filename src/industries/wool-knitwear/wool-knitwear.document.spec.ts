import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { generatedSection } from '../../kernel/round/machine-document.js';
import { woolKnitwearMachine } from './wool-knitwear.machine.js';
import { woolKnitwearV2Machine } from './wool-knitwear.v2.machine.js';

describe('docs/industries/wool-knitwear.md', () => {
  it('carries the diagram and state table generated from the machine definition (run npm run docs:diagram)', () => {
    const doc = readFileSync('docs/industries/wool-knitwear.md', 'utf8');
    expect(doc).toContain(generatedSection(woolKnitwearMachine));
  });

  it('carries the generated section of v2 too (run npm run docs:diagram)', () => {
    const doc = readFileSync('docs/industries/wool-knitwear.md', 'utf8');
    expect(doc).toContain(generatedSection(woolKnitwearV2Machine, 'v2'));
  });
});
