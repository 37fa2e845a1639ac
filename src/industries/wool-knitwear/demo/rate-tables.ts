import {
  PieceRateInputError,
  divideHalfUp,
  formatRateUnits,
  parseRateUnits,
} from '../../../kernel/rates/money.js';
import { knitwearCatalog } from './catalog.js';

// Demo whole-catalog rate tables for the Xinhe knitwear rounds, ILLUSTRATIVE: these are not real
// rates. Only their shape follows the reference figures (domain.md §5): the 2021 round agreed about
// +4 % (about +120 yuan per worker per month), and the sides opened far apart (the 2003 round ~10 %).
// Here the union opens at ~+10 % over the previous table, the employers counter at ~+2 %, the second
// offers are ~+7 % and ~+4 %, and the draft agrees ~+5 % in 2025 and ~+4 % in 2026 (2021-like).
//
// All money is integer arithmetic in units of 0.0001 yuan (BigInt); every step rounds half-up to
// 0.0001. Per-line variation comes from a small hash of the line, so the tables are deterministic.

export interface DemoRateLine {
  productType: string;
  processCode: string;
  /** Exact decimal yuan with exactly 4 places, e.g. "1.2500". */
  rate: string;
}

export interface DemoRoundRates {
  workerOffer: DemoRateLine[];
  employerOffer: DemoRateLine[];
  workerSecondOffer: DemoRateLine[];
  employerSecondOffer: DemoRateLine[];
  agreed: DemoRateLine[];
  /** Monthly output of a composite typical worker, on a handful of common lines. */
  typicalMonthlyOutput: { productType: string; processCode: string; pieces: number }[];
  /** Lines flagged as industry minimum rates (行业最低工价). */
  industryMinimum: { productType: string; processCode: string }[];
}

/** Base rate per process for single-jersey V-neck, in fen (0.01 yuan); 包装 is per dozen. */
const BASE_FEN: Record<string, number> = {
  // SEW 手缝: 手缝, 缝商标, 缝纽扣, 锁扣眼, 藏线头, 缝洗水唛, 缝吊牌, 缝装饰, 补洞
  'KN-01': 120,
  'KN-02': 45,
  'KN-03': 80,
  'KN-04': 90,
  'KN-05': 50,
  'KN-06': 42,
  'KN-07': 42,
  'KN-08': 150,
  'KN-09': 60,
  // KNIT 横机: 织前片, 织后片, 织袖片, 织领条, 织门襟, 织口袋, 织下摆, 织袖口, 织罗纹
  'KN-10': 550,
  'KN-11': 500,
  'KN-12': 360,
  'KN-13': 110,
  'KN-14': 130,
  'KN-15': 90,
  'KN-16': 85,
  'KN-17': 70,
  'KN-18': 95,
  // LINK 套口: 套肩, 套袖, 套领, 套侧缝, 套门襟, 套口袋, 套下摆, 套袖口, 套罗纹
  'KN-19': 110,
  'KN-20': 160,
  'KN-21': 180,
  'KN-22': 140,
  'KN-23': 150,
  'KN-24': 90,
  'KN-25': 80,
  'KN-26': 75,
  'KN-27': 85,
  // PRESS 整烫: 整烫, 定型, 蒸汽烫, 烫领, 烫袖, 烫门襟, 烫下摆, 折叠, 包装 (per dozen)
  'KN-28': 100,
  'KN-29': 70,
  'KN-30': 80,
  'KN-31': 45,
  'KN-32': 50,
  'KN-33': 45,
  'KN-34': 42,
  'KN-35': 42,
  'KN-36': 240,
  // QC 检验: 检片, 检套口, 检手缝, 检尺寸, 检色差, 检污渍, 复检, 抽检, 成品检验
  'KN-37': 45,
  'KN-38': 50,
  'KN-39': 45,
  'KN-40': 50,
  'KN-41': 42,
  'KN-42': 42,
  'KN-43': 55,
  'KN-44': 45,
  'KN-45': 80,
};

/** Product-type multiplier in percent: heavier gauge, more panels or finer work pays more. */
const PRODUCT_MULTIPLIER_PERCENT: Record<string, number> = {
  'V-SJ': 100,
  'CREW-SJ': 95,
  'V-DJ': 125,
  'CREW-DJ': 120,
  CARDIGAN: 140,
  TURTLE: 130,
  VEST: 80,
  DRESS: 165,
  KIDS: 75,
};

