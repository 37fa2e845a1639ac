import { readFileSync, writeFileSync } from 'node:fs';
import { replaceGenerated } from '../../kernel/round/machine-document.js';
import { woolKnitwearMachine } from './wool-knitwear.machine.js';
import { woolKnitwearV2Machine } from './wool-knitwear.v2.machine.js';

// `npm run docs:diagram`: rewrites the generated parts of docs/industries/wool-knitwear.md, one per
// released version (v1's unlabelled, v2's labelled "v2").
const path = 'docs/industries/wool-knitwear.md';
const v1 = replaceGenerated(readFileSync(path, 'utf8'), woolKnitwearMachine);
writeFileSync(path, replaceGenerated(v1, woolKnitwearV2Machine, 'v2'));
console.log(`updated ${path}`);
