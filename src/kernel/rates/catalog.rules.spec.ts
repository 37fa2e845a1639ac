import { describe, expect, it } from '@jest/globals';
import { catalogViolations, type CatalogDraft } from './catalog.rules.js';

const base: CatalogDraft = {
  productTypes: [{ code: 'V', nameZh: '单面V领' }],
  sections: [{ code: 'SEW', nameZh: '缝合' }],
  processes: [
    { code: 'P1', sectionCode: 'SEW', nameZh: '手缝', unit: 'piece' },
    { code: 'P2', sectionCode: 'SEW', nameZh: '套口', unit: 'piece' },
  ],
  mappings: [],
};
const rules = (d: CatalogDraft, prev: string[] | null = null) =>
  catalogViolations(d, prev && new Set(prev)).map((x) => x.rule);

describe('catalog rules', () => {
  it('accepts a first version without mappings', () => {
    expect(rules(base)).toEqual([]);
  });

  it('refuses duplicate process codes and unknown sections', () => {
    const d = {
      ...base,
      processes: [
        ...base.processes,
        { code: 'P1', sectionCode: 'CUT', nameZh: 'x', unit: 'piece' },
      ],
    };
    expect(rules(d)).toEqual(['catalog.duplicateCode', 'catalog.unknownSection']);
  });

  it('requires every code of the previous version to be kept or mapped', () => {
    expect(rules(base, ['P1', 'P2', 'P3'])).toEqual(['catalog.mapping.missing']);
  });

  it.each([
    ['renamed to one new code', { fromCode: 'P3', toCodes: ['P2'], kind: 'renamed' as const }, []],
    ['retired with no new code', { fromCode: 'P3', toCodes: [], kind: 'retired' as const }, []],
    ['split into two', { fromCode: 'P3', toCodes: ['P1', 'P2'], kind: 'split' as const }, []],
    [
      'split into one (wrong shape)',
      { fromCode: 'P3', toCodes: ['P1'], kind: 'split' as const },
      ['catalog.mapping.shape'],
    ],
    [
      'renamed to a code that does not exist',
      { fromCode: 'P3', toCodes: ['P9'], kind: 'renamed' as const },
      ['catalog.mapping.unknownTo'],
    ],
  ])('judges a mapping %s', (_what, mapping, expected) => {
    expect(rules({ ...base, mappings: [mapping] }, ['P1', 'P2', 'P3'])).toEqual(expected);
  });

  it('needs at least two old codes for a merge', () => {
    const merged = {
      ...base,
      mappings: [
        { fromCode: 'P3', toCodes: ['P1'], kind: 'merged' as const },
        { fromCode: 'P4', toCodes: ['P1'], kind: 'merged' as const },
      ],
    };
    expect(rules(merged, ['P1', 'P2', 'P3', 'P4'])).toEqual([]);
    expect(rules({ ...merged, mappings: merged.mappings.slice(0, 1) }, ['P1', 'P2', 'P3'])).toEqual(
      ['catalog.mapping.shape'],
    );
  });

  it('refuses mappings on a first version', () => {
    expect(rules({ ...base, mappings: [{ fromCode: 'X', toCodes: [], kind: 'retired' }] })).toEqual(
      ['catalog.mappingWithoutBase'],
    );
  });
});
