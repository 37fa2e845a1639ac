import { readFileSync, writeFileSync } from 'node:fs';
import { replaceGenerated } from '../kernel/round/machine-document.js';
import { INDUSTRY_DEFINITIONS } from './index.js';

// `npm run docs:diagram`: rewrites the generated part of docs/industries/<code>.md for every industry.
for (const industry of INDUSTRY_DEFINITIONS) {
  const path = `docs/industries/${industry.code}.md`;
  writeFileSync(path, replaceGenerated(readFileSync(path, 'utf8'), industry));
  console.log(`updated ${path}`);
}
