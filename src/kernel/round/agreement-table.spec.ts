import { describe, expect, it } from '@jest/globals';
import {
  agreementDigest,
  agreementTable,
  draftCoverageViolations,
  keptLines,
  pinnedTableKeys,
  resolveDraft,
  tableFromLines,
} from './agreement-table.js';

const items = [
  { processCode: 'A', rate: '1.0500' },
  { processCode: 'B', rate: '0.9000' },
];

describe('agreementTable', () => {
  it('compares with the stated baseline when there is no previous round', () => {
    const { table, violations } = agreementTable(
      { text: 'x', items, baseline: [{ processCode: 'A', rate: '1.0000' }], confirmedCuts: [] },
      null,
    );
    expect(table.previousFrom).toBe('statedBaseline');
    expect(table.rows.map((r) => [r.processCode, r.previous, r.percent])).toEqual([
      ['A', '1.0000', '5.00'],
      ['B', null, null],
    ]);
    expect(violations).toEqual([]);
  });

  it('prefers last year’s agreed rates over a stated baseline', () => {
    const { table, violations } = agreementTable(
      { text: 'x', items, baseline: [{ processCode: 'A', rate: '0.5000' }] },
      [{ processCode: 'B', rate: '1.0000' }],
    );
    expect(table.previousFrom).toBe('previousRound');
    expect(violations.map((v) => v.rule)).toEqual(['rates.cutNotConfirmed']);
  });

  it('has nothing to compare with when there is neither', () => {
    const { table } = agreementTable({ text: 'x', items }, null);
    expect(table.previousFrom).toBe('none');
    expect(table.summary.processes).toBe(0);
    expect(table.monthlyPay).toBeNull();
  });

  it('gives back the same table from its stored lines, and a different digest for an altered line', () => {
    const { table } = agreementTable(
      {
        text: 'x',
        items: [
          { productType: 'V', processCode: 'A', rate: '1.0500' },
          { productType: 'W', processCode: 'A', rate: '1.2000' },
          { processCode: 'B', rate: '0.9000' },
        ],
        industryMinimum: ['A'],
        typicalMonthlyOutput: [{ processCode: 'A', pieces: 100 }],
      },
      // A rate for every product type is compared with each product type's own agreed rate.
      [{ processCode: 'A', rate: '1.0000' }],
    );
    const draft = resolveDraft('d1', 'x', table);
    expect(draft.payload).toEqual({
      text: 'x',
      draftId: 'd1',
      sha256: expect.any(String),
      lineCount: 3,
    });
    expect(tableFromLines(draft.lines, draft.header)).toEqual(table);
    // The digest the write path computes is the one a verifier gets from the rows.
    expect(agreementDigest(tableFromLines(draft.lines, draft.header))).toBe(draft.payload.sha256);
    const altered = draft.lines.map((l, i) => (i === 0 ? { ...l, rate: '1.0600' } : l));
    expect(agreementDigest(tableFromLines(altered, draft.header))).not.toBe(draft.payload.sha256);
  });
});

