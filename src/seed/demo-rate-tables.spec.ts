import { readFileSync } from 'node:fs';
import { readRateTable } from '../piece-rates/rate-table-spreadsheet.js';
import { normaliseTable } from '../kernel/rates/rate-table.js';
import { describe, it, expect } from '@jest/globals';
import { knitwearCatalog } from '../industries/wool-knitwear/demo/catalog.js';
import {
  knitwearRates2024Baseline,
  knitwearRound,
  type DemoRateLine,
  type DemoRoundRates,
} from '../industries/wool-knitwear/demo/rate-tables.js';

// Exact integer arithmetic throughout: rates as BigInt units of 0.0001 yuan.
const RATE = /^\d{1,6}\.\d{4}$/;
const units = (rate: string): bigint => BigInt(rate.replace('.', ''));
const key = (l: { productType: string; processCode: string }) =>
  `${l.productType}|${l.processCode}`;

const catalog = knitwearCatalog();
const expectedKeys = catalog.productTypes.flatMap((t) =>
  catalog.processes.map((p) => `${t.code}|${p.code}`),
);

const TABLES = [
  'workerOffer',
  'employerOffer',
  'workerSecondOffer',
  'employerSecondOffer',
  'agreed',
] as const;

/** Mean of per-line % change, in units of 0.0001 % (truncated per line). */
function meanChange(previous: DemoRateLine[], next: DemoRateLine[]): bigint {
  let sum = 0n;
  previous.forEach((p, i) => {
    const before = units(p.rate);
    sum += ((units(next[i].rate) - before) * 1_000_000n) / before;
  });
  return sum / BigInt(previous.length);
}
const percent = (n: number) => BigInt(Math.round(n * 10_000)); // test bands only, never money

/** sum(pieces × rate) in 0.0001 yuan. */
function monthlyPay(table: DemoRateLine[], output: DemoRoundRates['typicalMonthlyOutput']): bigint {
  const byKey = new Map(table.map((l) => [key(l), units(l.rate)]));
  return output.reduce((sum, o) => sum + byKey.get(key(o))! * BigInt(o.pieces), 0n);
}
const yuan = (n: number) => BigInt(n) * 10_000n;

const baseline = knitwearRates2024Baseline();
const r2025 = knitwearRound(2025);
const r2026 = knitwearRound(2026);
const rounds = [
  { year: 2025, previous: baseline, round: r2025, agreedBand: [4.5, 5.5] },
  { year: 2026, previous: r2025.agreed, round: r2026, agreedBand: [3.5, 4.5] },
] as const;

