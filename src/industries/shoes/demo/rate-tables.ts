import { divideHalfUp, formatRateUnits, parseRateUnits } from '../../../kernel/rates/money.js';
import type { RateItem } from '../../../kernel/round/round.types.js';
import { shoesCatalog } from './catalog.js';

// The demo's shoe rates, ILLUSTRATIVE: yuan per pair for every one of the 234 processes. Only the shape
// follows the sources: the union's offer inside a 15-20 % band (Hengfeng 2012, domain.md §6), and
// 前帮制作 (SH-111) at 0.1200 yuan proposed in the first round. Every figure is derived from one invented
// 2024 baseline, rounded half up to 4 places (money.ts).

const CODES = shoesCatalog().processes.map((p) => p.code);
export const FOREPART_LASTING = 'SH-111'; // 前帮制作

const baselineUnits = (code: string, i: number): bigint =>
  code === FOREPART_LASTING ? 1000n : BigInt(800 + ((i * 37) % 900));

const table = (units: (code: string, i: number) => bigint): RateItem[] =>
  CODES.map((processCode, i) => ({ processCode, rate: formatRateUnits(units(processCode, i)) }));

// rate x (100 + percent) / 100, half up; percent in hundredths.
const raised = (units: bigint, percentHundredths: bigint) =>
  divideHalfUp(units * (10_000n + percentHundredths), 10_000n);

const scaled = (from: RateItem[], percentHundredths: bigint, except: Record<string, bigint> = {}) =>
  from.map((l) => ({
    processCode: l.processCode,
    rate: formatRateUnits(
      raised(parseRateUnits(l.rate), except[l.processCode] ?? percentHundredths),
    ),
  }));

export const shoesBaseline2024 = (): RateItem[] => table(baselineUnits);

export interface ShoesRoundRates {
  unionOffer: RateItem[];
  employerOffer: RateItem[];
  agreed: RateItem[];
  // Lines of the union's offer outside its band, each with the reason it gives.
  bandReasons: { processCode: string; reason: string }[];
}

// 2025: union +18 % (0.1000 -> 0.1200 for 前帮制作 is +20 %), employers +6 %, agreed +12 %.
// 2026, over the agreed 2025 rates: union +17 %, 前帮制作 +25 % with a reason; employers +5 %, agreed +10 %.
export function shoesRound(year: 2025 | 2026): ShoesRoundRates {
  if (year === 2025) {
    const base = shoesBaseline2024();
    return {
      unionOffer: scaled(base, 1800n, { [FOREPART_LASTING]: 2000n }),
      employerOffer: scaled(base, 600n),
      agreed: scaled(base, 1200n),
      bandReasons: [],
    };
  }
  const last = shoesRound(2025).agreed;
  return {
    unionOffer: scaled(last, 1700n, { [FOREPART_LASTING]: 2500n }),
    employerOffer: scaled(last, 500n),
    agreed: scaled(last, 1000n),
    bandReasons: [
      {
        processCode: FOREPART_LASTING,
        reason:
          '前帮制作工价多年低于同类工序，工会调查显示企业实付已高于上年协议价 (forepart lasting has lagged similar processes for years)',
      },
    ],
  };
}
