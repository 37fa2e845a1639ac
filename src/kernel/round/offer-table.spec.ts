import { describe, expect, it } from '@jest/globals';
import { normaliseTable, tableDigest } from '../rates/rate-table.js';
import { catalogViolations, resolveOffer, standaloneRequest } from './offer-table.js';

const catalog = { processes: ['A', 'B'], productTypes: ['P1', 'P2'] };
const line = (processCode: string, rate: string, productType: string | null = null) => ({
  productType,
  processCode,
  rate,
});
const rules = (r: { violations: { rule: string }[] }) => r.violations.map((v) => v.rule);

describe('resolveOffer', () => {
  it('commits a full offer to the digest of its normalised table', () => {
    const items = [line('B', '2'), line('A', '1.5')];
    const r = resolveOffer('o1', { items, note: 'n', scope: 'full' }, null, catalog);
    expect(r.violations).toEqual([]);
    expect(r.lines).toEqual(normaliseTable(items));
    expect(r.payload).toEqual({
      offerId: 'o1',
      sha256: tableDigest(normaliseTable(items)),
      lineCount: 2,
      scope: 'full',
      basedOn: null,
      note: 'n',
    });
  });

  it('names the lines a full offer leaves out', () => {
    const r = resolveOffer(
      'o1',
      { items: [line('A', '1'), line('B', '2', 'P1')], note: null, scope: 'full' },
      null,
      catalog,
    );
    expect(rules(r)).toEqual(['rates.incomplete']);
    expect(r.violations[0].message).toContain('P2:B');
  });

  it('lays a subset over its base and records what it amends', () => {
    const base = { offerId: 'o0', lines: [line('A', '1'), line('B', '2')] };
    const r = resolveOffer('o1', { items: [line('B', '2.5')], note: null }, base, catalog);
    expect(r.lines).toEqual([line('A', '1.0000'), line('B', '2.5000')]);
    expect(r.payload).toMatchObject({ scope: 'subset', basedOn: 'o0', lineCount: 2 });
  });

  it('checks lines carried over from the base against the catalog too', () => {
    const base = { offerId: null, lines: [line('RETIRED', '1')] };
    const r = resolveOffer('o1', { items: [line('A', '1')], note: null }, base, catalog);
    expect(rules(r)).toEqual(['rates.unknownProcess']);
  });

  it('refuses a malformed table before looking at the base', () => {
    const r = resolveOffer(
      'o1',
      { items: [line('A', '-1'), line('A', '1')], note: null },
      null,
      catalog,
    );
    expect(rules(r)).toEqual(['rates.format', 'rates.duplicate']);
    expect(r.lines).toEqual([]);
  });
});

describe('catalogViolations', () => {
  it('names each unknown process and product type once', () => {
    const v = catalogViolations(
      [line('Z', '1', 'P9'), line('Z', '1', 'P1'), line('A', '1', 'P9')],
      catalog,
    );
    expect(v.map((x) => [x.rule, x.message.split(' ')[0]])).toEqual([
      ['rates.unknownProcess', 'Z'],
      ['rates.unknownProductType', 'product'],
    ]);
  });
});

describe('standaloneRequest', () => {
  it('passes other events through and turns an offer into its reference', () => {
    const other = { type: 'session.closed' as const, payload: {} };
    expect(standaloneRequest(other, 'x')).toBe(other);
    const offer = standaloneRequest(
      { type: 'offer.tabled', payload: { items: [line('A', '1')], note: null } },
      'x',
    );
    expect(offer.payload).toMatchObject({ offerId: 'x', lineCount: 1 });
  });
});
