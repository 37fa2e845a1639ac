import type { CreateCatalogDto } from '../piece-rates/dto/catalog.dto.js';

// The shoe catalog lives with its industry now (src/industries/shoes/demo/); tests still import it here.
export { shoesCatalog as shoeCatalog } from '../industries/shoes/demo/catalog.js';

// Demo process catalogs of the industries that have no procedure folder yet, ILLUSTRATIVE: the
// shipyard trades are invented. Knitwear's catalog is its industry's own (src/industries/wool-knitwear/demo/).

export function shipbuildingCatalog(): CreateCatalogDto {
  const trades = [
    ['WELD', '电焊工', 'welder'],
    ['FIT', '船体装配工', 'hull fitter'],
    ['GRIND', '打磨工', 'grinder'],
    ['PAINT', '油漆工', 'painter'],
    ['PIPE', '管系工', 'pipe fitter'],
    ['ELEC', '船舶电工', 'ship electrician'],
  ] as const;
  return {
    industryCode: 'shipbuilding',
    note: '船舶修造工种（示例，illustrative: no public trade list exists）',
    productTypes: [],
    sections: trades.map(([code, nameZh, nameEn]) => ({ code, nameZh, nameEn })),
    processes: trades.flatMap(([code, nameZh, nameEn]) => [
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
