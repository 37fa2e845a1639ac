import { describe, it, expect } from '@jest/globals';
import { Decimal } from 'decimal.js';
import {
  D,
  PieceRateInputError,
  absoluteChange,
  divideHalfUp,
  formatPercent,
  formatRate,
  formatRateUnits,
  formatUnitsAsYuan,
  parseRate,
  parseRateUnits,
  percentChange,
  percentChangeUnits,
} from './money.js';

// Half-up throughout means ties go away from zero: 2.345 → 2.35 and -2.345 → -2.35.

function refusal(run: () => unknown): PieceRateInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PieceRateInputError);
    return error as PieceRateInputError;
  }
  throw new PieceRateInputError('expected a refusal');
}

describe('parseRate', () => {
  it.each([
    ['a whole number', '7', '7.0000'],
    ['zero', '0', '0.0000'],
    ['one decimal place', '1.5', '1.5000'],
    ['four decimal places', '1.2345', '1.2345'],
    ['the smallest step', '0.0001', '0.0001'],
    ['six integer digits', '999999.9999', '999999.9999'],
    ['leading zeros', '001.25', '1.2500'],
  ])('accepts %s', (_name, text, expected) => {
    expect(formatRate(parseRate(text))).toBe(expected);
  });

  it.each([
    ['a rate with five decimal places', '1.23456'],
    ['a rate with seven integer digits', '1234567'],
    ['a negative rate', '-1.25'],
    ['an explicit plus sign', '+1.25'],
    ['a trailing point', '1.'],
    ['a leading point', '.5'],
    ['exponent notation', '1e3'],
    ['surrounding spaces', ' 1.25'],
    ['a decimal comma', '1,25'],
    ['an empty string', ''],
    ['NaN', 'NaN'],
    ['full-width digits', '１.２５'],
  ])('refuses %s', (_name, text) => {
    const error = refusal(() => parseRate(text));
    expect(error.code).toBe('PIECE_RATE_INVALID');
    expect(error.details).toEqual({ value: text });
  });

  it('refuses a value that is not a string', () => {
    expect(refusal(() => parseRate(1.25 as unknown as string)).details).toEqual({
      value: 'number',
    });
  });
});

describe('parseRateUnits', () => {
  it.each([
    ['7', 70000n],
    ['1.25', 12500n],
    ['0.0001', 1n],
    ['999999.9999', 9999999999n],
  ])('reads %s as a whole number of 0.0001 yuan', (text, units) => {
    expect(parseRateUnits(text)).toBe(units);
  });

  it('refuses a rate with five decimal places', () => {
    expect(refusal(() => parseRateUnits('0.00001')).code).toBe('PIECE_RATE_INVALID');
  });
});

describe('formatRate', () => {
  it.each([
    ['pads to four places', '1.5', '1.5000'],
    ['rounds a fifth-place 5 up', '1.23455', '1.2346'],
    ['rounds a fifth-place 4 down', '1.23454', '1.2345'],
    ['rounds a negative tie away from zero', '-1.23455', '-1.2346'],
    ['never prints negative zero', '-0.00004', '0.0000'],
    ['keeps a large whole number exact', '123456789', '123456789.0000'],
  ])('%s', (_name, value, expected) => {
    expect(formatRate(new D(value))).toBe(expected);
  });

  it.each([
    ['one third', 1, 3, '0.3333'],
    ['two thirds', 2, 3, '0.6667'],
  ])('rounds %s half-up', (_name, n, d, expected) => {
    expect(formatRate(new D(n).div(d))).toBe(expected);
  });
});

describe('formatPercent', () => {
  it.each([
    ['rounds 2.345 % half-up to 2.35 %', '2.345', '2.35'],
    ['rounds -2.345 % away from zero to -2.35 %', '-2.345', '-2.35'],
    ['rounds 2.3449 % down to 2.34 %', '2.3449', '2.34'],
    ['prints a tiny negative as 0.00', '-0.001', '0.00'],
  ])('%s', (_name, value, expected) => {
    expect(formatPercent(new D(value))).toBe(expected);
  });
});

describe('percentChange', () => {
  it.each([
    ['a raise of one twenty-fourth', '2.4000', '2.5000', '4.17'],
    ['a cut of 2.5 %', '2.0000', '1.9500', '-2.50'],
    ['rounds 2.345 % half-up to 2.35 %', '2.0000', '2.0469', '2.35'],
    ['rounds -2.345 % half-up (away from zero) to -2.35 %', '2.0000', '1.9531', '-2.35'],
    ['rounds 2.3433 % down', '3.0000', '3.0703', '2.34'],
    ['no change', '1.2500', '1.2500', '0.00'],
    ['a doubling', '1', '2', '100.00'],
    ['a tiny cut that rounds to zero, without a minus sign', '100000.0000', '99999.9999', '0.00'],
  ])('gives %s', (_name, previous, next, expected) => {
    expect(percentChange(parseRate(previous), parseRate(next))).toBe(expected);
    expect(percentChangeUnits(parseRateUnits(previous), parseRateUnits(next))).toBe(expected);
  });

  it('has no percent when the previous rate is zero', () => {
    expect(percentChange(parseRate('0'), parseRate('1.0000'))).toBeNull();
    expect(percentChangeUnits(0n, 10000n)).toBeNull();
  });
});

describe('absoluteChange', () => {
  it.each([
    ['a raise', '2.4000', '2.5000', '0.1000'],
    ['a cut, signed', '2.0000', '1.9500', '-0.0500'],
    ['no change', '1.2500', '1.25', '0.0000'],
  ])('gives %s with four places', (_name, previous, next, expected) => {
    expect(absoluteChange(parseRate(previous), parseRate(next))).toBe(expected);
  });
});

describe('divideHalfUp', () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [7n, 3n, 2n],
    [-7n, 3n, -2n],
    [8n, 3n, 3n],
    [2345n, 10n, 235n],
    [-2345n, 10n, -235n],
    [1n, -2n, -1n],
    [0n, 7n, 0n],
  ])('rounds %d / %d to %d, ties away from zero', (n, d, expected) => {
    expect(divideHalfUp(n, d)).toBe(expected);
  });

  it('refuses to divide by zero', () => {
    expect(refusal(() => divideHalfUp(1n, 0n)).code).toBe('PIECE_RATE_INVALID');
  });
});

describe('formatting units', () => {
  it.each([
    [12500n, '1.2500'],
    [1n, '0.0001'],
    [-500n, '-0.0500'],
    [0n, '0.0000'],
  ])('prints %d units as %s', (units, expected) => {
    expect(formatRateUnits(units)).toBe(expected);
  });

  it.each([
    [30000000n, '3000.00'],
    [12345n, '1.23'],
    [12350n, '1.24'],
    [-12350n, '-1.24'],
    [-49n, '0.00'],
  ])('prints %d units as %s yuan, half-up', (units, expected) => {
    expect(formatUnitsAsYuan(units)).toBe(expected);
  });
});

describe('decimal configuration', () => {
  it('leaves the global Decimal configuration alone', () => {
    expect(D.precision).toBe(40);
    expect(Decimal.precision).toBe(20);
  });
});
