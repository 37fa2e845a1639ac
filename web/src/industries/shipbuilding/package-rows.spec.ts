import { describe, expect, it } from '@jest/globals';
import { clauseTone, gridRows, minimumRows, tradesOf, type Terms } from './package-rows.js';

const survey = (trade: string, previousMinimum: string | null) => ({
  trade,
  nameZh: trade,
  highest: '9000',
  average: '7000',
  lowest: '4000',
  enterprises: 9,
  workers: 300,
  previousMinimum,
});

const terms = (over: Partial<Terms> = {}): Terms => ({
  kind: 'shipbuilding.package',
  statutoryMinimum: { checked: true, monthlyYuan: '2490', policyProfileId: 'p' },
  survey: {
    source: 'illustrative',
    surveyedOn: '2026-05-10',
    tabledAt: '2026-05-11T00:00:00Z',
    trades: [survey('WELD', '4600'), survey('FIT', '4400')],
  },
  positions: {
    worker: {
      tabledAt: '2026-06-16T00:00:00Z',
      minimums: { WELD: '5000', FIT: '4600' },
      grids: {
        WELD: [
          { grade: 1, monthlyAllowance: '200' },
          { grade: 2, monthlyAllowance: '400' },
        ],
      },
    },
    employer: {
      tabledAt: '2026-06-16T01:00:00Z',
      minimums: { WELD: '4700', FIT: '4600.00', PAINT: '3900' },
      grids: { WELD: [{ grade: 1, monthlyAllowance: '150' }] },
    },
  },
  clauses: [],
  agreement: null,
  ...over,
});

describe('the shipbuilding package side by side', () => {
  it('lists the survey’s trades first, then those only a side named', () => {
    expect(tradesOf(terms())).toEqual(['WELD', 'FIT', 'PAINT']);
  });

  it('puts last year’s, each side’s and the agreed minimum in one row per trade, marking differences', () => {
    expect(minimumRows(terms())).toEqual([
      {
        trade: 'WELD',
        previous: '4600',
        worker: '5000',
        employer: '4700',
        agreed: null,
        differs: true,
      },
      // the same amount written with decimals is no difference
      {
        trade: 'FIT',
        previous: '4400',
        worker: '4600',
        employer: '4600.00',
        agreed: null,
        differs: false,
      },
      {
        trade: 'PAINT',
        previous: null,
        worker: null,
        employer: '3900',
        agreed: null,
        differs: true,
      },
    ]);
  });

  it('spreads each side’s grid over the grades either side uses', () => {
    const { rows, grades } = gridRows(terms());
    expect(grades).toEqual([1, 2]);
    expect(rows.map((r) => [r.key, r.allowances])).toEqual([
      ['WELD:worker', { 1: '200', 2: '400' }],
      ['WELD:employer', { 1: '150' }],
    ]);
  });

  it('colours each clause status, settled ones green or grey', () => {
    expect(
      ['tabled', 'countered', 'agreed', 'withdrawn'].map((s) => clauseTone(s as never)),
    ).toEqual(['info', 'warn', 'good', 'neutral']);
  });
});
