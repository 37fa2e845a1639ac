import { describe, it, expect } from '@jest/globals';
import { PieceRateInputError } from './money.js';
import {
  rateStatistics,
  summariseSurvey,
  surveyGap,
  type RateStatistics,
  type SurveyStatistics,
} from './rate-statistics.js';

const stats = (median: string): RateStatistics => ({
  count: 3,
  high: median,
  median,
  low: median,
  mean: median,
});

describe('rateStatistics', () => {
  it.each([
    [
      'takes the middle quote when the count is odd',
      ['1.2000', '1.0000', '1.5000'],
      { count: 3, high: '1.5000', median: '1.2000', low: '1.0000', mean: '1.2333' },
    ],
    [
      'takes the mean of the two middle quotes when the count is even',
      ['2', '1.3', '1', '1.2'],
      { count: 4, high: '2.0000', median: '1.2500', low: '1.0000', mean: '1.3750' },
    ],
    [
      'rounds a half-step median and mean half-up',
      ['1.0001', '1.0002', '1.0001', '1.0002'],
      { count: 4, high: '1.0002', median: '1.0002', low: '1.0001', mean: '1.0002' },
    ],
    [
      'rounds a mean of 1.000033 down',
      ['1', '1', '1.0001'],
      { count: 3, high: '1.0001', median: '1.0000', low: '1.0000', mean: '1.0000' },
    ],
    [
      'rounds a mean of 1.000067 up',
      ['1', '1.0001', '1.0001'],
      { count: 3, high: '1.0001', median: '1.0001', low: '1.0000', mean: '1.0001' },
    ],
    [
      'orders quotes by value, not as text',
      ['10', '9', '100'],
      { count: 3, high: '100.0000', median: '10.0000', low: '9.0000', mean: '39.6667' },
    ],
    [
      'gives equal figures for identical quotes',
      ['0.8500', '0.85', '0.850'],
      { count: 3, high: '0.8500', median: '0.8500', low: '0.8500', mean: '0.8500' },
    ],
  ])('%s', (_name, quotes, expected) => {
    expect(rateStatistics(quotes, 3)).toEqual(expected);
  });

  it.each([
    ['two quotes under k = 3', ['1', '2'], 3, 2],
    ['no quotes at all', [], 3, 0],
    ['four quotes under k = 5', ['1', '2', '3', '4'], 5, 4],
  ])('shows no statistics for a side with fewer than k quotes: %s', (_name, quotes, k, count) => {
    expect(rateStatistics(quotes, k)).toEqual({ count, suppressed: true });
  });

  it('shows statistics once the count reaches k exactly', () => {
    expect(rateStatistics(['1.1'], 1)).toEqual({
      count: 1,
      high: '1.1000',
      median: '1.1000',
      low: '1.1000',
      mean: '1.1000',
    });
  });

  it('refuses a bad quote even on a side it would suppress', () => {
    expect(() => rateStatistics(['1.23456'], 3)).toThrow(PieceRateInputError);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a privacy threshold of %p', (k) => {
    expect(() => rateStatistics(['1', '2', '3'], k)).toThrow(PieceRateInputError);
  });

  it('leaves the caller’s quote list in its original order', () => {
    const quotes = ['3', '1', '2'];
    rateStatistics(quotes, 3);
    expect(quotes).toEqual(['3', '1', '2']);
  });
});

describe('surveyGap', () => {
  it.each([
    ['workers asking more', '2.6000', '2.5000', { absolute: '0.1000', percent: '4.00' }],
    ['workers asking less', '2.4000', '2.5000', { absolute: '-0.1000', percent: '-4.00' }],
    ['equal medians', '1.2500', '1.2500', { absolute: '0.0000', percent: '0.00' }],
    ['an employer median of zero', '0.5000', '0.0000', { absolute: '0.5000', percent: null }],
  ])('measures the gap for %s against the employer median', (_name, w, e, expected) => {
    expect(surveyGap(stats(w), stats(e))).toEqual(expected);
  });

  it.each<[string, SurveyStatistics, SurveyStatistics]>([
    ['the worker side', { count: 2, suppressed: true }, stats('1.0000')],
    ['the employer side', stats('1.0000'), { count: 1, suppressed: true }],
    ['both sides', { count: 0, suppressed: true }, { count: 2, suppressed: true }],
  ])('shows no gap when %s is suppressed', (_name, worker, employer) => {
    expect(surveyGap(worker, employer)).toBeNull();
  });
});

describe('summariseSurvey', () => {
  it('summarises each process in code order, with no gap where a side is suppressed', () => {
    const quotes = new Map([
      ['B02', { worker: ['1.1', '1.2', '1.3'], employer: ['1.0'] }],
      ['A01', { worker: ['2.6', '2.7', '2.5'], employer: ['2.5', '2.4', '2.6', '2.5'] }],
    ]);
    expect(summariseSurvey(quotes, 3)).toEqual([
      {
        processCode: 'A01',
        worker: { count: 3, high: '2.7000', median: '2.6000', low: '2.5000', mean: '2.6000' },
        employer: { count: 4, high: '2.6000', median: '2.5000', low: '2.4000', mean: '2.5000' },
        gap: { absolute: '0.1000', percent: '4.00' },
      },
      {
        processCode: 'B02',
        worker: { count: 3, high: '1.3000', median: '1.2000', low: '1.1000', mean: '1.2000' },
        employer: { count: 1, suppressed: true },
        gap: null,
      },
    ]);
  });

  it('summarises a survey of 234 processes with 100 quotes a side', () => {
    // Quotes 1.0001..1.0100 (worker) and 0.9901..1.0000 (employer): medians 1.00505 and 0.99505.
    const worker = Array.from({ length: 100 }, (_, i) => `1.${String(i + 1).padStart(4, '0')}`);
    const employer = Array.from({ length: 100 }, (_, i) => `0.${String(9901 + i)}`);
    employer[99] = '1.0000';
    const quotes = new Map(
      Array.from({ length: 234 }, (_, i) => [
        `P${String(i).padStart(3, '0')}`,
        { worker, employer },
      ]),
    );
    const summary = summariseSurvey(quotes, 3);
    expect(summary).toHaveLength(234);
    expect(summary[233]).toEqual({
      processCode: 'P233',
      worker: { count: 100, high: '1.0100', median: '1.0051', low: '1.0001', mean: '1.0051' },
      employer: { count: 100, high: '1.0000', median: '0.9951', low: '0.9901', mean: '0.9951' },
      // 0.0100 / 0.9951 = 1.00492 %
      gap: { absolute: '0.0100', percent: '1.00' },
    });
  });

  it('refuses a privacy threshold of zero', () => {
    expect(() => summariseSurvey(new Map(), 0)).toThrow(PieceRateInputError);
  });
});
