import { describe, expect, it } from '@jest/globals';
import { DomainError } from './domain-error.js';
import {
  DEFAULT_LIMITS,
  SNAPSHOT_STEP_BYTES,
  refuseOverLimit,
  snapshotTooLarge,
} from './limits.js';

describe('refuseOverLimit', () => {
  it('accepts a list at the limit and refuses one more, naming the setting', () => {
    const limits = { ...DEFAULT_LIMITS, catalogProcesses: 3 };
    expect(() => refuseOverLimit(limits, 'catalogProcesses', 3, 'processes')).not.toThrow();
    let caught: unknown = null;
    try {
      refuseOverLimit(limits, 'catalogProcesses', 4, 'processes');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { limit: 'catalogProcesses', setting: 'LIMIT_CATALOG_PROCESSES', max: 3, count: 4 },
    });
  });
});

describe('snapshotTooLarge', () => {
  const max = 10_000;
  it('lets a record grow to the limit', () => {
    expect(snapshotTooLarge(max, () => 0, max)).toBe(false);
    expect(snapshotTooLarge(max + 1, () => 0, max)).toBe(true);
  });

  it('lets a procedural step through past the limit, so the round can still be signed or abandoned', () => {
    expect(snapshotTooLarge(max + 500, () => max + 500 - SNAPSHOT_STEP_BYTES, max)).toBe(false);
    expect(snapshotTooLarge(max + 500, () => max + 499 - SNAPSHOT_STEP_BYTES, max)).toBe(true);
  });
});