/** Per-line increase bands in basis points (1 bp = 0.01 %), inclusive. */
type Band = readonly [lo: number, hi: number];
interface RoundShape {
  workerOffer: Band;
  employerOffer: Band;
  workerSecondOffer: Band;
  employerSecondOffer: Band;
  agreed: Band;
}
// The bands do not overlap, so line by line: employer ≤ employer 2nd ≤ agreed ≤ worker 2nd ≤ worker.
const SHAPES: Record<2025 | 2026, RoundShape> = {
  2025: {
    workerOffer: [900, 1100],
    employerOffer: [150, 250],
    workerSecondOffer: [650, 750],
    employerSecondOffer: [350, 450],
    agreed: [460, 540],
  },
  2026: {
    workerOffer: [900, 1100],
    employerOffer: [150, 250],
    workerSecondOffer: [650, 750],
    employerSecondOffer: [320, 380],
    agreed: [380, 420],
  },
};

// A composite typical worker's month across common lines (mostly single-jersey and kids' wear).
const TYPICAL_MONTHLY_OUTPUT: readonly (readonly [string, string, number])[] = [
  ['V-SJ', 'KN-01', 240],
  ['CREW-SJ', 'KN-01', 220],
  ['V-SJ', 'KN-10', 70],
  ['CREW-SJ', 'KN-10', 60],
  ['V-SJ', 'KN-11', 50],
  ['V-SJ', 'KN-19', 180],
  ['CREW-SJ', 'KN-20', 180],
  ['V-SJ', 'KN-21', 120],
  ['CARDIGAN', 'KN-23', 60],
  ['V-SJ', 'KN-28', 150],
  ['CREW-SJ', 'KN-28', 140],
  ['KIDS', 'KN-01', 200],
  ['KIDS', 'KN-20', 150],
  ['VEST', 'KN-45', 120],
];

const INDUSTRY_MINIMUM: readonly (readonly [string, string])[] = [
  ['V-SJ', 'KN-01'],
  ['CREW-SJ', 'KN-01'],
  ['V-SJ', 'KN-10'],
  ['CREW-SJ', 'KN-10'],
  ['V-SJ', 'KN-19'],
  ['V-SJ', 'KN-28'],
];

const UNITS_PER_FEN = 100n;
const BP = 10_000n;

/** FNV-1a, 32-bit: a tiny deterministic hash for per-line variation. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function pick([lo, hi]: Band, key: string): bigint {
  return BigInt(lo + (hash(key) % (hi - lo + 1)));
}

interface Line {
  productType: string;
  processCode: string;
}

function catalogLines(): Line[] {
  const catalog = knitwearCatalog();
  return catalog.productTypes.flatMap(({ code: productType }) =>
    catalog.processes.map(({ code: processCode }) => ({ productType, processCode })),
  );
}

function baselineUnits(line: Line): bigint {
  const fen = BASE_FEN[line.processCode];
  const percent = PRODUCT_MULTIPLIER_PERCENT[line.productType];
  if (fen === undefined || percent === undefined) {
    throw new PieceRateInputError('No illustrative base rate for this line of the demo catalog.', {
      line,
    });
  }
  // ±3 % per line, then to whole fen as published tables usually are.
  const jitter = pick([-300, 300], `baseline|${line.productType}|${line.processCode}`);
  const fenExact = divideHalfUp(BigInt(fen) * BigInt(percent) * (BP + jitter), 100n * BP);
  return fenExact * UNITS_PER_FEN;
}

function toTable(lines: Line[], units: bigint[]): DemoRateLine[] {
  return lines.map((line, i) => ({ ...line, rate: formatRateUnits(units[i]) }));
}

function raise(previous: bigint[], lines: Line[], band: Band, salt: string): bigint[] {
  return previous.map((units, i) => {
    const bp = pick(band, `${salt}|${lines[i].productType}|${lines[i].processCode}`);
    return divideHalfUp(units * (BP + bp), BP);
  });
}

/** The stated 2024 table the 2025 round compares with (there is no 2024 round in the demo). */
export function knitwearRates2024Baseline(): DemoRateLine[] {
  const lines = catalogLines();
  return toTable(lines, lines.map(baselineUnits));
}

export function knitwearRound(year: 2025 | 2026): DemoRoundRates {
  const shape = SHAPES[year];
  const lines = catalogLines();
  const previous =
    year === 2025
      ? lines.map(baselineUnits)
      : knitwearRound(2025).agreed.map(({ rate }) => parseRateUnits(rate));
  const step = (name: keyof RoundShape) =>
    toTable(lines, raise(previous, lines, shape[name], `${year}|${name}`));
  return {
    workerOffer: step('workerOffer'),
    employerOffer: step('employerOffer'),
    workerSecondOffer: step('workerSecondOffer'),
    employerSecondOffer: step('employerSecondOffer'),
    agreed: step('agreed'),
    typicalMonthlyOutput: TYPICAL_MONTHLY_OUTPUT.map(([productType, processCode, pieces]) => ({
      productType,
      processCode,
      pieces,
    })),
    industryMinimum: INDUSTRY_MINIMUM.map(([productType, processCode]) => ({
      productType,
      processCode,
    })),
  };
}