describe('knitwear demo rate tables', () => {
  const allTables: [string, DemoRateLine[]][] = [
    ['baseline', baseline],
    ...rounds.flatMap(({ year, round }) =>
      TABLES.map((t): [string, DemoRateLine[]] => [`${year} ${t}`, round[t]]),
    ),
  ];

  it.each(allTables)('%s covers all 405 lines in catalog order with 4-place rates', (_, table) => {
    expect(expectedKeys).toHaveLength(405);
    expect(table.map(key)).toEqual(expectedKeys);
    expect(new Set(table.map(key)).size).toBe(405);
    for (const line of table) {
      expect(line.rate).toMatch(RATE);
      expect(units(line.rate)).toBeGreaterThanOrEqual(3_000n); // ≥ 0.3000
      expect(units(line.rate)).toBeLessThanOrEqual(120_000n); // ≤ 12.0000
    }
  });

  it('varies by process and applies product-type multipliers', () => {
    const rate = (t: string, p: string) =>
      units(baseline.find((l) => key(l) === `${t}|${p}`)!.rate);
    expect(rate('V-SJ', 'KN-10')).toBeGreaterThan(rate('V-SJ', 'KN-02') * 5n);
    expect(rate('DRESS', 'KN-10')).toBeGreaterThan(rate('V-SJ', 'KN-10'));
    expect(rate('KIDS', 'KN-10')).toBeLessThan(rate('V-SJ', 'KN-10'));
  });

  describe.each(rounds)('$year round', ({ previous, round, agreedBand }) => {
    it('never cuts a rate', () => {
      for (const t of TABLES) {
        round[t].forEach((l, i) =>
          expect(units(l.rate)).toBeGreaterThanOrEqual(units(previous[i].rate)),
        );
      }
    });

    it('worker offers are at least employer offers, line by line, in each session', () => {
      round.workerOffer.forEach((l, i) =>
        expect(units(l.rate)).toBeGreaterThanOrEqual(units(round.employerOffer[i].rate)),
      );
      round.workerSecondOffer.forEach((l, i) =>
        expect(units(l.rate)).toBeGreaterThanOrEqual(units(round.employerSecondOffer[i].rate)),
      );
    });

    it('the gap narrows from session 1 to session 2', () => {
      const gap = (w: DemoRateLine[], e: DemoRateLine[]) =>
        w.reduce((s, l, i) => s + units(l.rate) - units(e[i].rate), 0n);
      const first = gap(round.workerOffer, round.employerOffer);
      const second = gap(round.workerSecondOffer, round.employerSecondOffer);
      expect(second).toBeGreaterThan(0n);
      expect(second).toBeLessThan(first);
      // Each side moves toward the other.
      round.workerSecondOffer.forEach((l, i) =>
        expect(units(l.rate)).toBeLessThanOrEqual(units(round.workerOffer[i].rate)),
      );
      round.employerSecondOffer.forEach((l, i) =>
        expect(units(l.rate)).toBeGreaterThanOrEqual(units(round.employerOffer[i].rate)),
      );
    });

    it('agreed lies between the second offers, line by line', () => {
      round.agreed.forEach((l, i) => {
        expect(units(l.rate)).toBeGreaterThanOrEqual(units(round.employerSecondOffer[i].rate));
        expect(units(l.rate)).toBeLessThanOrEqual(units(round.workerSecondOffer[i].rate));
      });
    });

    it('has the stated shape of mean % changes over the previous table', () => {
      const bands: Record<(typeof TABLES)[number], readonly [number, number]> = {
        workerOffer: [9, 11],
        employerOffer: [1.5, 2.5],
        workerSecondOffer: [6.5, 7.5],
        employerSecondOffer: [3, 4.5],
        agreed: agreedBand,
      };
      for (const t of TABLES) {
        const mean = meanChange(previous, round[t]);
        expect(mean).toBeGreaterThanOrEqual(percent(bands[t][0]));
        expect(mean).toBeLessThanOrEqual(percent(bands[t][1]));
      }
    });

    it('lists a handful of typical-output lines and industry minimum lines, all in the catalog', () => {
      const known = new Set(expectedKeys);
      expect(round.typicalMonthlyOutput.length).toBeGreaterThanOrEqual(10);
      expect(round.typicalMonthlyOutput.length).toBeLessThanOrEqual(20);
      expect(new Set(round.typicalMonthlyOutput.map(key)).size).toBe(
        round.typicalMonthlyOutput.length,
      );
      for (const o of round.typicalMonthlyOutput) {
        expect(known.has(key(o))).toBe(true);
        expect(Number.isSafeInteger(o.pieces) && o.pieces > 0).toBe(true);
      }
      expect(round.industryMinimum.length).toBeGreaterThanOrEqual(2);
      expect(round.industryMinimum.length).toBeLessThanOrEqual(12);
      expect(new Set(round.industryMinimum.map(key)).size).toBe(round.industryMinimum.length);
      for (const m of round.industryMinimum) expect(known.has(key(m))).toBe(true);
    });
  });

  it('2026 raises a typical worker’s monthly pay by about 100 to 150 yuan (2021-like)', () => {
    const before = monthlyPay(r2025.agreed, r2026.typicalMonthlyOutput);
    const after = monthlyPay(r2026.agreed, r2026.typicalMonthlyOutput);
    expect(after - before).toBeGreaterThanOrEqual(yuan(100));
    expect(after - before).toBeLessThanOrEqual(yuan(150));
    expect(before).toBe(31_835_600n); // 3,183.56 yuan
    expect(after).toBe(33_115_260n); // 3,311.53 yuan (+127.97)
  });

  it('2025 raises the same typical month by a plausible amount', () => {
    const before = monthlyPay(baseline, r2025.typicalMonthlyOutput);
    const after = monthlyPay(r2025.agreed, r2025.typicalMonthlyOutput);
    expect(after - before).toBeGreaterThanOrEqual(yuan(100));
    expect(after - before).toBeLessThanOrEqual(yuan(200));
  });

  it('is deterministic and returns fresh tables', () => {
    expect(knitwearRates2024Baseline()).toEqual(baseline);
    expect(knitwearRound(2025)).toEqual(r2025);
    expect(knitwearRound(2026)).toEqual(r2026);
    expect(knitwearRound(2025).agreed).not.toBe(r2025.agreed);
  });
});

describe('the example 工价表 in docs/examples', () => {
  it.each(['xlsx', 'csv'] as const)(
    'reads back as the 2025 union opening offer (%s)',
    async (format) => {
      const file = readFileSync(`docs/examples/wool-knitwear-offer.${format}`);
      const read = await readRateTable(file, format);
      expect(read.problems).toEqual([]);
      expect(normaliseTable(read.lines!)).toEqual(normaliseTable(knitwearRound(2025).workerOffer));
    },
  );
});
