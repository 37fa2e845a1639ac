import { writeFileSync } from 'node:fs';
import { ONBOARDING_EXAMPLE_ROWS, writeOnboardingXlsx } from './onboarding-template.js';

// `npm run docs:onboarding-template`: writes docs/examples/onboarding.xlsx, the list administrators
// fill in for POST /accounts/onboarding.
const path = process.argv[2] ?? 'docs/examples/onboarding.xlsx';
writeFileSync(path, await writeOnboardingXlsx(ONBOARDING_EXAMPLE_ROWS));
console.log(`wrote ${path}`);
