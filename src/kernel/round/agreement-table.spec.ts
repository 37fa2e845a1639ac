import { describe, expect, it } from '@jest/globals';
import {
  agreementDigest,
  agreementTable,
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
