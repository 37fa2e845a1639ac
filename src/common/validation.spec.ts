import { describe, expect, it } from '@jest/globals';
import { rateTableProblems } from './validation.js';

describe('rateTableProblems', () => {
  it('accepts a well-formed table', () => {
    expect(
      rateTableProblems(
        [
          { processCode: 'KN-01', rate: '1.2500' },
          { processCode: 'KN-02', rate: '3' },
        ],
        1,
        10,
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'not an array',
      { processCode: 'A', rate: '1' },
      ['must be an array of { productType?, processCode, rate }'],
    ],
    ['too few lines', [], ['must list at least 1 line(s)']],
    [
      'a rate as a JSON number',
      [{ processCode: 'A', rate: 1.25 }],
      [
        '[0].rate must be a decimal string with at most 4 places, e.g. "1.2500" (never a JSON number)',
      ],
    ],
    [
      'five decimal places',
      [{ processCode: 'A', rate: '1.00001' }],
      [
        '[0].rate must be a decimal string with at most 4 places, e.g. "1.2500" (never a JSON number)',
      ],
    ],
    [
      'an extra field (mass assignment)',
      [{ processCode: 'A', rate: '1', side: 'employer' }],
      ['[0].side should not exist'],
    ],
    [
      'a bad code',
      [{ processCode: '', rate: '1' }],
      ['[0].processCode must be 1-40 letters, digits, dots, dashes or underscores'],
    ],
    ['a non-object line', ['A=1'], ['[0] must be an object { productType?, processCode, rate }']],
  ])('names the problem with %s', (_what, value, problems) => {
    expect(rateTableProblems(value, 1, 10)).toEqual(problems);
  });

  it('stops listing after twenty problems', () => {
    expect(
      rateTableProblems(
        Array.from({ length: 50 }, () => ({ processCode: 'A', rate: 'x' })),
        1,
        100,
      ),
    ).toHaveLength(20);
  });
});
