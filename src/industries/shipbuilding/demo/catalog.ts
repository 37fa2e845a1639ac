import type { DemoCatalog } from '../../../kernel/round/procedure.js';

// The shipbuilding trades catalog, ILLUSTRATIVE: no public Wenling trade list exists (domain.md §1,
// §6), so every trade and code is invented; each trade is a catalog section with an hourly and a
// monthly line. Moved unchanged from the demo seed, so a demo database seeded before replays it.

export const SHIPBUILDING_TRADES = [
  ['WELD', '电焊工', 'welder'],
  ['FIT', '船体装配工', 'hull fitter'],
  ['GRIND', '打磨工', 'grinder'],
  ['PAINT', '油漆工', 'painter'],
  ['PIPE', '管系工', 'pipe fitter'],
  ['ELEC', '船舶电工', 'ship electrician'],
] as const;

export function shipbuildingCatalog(): DemoCatalog {
  return {
    industryCode: 'shipbuilding',
    note: '船舶修造工种（示例，illustrative: no public trade list exists）',
    productTypes: [],
    sections: SHIPBUILDING_TRADES.map(([code, nameZh, nameEn]) => ({ code, nameZh, nameEn })),
    processes: SHIPBUILDING_TRADES.flatMap(([code, nameZh, nameEn]) => [
      {
        code: `${code}-H`,
        sectionCode: code,
        nameZh: `${nameZh}（计时）`,
        nameEn: `${nameEn}, hourly`,
        unit: 'hour',
      },
      {
        code: `${code}-M`,
        sectionCode: code,
        nameZh: `${nameZh}（月薪）`,
        nameEn: `${nameEn}, monthly`,
        unit: 'month',
      },
    ]),
    mappings: [],
  };
}
