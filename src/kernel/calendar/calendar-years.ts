import type { IsoDate } from './statutory-days.js';

// A deadline's counting runs from its start to its due date (either way round for "at least N days
// before"). Every year it touches must have its official arrangement entered, or the count may have
// treated a public holiday as a working day: the first such year is returned so the deadline can be
// flagged (ADR 0029). null: every year is published.
export function firstYearWithoutArrangement(
  from: IsoDate,
  to: IsoDate,
  publishedYears: ReadonlySet<number>,
): number | null {
  const [a, b] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
  for (let year = Math.min(a, b); year <= Math.max(a, b); year++)
    if (!publishedYears.has(year)) return year;
  return null;
}
