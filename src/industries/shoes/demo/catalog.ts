import type { DemoCatalog } from '../../../kernel/round/procedure.js';

// The Hengfeng shoe catalog, ILLUSTRATIVE: the shape follows the 2012 form (7 sections, 234 processes,
// with 下料, 小料, 踏帮 and 成型, domain.md §1, §6); the process names beyond 前帮制作 and all codes are
// invented. Units are per pair. It moved here from the seed's catalogs unchanged, so its demo key replays.

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

export function shoesCatalog(): DemoCatalog {
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