// Issue 10: a draft covers the whole pinned table, or names the lines that keep last year's rate.
describe('draft coverage', () => {
  const catalog = { processes: ['A', 'B', 'C'], productTypes: ['V', 'W'] };
  const keys = pinnedTableKeys(catalog);
  const previous = [
    { processCode: 'A', rate: '1.0000' },
    { productType: 'V', processCode: 'B', rate: '2.0000' },
    { productType: 'W', processCode: 'B', rate: '2.1000' },
    { processCode: 'C', rate: '3.0000' },
  ];
  const rules = (v: { rule: string }[]) => v.map((x) => x.rule);

  it('lists the whole table as every process for every product type', () => {
    expect(keys).toEqual(['V:A', 'W:A', 'V:B', 'W:B', 'V:C', 'W:C']);
    expect(pinnedTableKeys({ processes: ['A', 'B'], productTypes: [] })).toEqual(['A', 'B']);
  });

  it('refuses a one-line draft of a six-line table, saying how many lines miss and which', () => {
    const v = draftCoverageViolations(
      { text: '', items: [{ productType: 'V', processCode: 'A', rate: '1.1000' }] },
      keys,
      previous,
    );
    expect(rules(v)).toEqual(['draft.incomplete']);
    expect(v[0].message).toContain('covers 1 of the 6 lines');
    expect(v[0].message).toContain('W:A, V:B, W:B, V:C, W:C');
  });

  it('accepts items plus the lines kept at last year’s rate, a process code keeping every product type', () => {
    const request = {
      text: '',
      items: [{ processCode: 'A', rate: '1.1000' }],
      keepPreviousRate: ['B', 'V:C', 'W:C'],
    };
    expect(draftCoverageViolations(request, keys, previous)).toEqual([]);
    const { table } = agreementTable(request, previous);
    expect(
      table.rows.map((r) => [r.productType, r.processCode, r.previous, r.agreed, r.absolute]),
    ).toEqual([
      [null, 'A', '1.0000', '1.1000', '0.1000'],
      ['V', 'B', '2.0000', '2.0000', '0.0000'],
      ['V', 'C', '3.0000', '3.0000', '0.0000'],
      ['W', 'B', '2.1000', '2.1000', '0.0000'],
      ['W', 'C', '3.0000', '3.0000', '0.0000'],
    ]);
    // Kept lines count in the summary at 0 %.
    expect(table.summary).toMatchObject({
      processes: 5,
      lowestPercent: '0.00',
      highestPercent: '10.00',
    });
  });

  it('refuses a kept line with no previous rate, and one that is agreed too', () => {
    const v = draftCoverageViolations(
      {
        text: 'x',
        items: [
          { processCode: 'A', rate: '1.1000' },
          { productType: 'V', processCode: 'B', rate: '2.2000' },
          { productType: 'W', processCode: 'B', rate: '2.2000' },
          { processCode: 'C', rate: '3.3000' },
        ],
        keepPreviousRate: ['V:A', 'D'],
      },
      keys,
      previous,
    );
    expect(rules(v)).toEqual(['draft.keptWithoutPreviousRate', 'draft.keptAndAgreed']);
    expect(v[0].message).toContain(': D;');
    expect(v[1].message).toContain('V:A');
  });

  it('refuses an empty summary (nothing changes, no text) but not a freeze stated in words', () => {
    const request = { text: '  ', items: previous };
    expect(rules(draftCoverageViolations(request, keys, previous))).toEqual(['draft.emptySummary']);
    expect(draftCoverageViolations({ ...request, text: '冻结' }, keys, previous)).toEqual([]);
    // With nothing to compare with, every line is new: a change.
    expect(draftCoverageViolations(request, keys, null)).toEqual([]);
  });

  it('keeps each named line once when a process and one of its product types are both named', () => {
    expect(keptLines(['A', 'V:A'], previous).lines).toEqual([
      { productType: null, processCode: 'A', rate: '1.0000' },
    ]);
    expect(keptLines(['B', 'V:B'], previous).lines).toHaveLength(2);
  });

  it('records the signed round the previous rates came from in the table and its stored header', () => {
    const source = { negotiationId: 'n24', year: 2024, catalogVersion: 1 };
    const { table } = agreementTable(
      { text: 'x', items: [{ processCode: 'A', rate: '1.1000' }] },
      previous,
      source,
    );
    expect(table.previousRound).toEqual(source);
    const draft = resolveDraft('d1', 'x', table);
    expect(draft.header.previousRound).toEqual(source);
    expect(agreementDigest(tableFromLines(draft.lines, draft.header))).toBe(draft.payload.sha256);
    // A stated baseline has no source round.
    expect(
      agreementTable({ text: 'x', items: previous, baseline: previous }, null, source).table,
    ).not.toHaveProperty('previousRound');
  });
});
