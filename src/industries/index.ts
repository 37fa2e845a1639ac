import type { IndustryDefinition } from '../kernel/round/procedure.js';
import { SHIPBUILDING } from './shipbuilding/shipbuilding.industry.js';
import { SHOES } from './shoes/shoes.industry.js';
import { WOOL_KNITWEAR } from './wool-knitwear/wool-knitwear.industry.js';

// The industries this deployment runs. Adding an industry is adding its folder and one line here.
export const INDUSTRY_DEFINITIONS: readonly IndustryDefinition[] = [
  WOOL_KNITWEAR,
  SHOES,
  SHIPBUILDING,
];
