import type { DemoCatalog } from '../../../kernel/round/procedure.js';

// The Xinhe knitwear process catalog, ILLUSTRATIVE: the shape follows the sources (domain.md §1, §5),
// the 2021 shape (9 product types x 45 processes), but the process names beyond those the sources give
// and all codes are invented.

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const KNIT_PRODUCT_TYPES = [
  ['V-SJ', '单面V领', 'single-jersey V-neck'],
  ['CREW-SJ', '单面圆领', 'single-jersey crew-neck'],
  ['V-DJ', '双面V领', 'double-jersey V-neck'],
  ['CREW-DJ', '双面圆领', 'double-jersey crew-neck'],
  ['CARDIGAN', '开衫', 'cardigan'],
  ['TURTLE', '高领', 'turtleneck'],
  ['VEST', '背心', 'vest'],
  ['DRESS', '连衣裙', 'knitted dress'],
  ['KIDS', '童装', 'children’s wear'],
] as const;

const KNIT_SECTIONS = [
  [
    'SEW',
    '手缝',
    'hand sewing',
    ['手缝', '缝商标', '缝纽扣', '锁扣眼', '藏线头', '缝洗水唛', '缝吊牌', '缝装饰', '补洞'],
  ],
  [
    'KNIT',
    '横机',
    'flat knitting',
    ['织前片', '织后片', '织袖片', '织领条', '织门襟', '织口袋', '织下摆', '织袖口', '织罗纹'],
  ],
  [
    'LINK',
    '套口',
    'linking',
    ['套肩', '套袖', '套领', '套侧缝', '套门襟', '套口袋', '套下摆', '套袖口', '套罗纹'],
  ],
  [
    'PRESS',
    '整烫',
    'pressing',
    ['整烫', '定型', '蒸汽烫', '烫领', '烫袖', '烫门襟', '烫下摆', '折叠', '包装'],
  ],
  [
    'QC',
    '检验',
    'inspection',
    ['检片', '检套口', '检手缝', '检尺寸', '检色差', '检污渍', '复检', '抽检', '成品检验'],
  ],
] as const;

export function knitwearCatalog(): DemoCatalog {
  let n = 0;
  const processes = KNIT_SECTIONS.flatMap(([sectionCode, , , names]) =>
    names.map((nameZh) => ({
      code: `KN-${pad(++n, 2)}`,
      sectionCode,
      nameZh,
      unit: sectionCode === 'PRESS' && nameZh === '包装' ? 'dozen' : 'piece',
    })),
  );
  // KN-01..03 are the processes the demo rounds table (./xinhe-round.script.ts).
  return {
    industryCode: 'wool-knitwear',
    note: '新河镇羊毛衫工序目录（示例，illustrative）: 9 product types x 45 processes, the 2021 shape',
    productTypes: KNIT_PRODUCT_TYPES.map(([code, nameZh, nameEn]) => ({ code, nameZh, nameEn })),
    sections: KNIT_SECTIONS.map(([code, nameZh, nameEn]) => ({ code, nameZh, nameEn })),
    processes,
    mappings: [],
  };
}
