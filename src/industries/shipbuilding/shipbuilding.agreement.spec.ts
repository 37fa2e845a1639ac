import { describe, expect, it } from '@jest/globals';
import { payImpactOf } from './shipbuilding.agreement.js';
import { fenOf, yuanOf } from './shipbuilding.package.js';

describe('money in fen', () => {
  it.each([
    ['4600', 460000n],
    ['4600.5', 460050n],
    ['0.05', 5n],
  ])('reads %s yuan exactly', (yuan, fen) => {
    expect(fenOf(yuan)).toBe(fen);
    expect(fenOf(yuanOf(fen))).toBe(fen);
  });
});

describe('the pay-impact estimate', () => {
  const trades = [
    { trade: 'WELD', previousMinimum: '4600', agreedMinimum: '4850' },
    { trade: 'GRIND', previousMinimum: null, agreedMinimum: '3800' },
    { trade: 'PAINT', previousMinimum: '4000', agreedMinimum: '3900' },
  ];
  const grids = [
    {
      trade: 'WELD',
      grades: [
        { grade: 1, monthlyAllowance: '150' },
        { grade: 2, monthlyAllowance: '400' },
      ],
    },
  ];

  it('is absent without headcount', () => {
    expect(payImpactOf(trades, grids, [])).toBeNull();
  });

  it('adds the raise of the minimum for every worker counted and the allowance of each grade counted', () => {
    const impact = payImpactOf(trades, grids, [
      { trade: 'WELD', grade: null, workers: 10 },
      { trade: 'WELD', grade: 2, workers: 3 },
      { trade: 'GRIND', workers: 5 },
      { trade: 'PAINT', workers: 2 },
    ])!;
    expect(impact.trades).toEqual([
      {
        trade: 'WELD',
        workers: 13,
        minimumRaisePerWorker: '250.00',
        minimumRaiseMonthly: '3250.00',
        allowancesMonthly: '1200.00',
        totalMonthly: '4450.00',
      },
      // No previous minimum: no raise is claimed.
      {
        trade: 'GRIND',
        workers: 5,
        minimumRaisePerWorker: null,
        minimumRaiseMonthly: null,
        allowancesMonthly: '0.00',
        totalMonthly: '0.00',
      },
      // A lower minimum costs nothing: nobody's pay falls with it.
      {
        trade: 'PAINT',
        workers: 2,
        minimumRaisePerWorker: '0.00',
        minimumRaiseMonthly: '0.00',
        allowancesMonthly: '0.00',
        totalMonthly: '0.00',
      },
    ]);
    expect([impact.totalMonthly, impact.totalYearly]).toEqual(['4450.00', '53400.00']);
  });
});
