import { describe, expect, it } from '@jest/globals';
import { firstYearWithoutArrangement } from './calendar-years.js';

const published = new Set([2025, 2026]);

describe('firstYearWithoutArrangement', () => {
  it('is null when the counting stays inside published years', () => {
    expect(firstYearWithoutArrangement('2025-12-20', '2026-01-09', published)).toBeNull();
  });

  it('names the first unpublished year a forward count runs into', () => {
    expect(firstYearWithoutArrangement('2026-12-20', '2027-01-11', published)).toBe(2027);
  });

  it('reads a backward count ("at least N days before") the same way', () => {
    expect(firstYearWithoutArrangement('2025-01-03', '2024-12-27', published)).toBe(2024);
  });

  it('names the earliest of several missing years', () => {
    expect(firstYearWithoutArrangement('2027-12-01', '2029-01-10', published)).toBe(2027);
  });
});
