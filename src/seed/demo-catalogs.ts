import type { CreateCatalogDto } from '../piece-rates/dto/catalog.dto.js';

// Demo process catalogs, ILLUSTRATIVE: the shapes follow the sources (domain.md §1, §5) — knitwear in
// the 2021 shape (9 product types x 45 processes), the 2012 Hengfeng shoe form (7 sections, 234
// processes, with 下料, 小料, 踏帮 and 成型) — but the process names beyond those the sources give, all
// codes and the shipyard trades are invented.

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

export function knitwearCatalog(): CreateCatalogDto {
  let n = 0;
  const processes = KNIT_SECTIONS.flatMap(([sectionCode, , , names]) =>
    names.map((nameZh) => ({
      code: `KN-${pad(++n, 2)}`,
      sectionCode,
      nameZh,
      unit: sectionCode === 'PRESS' && nameZh === '包装' ? 'dozen' : 'piece',
    })),
  );
  // KN-01..03 are the processes the demo rounds table (src/seed/xinhe-round.script.ts).
  return {
    industryCode: 'wool-knitwear',
    note: '新河镇羊毛衫工序目录（示例，illustrative）: 9 product types x 45 processes, the 2021 shape',
    productTypes: KNIT_PRODUCT_TYPES.map(([code, nameZh, nameEn]) => ({ code, nameZh, nameEn })),
    sections: KNIT_SECTIONS.map(([code, nameZh, nameEn]) => ({ code, nameZh, nameEn })),
    processes,
    mappings: [],
  };
}

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
