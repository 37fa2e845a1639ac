import { Decimal } from 'decimal.js';
import { DomainError } from '../../common/domain-error.js';

// Piece rates (工价) are yuan per piece/dozen/pair/hour/month, stored and carried as strings.
export const RATE_SCALE = 4;
export const PERCENT_SCALE = 2;
export const YUAN_SCALE = 2;
// Half-up means ties go away from zero: 2.345 → 2.35 and -2.345 → -2.35. divideHalfUp below is the
// only place any figure is rounded to RATE_SCALE, PERCENT_SCALE or YUAN_SCALE.
export const ROUNDING = Decimal.ROUND_HALF_UP;

// A local clone so the global Decimal configuration, which other code may rely on, stays untouched.
// 40 significant digits keep intermediates (ratios of 10-digit rates, means of them) far more precise
// than the 2 or 4 places they are finally rounded to.
export const D = Decimal.clone({ precision: 40, rounding: ROUNDING });

const RATE_PATTERN = /^\d{1,6}(\.\d{1,4})?$/;

// A coded refusal like any other: if a calculator ever meets input the edge let through, the client
// gets a 422 that says what is wrong, never a 500.
export class PieceRateInputError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('PIECE_RATE_INVALID', message, details);
    this.name = 'PieceRateInputError';
  }
}

/** n / d rounded to an integer, ties away from zero. */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new PieceRateInputError('Division by zero.');
  if (d < 0n) return divideHalfUp(-n, -d);
  const q = n / d; // truncates toward zero; the remainder takes the sign of n
  const r = n % d;
  if (2n * (r < 0n ? -r : r) < d) return q;
  return n < 0n ? q - 1n : q + 1n;
}

const pow10 = (e: number): bigint => 10n ** BigInt(e);

/** Exact: an integer count of 10^-scale prints without rounding. */
function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** A finite Decimal as an integer count of 10^-scale, rounded half-up. */
function toScaled(d: Decimal, scale: number): bigint {
  if (!d.isFinite()) {
    throw new PieceRateInputError('A rate computation produced a non-finite value.');
  }
  // toFixed() with no argument is exact and never uses exponent notation.
  const text = d.toFixed();
  const dot = text.indexOf('.');
  if (dot < 0) return BigInt(text) * pow10(scale);
  const places = text.length - dot - 1;
  return divideHalfUp(
    BigInt(text.slice(0, dot) + text.slice(dot + 1)) * pow10(scale),
    pow10(places),
  );
}

function assertRateText(text: string): void {
  if (typeof text !== 'string' || !RATE_PATTERN.test(text)) {
    const shown = typeof text === 'string' ? text.slice(0, 40) : typeof text;
    throw new PieceRateInputError(
      'A rate must be a plain decimal with at most 6 integer digits and 4 decimal places.',
      { value: shown },
    );
  }
}

export function parseRate(text: string): Decimal {
  assertRateText(text);
  return new D(text);
}

export function formatRate(d: Decimal): string {
  return formatScaled(toScaled(d, RATE_SCALE), RATE_SCALE);
}

export function formatPercent(d: Decimal): string {
  return formatScaled(toScaled(d, PERCENT_SCALE), PERCENT_SCALE);
}

export function formatYuan(d: Decimal): string {
  return formatScaled(toScaled(d, YUAN_SCALE), YUAN_SCALE);
}

/** Unrounded (next - previous) / previous * 100; null when previous is zero. */
export function exactPercentChange(previous: Decimal, next: Decimal): Decimal | null {
  if (previous.isZero()) return null;
  return next.minus(previous).times(100).div(previous);
}

export function percentChange(previous: Decimal, next: Decimal): string | null {
  const exact = exactPercentChange(previous, next);
  return exact === null ? null : formatPercent(exact);
}

export function absoluteChange(previous: Decimal, next: Decimal): string {
  return formatRate(next.minus(previous));
}

// Bulk work (surveys, 2,000-line tables) holds rates as exact integer counts of 0.0001 yuan
// ("units"): parsing, sorting, summing and dividing bigints is far faster than Decimal.

export function parseRateUnits(text: string): bigint {
  assertRateText(text);
  const dot = text.indexOf('.');
  if (dot < 0) return BigInt(text) * pow10(RATE_SCALE);
  return BigInt(text.slice(0, dot) + text.slice(dot + 1).padEnd(RATE_SCALE, '0'));
}

export function formatRateUnits(units: bigint): string {
  return formatScaled(units, RATE_SCALE);
}

/** A sum of units in yuan to YUAN_SCALE places. */
export function formatUnitsAsYuan(units: bigint): string {
  return formatScaled(divideHalfUp(units, pow10(RATE_SCALE - YUAN_SCALE)), YUAN_SCALE);
}

/** percentChange for amounts in units (of any common scale, which cancels). */
export function percentChangeUnits(previous: bigint, next: bigint): string | null {
  if (previous === 0n) return null;
  const hundredths = divideHalfUp((next - previous) * 100n * pow10(PERCENT_SCALE), previous);
  return formatScaled(hundredths, PERCENT_SCALE);
}

export function compareDecimals(a: Decimal, b: Decimal): number {
  return a.comparedTo(b);
}

/** Code-unit order, so sorting does not depend on the host's locale. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Median of an ascending list; the mean of the two middle values when the count is even. */
export function medianOfSorted(sorted: readonly Decimal[]): Decimal {
  const n = sorted.length;
  if (n === 0) throw new PieceRateInputError('The median of an empty list is undefined.');
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : sorted[mid - 1].plus(sorted[mid]).div(2);
}

export function meanOf(values: readonly Decimal[]): Decimal {
  if (values.length === 0) throw new PieceRateInputError('The mean of an empty list is undefined.');
  // A loop rather than D.sum(...values): spreading a long list can overflow the call stack.
  let total = new D(0);
  for (const v of values) total = total.plus(v);
  return total.div(values.length);
}
