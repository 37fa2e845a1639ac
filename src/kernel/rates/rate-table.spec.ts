import { describe, it, expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from '../../common/canonical-json.js';
import { PieceRateInputError, formatRateUnits } from './money.js';
import {
  carryForward,
  compareTables,
  compareLines,
  gapByProcess,
  indexRateTable,
  normaliseTable,
  overlayTable,
  tableCanonicalJson,
  tableDigest,
  uncoveredLines,
  type CodeMapping,
  type RateItem,
} from './rate-table.js';

const table = (...rows: [string, string][]): RateItem[] =>
  rows.map(([processCode, rate]) => ({ processCode, rate }));

describe('compareTables', () => {
  const rows = compareTables(
    table(['A', '1.0000'], ['B', '2.0000'], ['C', '3.0000'], ['D', '4.0000'], ['F', '0']),
    table(['F', '0.5'], ['E', '0.5'], ['C', '3'], ['B', '1.9000'], ['A', '1.0500']),
  );

  it.each([
    [
      'flags a raise',
      { processCode: 'A', from: '1.0000', to: '1.0500', absolute: '0.0500', percent: '5.00' },
      'raised',
    ],
    [
      'flags a cut',
      { processCode: 'B', from: '2.0000', to: '1.9000', absolute: '-0.1000', percent: '-5.00' },
      'cut',
    ],
    [
      'flags an unchanged rate written differently',
      { processCode: 'C', from: '3.0000', to: '3.0000', absolute: '0.0000', percent: '0.00' },
      'unchanged',
    ],
    [
      'flags a removed process',
      { processCode: 'D', from: '4.0000', to: null, absolute: null, percent: null },
      'removed',
    ],
    [
      'flags an added process',
      { processCode: 'E', from: null, to: '0.5000', absolute: null, percent: null },
      'added',
    ],
    [
      'flags a raise from zero, with no percent',
      { processCode: 'F', from: '0.0000', to: '0.5000', absolute: '0.5000', percent: null },
      'raised',
    ],
  ])('%s', (_name, expected, status) => {
    expect(rows.find((row) => row.processCode === expected.processCode)).toEqual({
      productType: null,
      ...expected,
      status,
    });
  });

  it('sorts rows by process code', () => {
    expect(rows.map((row) => row.processCode)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('sorts codes by code unit, not by locale', () => {
    const codes = compareTables(table(['b', '1'], ['A', '1']), table(['a', '1'], ['B', '1'])).map(
      (row) => row.processCode,
    );
    expect(codes).toEqual(['A', 'B', 'a', 'b']);
  });

  it('diffs two 2,106-line tables (9 product types x 234 processes)', () => {
    // Every third line is raised by 0.0001 from 1.0000; the last line of each is unique.
    const from = Array.from({ length: 2106 }, (_, i) => ({
      productType: `T${Math.floor(i / 234)}`,
      processCode: `P${String(i % 234).padStart(4, '0')}`,
      rate: '1.0000',
    }));
    const to = from.map((row, i) => ({ ...row, rate: i % 3 === 0 ? '1.0001' : '1.0000' }));
    to[2105] = { productType: 'T8', processCode: 'Q0000', rate: '2' };
    const diff = compareTables(from, to);
    const count = (status: string) => diff.filter((row) => row.status === status).length;
    expect(diff).toHaveLength(2107);
    expect(count('raised')).toBe(702);
    expect(count('unchanged')).toBe(1403);
    expect(count('removed')).toBe(1);
    expect(count('added')).toBe(1);
    expect(diff[0]).toEqual({
      productType: 'T0',
      processCode: 'P0000',
      from: '1.0000',
      to: '1.0001',
      absolute: '0.0001',
      percent: '0.01',
      status: 'raised',
    });
  });

  it.each([
    ['a process code listed twice', table(['A', '1'], ['A', '2'])],
    ['a blank process code', table(['', '1'])],
    ['a rate with five decimal places', table(['A', '1.00001'])],
  ])('refuses a table with %s', (_name, bad) => {
    expect(() => compareTables(bad, table(['A', '1']))).toThrow(PieceRateInputError);
    expect(() => compareTables(table(['A', '1']), bad)).toThrow(PieceRateInputError);
  });
});

describe('overlayTable', () => {
  const base = table(['C', '3.0000'], ['A', '1.0000'], ['B', '2.0000']);
  const typed = (productType: string | null, processCode: string, rate: string) => ({
    productType,
    processCode,
    rate,
  });

  it('replaces only the rates the offer names and keeps the rest', () => {
    expect(normaliseTable(overlayTable(base, table(['B', '2.1'])))).toEqual(
      normaliseTable(table(['A', '1.0000'], ['B', '2.1000'], ['C', '3.0000'])),
    );
  });

  it('adds a line the base does not have', () => {
    expect(overlayTable(base, table(['Z', '1'])).map((l) => l.processCode)).toEqual([
      'C',
      'A',
      'B',
      'Z',
    ]);
  });

  it('leaves every rate unchanged for an empty offer', () => {
    expect(overlayTable(base, [])).toEqual(base);
  });

  it("replaces every product type's line of a process given one rate for all", () => {
    const perType = [typed('P1', 'A', '1'), typed('P2', 'A', '1.1'), typed('P1', 'B', '2')];
    expect(normaliseTable(overlayTable(perType, table(['A', '1.5'])))).toEqual([
      typed(null, 'A', '1.5000'),
      typed('P1', 'B', '2.0000'),
    ]);
  });

  it("replaces one product type's line and keeps the others", () => {
    const perType = [typed('P1', 'A', '1'), typed('P2', 'A', '1.1')];
    expect(normaliseTable(overlayTable(perType, [typed('P2', 'A', '1.2')]))).toEqual([
      typed('P1', 'A', '1.0000'),
      typed('P2', 'A', '1.2000'),
    ]);
  });

  it('does not change the tables it is given', () => {
    const subset = table(['A', '9']);
    overlayTable(base, subset);
    expect(base).toEqual(table(['C', '3.0000'], ['A', '1.0000'], ['B', '2.0000']));
    expect(subset).toEqual(table(['A', '9']));
  });
});

describe('normaliseTable and tableDigest', () => {
  it('gives one written form whatever the order and the number of places', () => {
    const a = normaliseTable([typed2('P1', 'B', '2'), typed2(null, 'A', '1.5')]);
    const b = normaliseTable([typed2(null, 'A', '1.50'), typed2('P1', 'B', '2.0000')]);
    expect(a).toEqual(b);
    expect(tableDigest(a)).toBe(tableDigest(b));
    expect(a[0]).toEqual({ productType: null, processCode: 'A', rate: '1.5000' });
  });

  it('changes the digest when one rate changes by 0.0001', () => {
    const a = normaliseTable(table(['A', '1.0000']));
    expect(tableDigest(a)).not.toBe(tableDigest(normaliseTable(table(['A', '1.0001']))));
  });

  it('refuses a line given twice for the same product type', () => {
    expect(() => normaliseTable([typed2('P1', 'A', '1'), typed2('P1', 'A', '2')])).toThrow(
      PieceRateInputError,
    );
  });
});

describe('normaliseTable keeps a rate already written as it writes it', () => {
  // The definition: parse every rate into units, sort, write every rate again.
  const reference = (items: readonly RateItem[]) =>
    [...indexRateTable(items).values()]
      .sort(compareLines)
      .map(({ productType, processCode, units }) => ({
        productType,
        processCode,
        rate: formatRateUnits(units),
      }));
  const outcome = (f: () => unknown) => {
    try {
      return { value: f() };
    } catch (e) {
      return { refused: (e as PieceRateInputError).details };
    }
  };
  const rateText = fc.oneof(
    fc.stringMatching(/^\d{1,7}(\.\d{0,5})?$/),
    fc.constantFrom('0.0000', '00.5000', '1.2500', '123456.1234', '1234567.0000', '1.25', '1', ''),
    fc.string({ maxLength: 6 }),
  );
  const item = fc.record({
    productType: fc.option(fc.constantFrom('P1', 'P2', ''), { nil: undefined }),
    processCode: fc.constantFrom('A', 'B', 'C', 'D', ''),
    rate: fc.oneof(rateText, fc.constant(1.5 as unknown as string)),
  });

  it('gives what parsing and writing every rate gives, refusals included', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), (items) => {
        expect(outcome(() => normaliseTable(items))).toEqual(outcome(() => reference(items)));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('tableCanonicalJson (the text a digest hashes, written directly)', () => {
  const code = fc.oneof(
    fc.string(),
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,9}$/),
    fc.constantFrom('"', '\\', '\u2028', '\ud800', '😀', '0', '__proto__', ''),
  );
  const line = fc.record({
    productType: fc.option(code, { nil: null }),
    processCode: code,
    rate: fc.oneof(fc.string(), fc.stringMatching(/^\d{1,6}\.\d{4}$/)),
  });

  it('is canonicalJson for any table of normalised lines, whatever order their members came in', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), (lines, reorder) => {
        const given = reorder
          ? lines.map((l) => ({
              rate: l.rate,
              processCode: l.processCode,
              productType: l.productType,
            }))
          : lines;
        expect(tableCanonicalJson(given)).toBe(canonicalJson(lines));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves anything that is not a normalised line to canonicalJson, which writes or refuses it', () => {
    const odd: unknown[][] = [
      [{ productType: null, processCode: 'A', rate: '1.0000', note: 'x' }],
      [{ productType: undefined, processCode: 'A', rate: '1.0000' }],
      [{ processCode: 'A', rate: '1.0000' }],
      [{ productType: null, processCode: 'A', rate: 1.5 }],
      [{ productType: 7, processCode: 'A', rate: '1.0000' }],
      [
        Object.assign(Object.create({ inherited: 1 }), {
          productType: null,
          processCode: 'A',
          rate: '1',
        }),
      ],
      [{ productType: null, processCode: 'A', rate: '1.0000' }, null],
      [{ productType: null, processCode: 'A', rate: '1.0000', 0: 'index-like' }],
    ];
    for (const lines of odd) {
      const direct = (() => {
        try {
          return tableCanonicalJson(lines as never);
        } catch (e) {
          return e;
        }
      })();
      const general = (() => {
        try {
          return canonicalJson(lines);
        } catch (e) {
          return e;
        }
      })();
      expect(direct).toEqual(general);
    }
  });

  it('gives the digest a stored table was committed to', () => {
    const lines = normaliseTable([typed2('P1', 'B', '2'), typed2(null, 'A', '1.5')]);
    expect(tableCanonicalJson(lines)).toBe(
      '[{"processCode":"A","productType":null,"rate":"1.5000"},{"processCode":"B","productType":"P1","rate":"2.0000"}]',
    );
    expect(tableDigest(lines)).toBe(
      createHash('sha256').update(canonicalJson(lines)).digest('hex'),
    );
  });
});

describe('uncoveredLines', () => {
  const catalog = { productTypes: ['P1', 'P2'], processes: ['A', 'B'] };

  it('counts a line for every product type as covering the process', () => {
    expect(uncoveredLines([{ productType: null, processCode: 'A' }], catalog)).toEqual([
      'P1:B',
      'P2:B',
    ]);
  });

  it("names each product type's missing line", () => {
    const lines = [
      { productType: 'P1', processCode: 'A' },
      { productType: 'P2', processCode: 'A' },
      { productType: 'P1', processCode: 'B' },
    ];
    expect(uncoveredLines(lines, catalog)).toEqual(['P2:B']);
  });

  it('names processes when the catalog has no product types', () => {
    expect(uncoveredLines([], { productTypes: [], processes: ['A'] })).toEqual(['A']);
  });
});

const typed2 = (productType: string | null, processCode: string, rate: string) => ({
  productType,
  processCode,
  rate,
});

describe('gapByProcess', () => {
  it('measures the worker rate against the employer rate for each process', () => {
    expect(
      gapByProcess(
        table(['A', '2.6'], ['B', '1.0'], ['X', '5']),
        table(['B', '1.25'], ['A', '2.5'], ['Y', '1'], ['Z', '0']),
      ),
    ).toEqual([
      {
        productType: null,
        processCode: 'A',
        worker: '2.6000',
        employer: '2.5000',
        absolute: '0.1000',
        percent: '4.00',
      },
      {
        productType: null,
        processCode: 'B',
        worker: '1.0000',
        employer: '1.2500',
        absolute: '-0.2500',
        percent: '-20.00',
      },
      {
        productType: null,
        processCode: 'X',
        worker: '5.0000',
        employer: null,
        absolute: null,
        percent: null,
      },
      {
        productType: null,
        processCode: 'Y',
        worker: null,
        employer: '1.0000',
        absolute: null,
        percent: null,
      },
      {
        productType: null,
        processCode: 'Z',
        worker: null,
        employer: '0.0000',
        absolute: null,
        percent: null,
      },
    ]);
  });

  it('gives no percent against an employer rate of zero', () => {
    expect(gapByProcess(table(['A', '0.1']), table(['A', '0']))).toEqual([
      {
        productType: null,
        processCode: 'A',
        worker: '0.1000',
        employer: '0.0000',
        absolute: '0.1000',
        percent: null,
      },
    ]);
  });
});

describe('carryForward', () => {
  const typed = (productType: string | null, processCode: string, rate: string) => ({
    productType,
    processCode,
    rate,
  });
  const last = [
    typed(null, 'A', '1.0000'),
    typed('P1', 'B', '0.5000'),
    typed('P1', 'C', '0.3000'),
    typed('P2', 'B', '0.6000'),
    typed(null, 'D', '2.0000'),
    typed(null, 'E', '0.7000'),
    typed(null, 'F', '0.1000'),
  ];
  const v2: CodeMapping[] = [
    { fromCode: 'A', toCode: 'A2', kind: 'renamed' },
    { fromCode: 'B', toCode: 'BC', kind: 'merged' },
    { fromCode: 'C', toCode: 'BC', kind: 'merged' },
    { fromCode: 'D', toCode: 'D1', kind: 'split' },
    { fromCode: 'D', toCode: 'D2', kind: 'split' },
    { fromCode: 'E', toCode: null, kind: 'retired' },
  ];

  it('renames, sums merged processes per product type, drops split and retired ones', () => {
    expect(carryForward(last, [v2])).toEqual([
      typed(null, 'A2', '1.0000'),
      typed(null, 'F', '0.1000'),
      typed('P1', 'BC', '0.8000'),
      typed('P2', 'BC', '0.6000'),
    ]);
  });

  it('follows a chain of versions', () => {
    const v3: CodeMapping[] = [{ fromCode: 'A2', toCode: 'A3', kind: 'renamed' }];
    expect(carryForward(last, [v2, v3]).map((l) => l.processCode)).toEqual(['A3', 'F', 'BC', 'BC']);
  });

  it('changes nothing without mappings', () => {
    expect(carryForward(last, [])).toEqual(normaliseTable(last));
  });
});
