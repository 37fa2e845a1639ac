import { describe, it, expect } from '@jest/globals';
import {
  buildAgreementRows,
  monthlyPayChange,
  summariseAgreement,
  type AgreementRow,
} from './agreement-summary.js';
import { PieceRateInputError } from './money.js';
import type { RateItem } from './rate-table.js';

const table = (...rows: [string, string][]): RateItem[] =>
  rows.map(([processCode, rate]) => ({ processCode, rate }));

const previous = table(['A', '2.5000'], ['B', '1.0000'], ['C', '3.0000'], ['Z', '1.0000']);
const agreed = table(['N', '1.2'], ['C', '3'], ['B', '0.98'], ['A', '2.6']);
const rows = buildAgreementRows(previous, agreed, new Set(['B', 'N']));

function rowsOf(...pairs: [string, string][]): AgreementRow[] {
  return buildAgreementRows(
    pairs.map(([p], i) => ({ processCode: `P${i}`, rate: p })),
    pairs.map(([, a], i) => ({ processCode: `P${i}`, rate: a })),
    new Set(),
  );
}

describe('buildAgreementRows', () => {
  it.each([
    [
      'records a raise',
      {
        processCode: 'A',
        previous: '2.5000',
        agreed: '2.6000',
        absolute: '0.1000',
        percent: '4.00',
      },
      false,
      false,
    ],
    [
      'flags a cut on an industry-minimum process',
      {
        processCode: 'B',
        previous: '1.0000',
        agreed: '0.9800',
        absolute: '-0.0200',
        percent: '-2.00',
      },
      true,
      true,
    ],
    [
      'records an unchanged rate',
      {
        processCode: 'C',
        previous: '3.0000',
        agreed: '3.0000',
        absolute: '0.0000',
        percent: '0.00',
      },
      false,
      false,
    ],
    [
      'records a new process with no previous rate',
      { processCode: 'N', previous: null, agreed: '1.2000', absolute: null, percent: null },
      true,
      false,
    ],
  ])('%s', (_name, expected, isIndustryMinimum, isCut) => {
    expect(rows.find((row) => row.processCode === expected.processCode)).toEqual({
      productType: null,
      ...expected,
      isIndustryMinimum,
      isCut,
    });
  });

  it('lists the agreed processes in code order, leaving out processes the agreement drops', () => {
    expect(rows.map((row) => row.processCode)).toEqual(['A', 'B', 'C', 'N']);
  });

  it('refuses an agreed table with a bad rate', () => {
    expect(() => buildAgreementRows(previous, table(['A', '2.60001']), new Set())).toThrow(
      PieceRateInputError,
    );
  });
});

describe('summariseAgreement', () => {
  it('summarises the percents of the processes that had a previous rate', () => {
    // Percents 4, -2 and 0: mean 2/3 = 0.666…; the new process N is left out.
    expect(summariseAgreement(rows)).toEqual({
      processes: 3,
      meanPercent: '0.67',
      medianPercent: '0.00',
      lowestPercent: '-2.00',
      highestPercent: '4.00',
    });
  });

  it('takes the mean of the two middle percents when the count is even', () => {
    // Percents 4, -2, 0 and 1: median (0 + 1) / 2.
    const withD = [...rows, ...rowsOf(['2.0000', '2.0200'])];
    expect(summariseAgreement(withD).medianPercent).toBe('0.50');
  });

  it('computes on exact percents and rounds only at the end', () => {
    // 0.0333… %, 0.0333… % and 0.1333… % round to 0.03, 0.03 and 0.13 (mean of those 0.0633…);
    // the exact mean is 0.2 / 3 = 0.0666… %, which rounds to 0.07.
    const summary = summariseAgreement(
      rowsOf(['0.3000', '0.3001'], ['0.3000', '0.3001'], ['0.3000', '0.3004']),
    );
    expect(summary).toEqual({
      processes: 3,
      meanPercent: '0.07',
      medianPercent: '0.03',
      lowestPercent: '0.03',
      highestPercent: '0.13',
    });
  });

  it('rounds a -2.345 % cut half-up (away from zero) to -2.35 %', () => {
    expect(summariseAgreement(rowsOf(['2.0000', '1.9531'])).meanPercent).toBe('-2.35');
  });

  it('leaves out a process whose previous rate was zero', () => {
    expect(summariseAgreement(rowsOf(['0', '1'], ['1', '1.1'])).processes).toBe(1);
  });

  it('has no percent figures when no process had a previous rate', () => {
    expect(summariseAgreement(buildAgreementRows([], agreed, new Set()))).toEqual({
      processes: 0,
      meanPercent: null,
      medianPercent: null,
      lowestPercent: null,
      highestPercent: null,
    });
  });
});

describe('monthlyPayChange', () => {
  it('turns a 4 % raise on about 3,000 yuan a month into about 120 yuan more', () => {
    // 1,200 pieces at 2.50 → 2.60 yuan.
    expect(monthlyPayChange(rowsOf(['2.5000', '2.6000']), new Map([['P0', 1200]]))).toEqual({
      before: '3000.00',
      after: '3120.00',
      absolute: '120.00',
      percent: '4.00',
    });
  });

  it('counts only processes with both an output figure and a previous rate', () => {
    // A: 1,000 × 2.50 → 2.60; B: 500 × 1.00 → 0.98; C has no output; N is new.
    const output = new Map([
      ['A', 1000],
      ['B', 500],
      ['N', 800],
      ['Q', 100],
    ]);
    expect(monthlyPayChange(rows, output)).toEqual({
      before: '3000.00',
      after: '3090.00',
      absolute: '90.00',
      percent: '3.00',
    });
  });

  it('rounds yuan half-up but takes the percent from the exact sums', () => {
    // 0.0050 → 0.0049 yuan for one piece: 0.005 rounds to 0.01 and 0.0049 to 0.00, but the change
    // is -2 %, not -100 %.
    expect(monthlyPayChange(rowsOf(['0.0050', '0.0049']), new Map([['P0', 1]]))).toEqual({
      before: '0.01',
      after: '0.00',
      absolute: '0.00',
      percent: '-2.00',
    });
  });

  it('gives zero pay and no percent without any output figures', () => {
    expect(monthlyPayChange(rows, new Map())).toEqual({
      before: '0.00',
      after: '0.00',
      absolute: '0.00',
      percent: null,
    });
  });

  it.each([1.5, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses an output of %p', (output) => {
    expect(() => monthlyPayChange(rows, new Map([['A', output]]))).toThrow(PieceRateInputError);
  });
});
