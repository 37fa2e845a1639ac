import { describe, expect, it } from '@jest/globals';
import { named, namedDelegate, peopleNamedBy } from './named-people.js';

const names = new Map([
  ['p-1', { name: '王丽', erased: false }],
  ['p-2', { name: null, erased: true }],
]);

describe('named', () => {
  it('shows the registry’s name of a person named by id', () => {
    expect(named({ personId: 'p-1' }, names)).toEqual({
      personId: 'p-1',
      name: '王丽',
      erased: false,
    });
  });

  it('shows an erased person as erased, without a name, even if a legacy name is inline', () => {
    expect(named({ personId: 'p-2', name: 'old' }, names)).toEqual({
      personId: 'p-2',
      name: null,
      erased: true,
    });
  });

  it('keeps the inline name of a seat recorded before ADR 0025, and null for an unknown id', () => {
    expect(named({ personId: 'wang.w1', name: '王丽 (Wang Li)' }, names).name).toBe(
      '王丽 (Wang Li)',
    );
    expect(named({ personId: 'p-9' }, names)).toEqual({
      personId: 'p-9',
      name: null,
      erased: false,
    });
  });

  it('keeps a delegate’s seat facts beside the name', () => {
    const d = { personId: 'p-1', isChief: true, isExpert: false, appointedOn: '2026-07-01' };
    expect(namedDelegate(d, names)).toEqual({ ...named(d, names), ...d });
  });
});

describe('peopleNamedBy', () => {
  it('collects senders, appointees and attendance, and nothing from old member handles', () => {
    expect(
      peopleNamedBy([
        { actor: { accountId: 'a', personId: 'p-1' }, payload: { personId: 'p-2' } },
        { actor: { accountId: 'a', personId: null }, payload: { attendance: ['p-3', 'p-4'] } },
        { actor: { accountId: 'a', memberRef: 'chen.chair' }, payload: { memberRef: 'wang.w1' } },
      ]),
    ).toEqual(['p-1', 'p-2', 'p-3', 'p-4']);
  });
});
