import type { CreateCatalogDto } from '../piece-rates/dto/catalog.dto.js';

// Demo process catalogs of the industries that have no procedure folder yet, ILLUSTRATIVE: the shapes
// follow the sources (domain.md §1) — the 2012 Hengfeng shoe form (7 sections, 234 processes, with 下料,
// 小料, 踏帮 and 成型) — but the process names beyond those the sources give and all codes are invented.
// Knitwear's and shipbuilding's catalogs are their industries' own (src/industries/<code>/demo/).

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const SHOE_SECTIONS = [
  ['CUT', '下料', 'cutting', 34],
  ['PARTS', '小料', 'small parts', 30],
  ['STITCH', '踏帮', 'upper stitching', 46],
  ['LAST', '成型', 'lasting', 44],
  ['SOLE', '底工', 'sole work', 30],
  ['FINISH', '整理', 'finishing', 28],
  ['PACK', '包装', 'packing', 22],
] as const;

export function shoeCatalog(): CreateCatalogDto {
  let n = 0;
  const processes = SHOE_SECTIONS.flatMap(([sectionCode, nameZh, , count]) =>
    Array.from({ length: count }, (_, i) => ({
      code: `SH-${pad(++n, 3)}`,
      sectionCode,
      // 前帮制作 (forepart lasting, 0.12 yuan proposed in 2012) is the one named by the source.
      nameZh: sectionCode === 'LAST' && i === 0 ? '前帮制作' : `${nameZh}工序${pad(i + 1, 2)}`,
      unit: 'pair',
    })),
  );
  return {
    industryCode: 'shoes',
    note: '横峰制鞋工价表（示例，illustrative）: 7 sections, 234 processes, the 2012 shape',
    productTypes: [],
    sections: SHOE_SECTIONS.map(([code, nameZh, nameEn]) => ({ code, nameZh, nameEn })),
    processes,
    mappings: [],
  };
}
