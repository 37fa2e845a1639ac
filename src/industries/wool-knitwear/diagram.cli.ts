import { readFileSync, writeFileSync } from 'node:fs';
import { replaceGenerated } from '../../kernel/round/machine-document.js';
import { woolKnitwearMachine } from './wool-knitwear.machine.js';

// `npm run docs:diagram`: rewrites the generated part of docs/industries/wool-knitwear.md.
const path = 'docs/industries/wool-knitwear.md';
writeFileSync(path, replaceGenerated(readFileSync(path, 'utf8'), woolKnitwearMachine));
console.log(`updated ${path}`);
