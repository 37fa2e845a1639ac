import { describe, expect, it } from '@jest/globals';
import { bandViolations, reasonsOutsideBand, type IncreaseBand } from './increase-band.js';

const band: IncreaseBand = {
  lowPercent: '15',
  highPercent: '20',
  side: 'worker',
  statedOn: '2026-06-05',
  basis: 'survey',
};
const last = [
  { processCode: 'SH-001', rate: '0.1000' },
  { processCode: 'SH-002', rate: '0.2000' },
];

describe('increase band', () => {
  it.each([
    ['exactly the low end', '0.1150', true],
    ['exactly the high end', '0.1200', true],
    ['just below the low end', '0.1149', false],
    ['just above the high end', '0.1201', false],
    ['unchanged', '0.1000', false],
    ['a cut', '0.0900', false],
  ])('a line at %s is inside: %s', (_what, rate, inside) => {
    const v = bandViolations([{ processCode: 'SH-001', rate }], last, band);
    expect(v.length === 0).toBe(inside);
    if (!inside) expect(v[0]).toMatchObject({ rule: 'offer.outsideIncreaseBand', field: 'items' });
  });

  it('lets a line outside the band pass with a reason, and keeps only the reasons that were needed', () => {
    const items = [
      { processCode: 'SH-001', rate: '0.1250' },
      { processCode: 'SH-002', rate: '0.2300' },
    ];
    const reasons = [
      { processCode: 'SH-001', reason: 'lagged for years' },
      { processCode: 'SH-002', reason: 'not needed' },
    ];
    expect(bandViolations(items, last, band, reasons)).toEqual([]);
    expect(reasonsOutsideBand(items, last, band, reasons)).toEqual([reasons[0]]);
  });

  it('does not count a blank reason', () => {
    const items = [{ processCode: 'SH-001', rate: '0.1250' }];
    expect(
      bandViolations(items, last, band, [{ processCode: 'SH-001', reason: '  ' }]),
    ).toHaveLength(1);
  });

  it('does not compare a line with no rate last year', () => {
    expect(bandViolations([{ processCode: 'SH-999', rate: '9.0000' }], last, band)).toEqual([]);
  });

  it('compares a product type’s line with last year’s rate for every product type', () => {
    const items = [{ productType: 'PT-BOOT', processCode: 'SH-001', rate: '0.1000' }];
    expect(bandViolations(items, last, band)[0].message).toContain('PT-BOOT:SH-001');
  });
});
