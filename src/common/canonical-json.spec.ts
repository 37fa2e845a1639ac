import { createHash } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson, sha256Hex } from './canonical-json.js';

describe('canonicalJson', () => {
  it.each([
    ['null', null, 'null'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['an integer', 42, '42'],
    ['a negative zero as plain zero', -0, '0'],
    ['a decimal in shortest form', 4.5, '4.5'],
    ['a large number in exponent form', 1e30, '1e+30'],
    ['a tiny number in exponent form', 1e-27, '1e-27'],
    ['a string with quotes and a newline', 'a"b\nc', '"a\\"b\\nc"'],
    ['a non-ASCII string without escaping it', '工资 €', '"工资 €"'],
    ['an empty array', [], '[]'],
    ['an empty object', {}, '{}'],
  ])('encodes %s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('sorts object keys at every depth', () => {
    const value = { b: 1, a: { z: [{ y: 1, x: 2 }], c: { q: true, p: null } } };
    expect(canonicalJson(value)).toBe('{"a":{"c":{"p":null,"q":true},"z":[{"x":2,"y":1}]},"b":1}');
  });

  it('keeps array order as given', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('sorts keys by UTF-16 code units, not by locale', () => {
    // Upper-case letters (0x41..) come before lower-case ones (0x61..).
    expect(canonicalJson({ b: 1, a: 2, B: 3, A: 4 })).toBe('{"A":4,"B":3,"a":2,"b":1}');
  });

  it('sorts keys the way RFC 8785 section 3.2.3 does, surrogate pairs included', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // JSON escapes only the carriage return; the other keys appear as themselves.
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('matches the RFC 8785 section 3.2.2 example', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it('drops object members whose value is undefined', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson({ nested: [value] })).toThrow(TypeError);
  });

  it.each([
    ['a bigint', 1n],
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['undefined on its own', undefined],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('gives the same text and hash for the same value with keys in a different order', () => {
    const a = { negotiationId: 'n1', seq: 2, actor: { side: 'worker', memberRef: 'm1' } };
    const b = { actor: { memberRef: 'm1', side: 'worker' }, seq: 2, negotiationId: 'n1' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(sha256Hex(canonicalJson(a))).toBe(sha256Hex(canonicalJson(b)));
  });

  it('hashes the canonical text, not the insertion-order text', () => {
    const expected = createHash('sha256').update('{"a":1,"b":2}', 'utf8').digest('hex');
    expect(sha256Hex(canonicalJson({ b: 2, a: 1 }))).toBe(expected);
  });
});

// The definition as it stood before the fast path (issue 10): every stored digest and chain hash was
// computed with it, so the fast path must give the same text for every value, or refuse alike.
function reference(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('non-finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (
    typeof value === 'object' &&
    Object.getPrototypeOf(value) !== Object.prototype &&
    Object.getPrototypeOf(value) !== null
  )
    throw new TypeError('not plain');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  throw new TypeError(`cannot encode a ${typeof value}`);
}

const outcome = (f: () => string) => {
  try {
    return { text: f() };
  } catch (e) {
    return { refused: e instanceof TypeError };
  }
};

describe('canonicalJson against the definition it replaced', () => {
  // Keys that JSON.stringify would reorder (index-like), __proto__, unicode and surrogates.
  const key = fc.oneof(
    fc.string(),
    fc.constantFrom(
      '0',
      '1',
      '10',
      '9',
      '-1',
      '1.5',
      '01',
      '__proto__',
      'constructor',
      '\ud83d\ude00',
      '\u20ac',
    ),
    fc.nat().map(String),
  );
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant(-0),
    ),
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('leaf'),
      fc.array(tie('node'), { maxLength: 5 }),
      fc.sparseArray(tie('leaf'), { maxLength: 5 }),
      fc.dictionary(key, tie('node'), { maxKeys: 6 }),
      fc.dictionary(key, tie('node'), { maxKeys: 4, noNullPrototype: false }),
    ),
  })).node;

  it('gives the same text for any value, or refuses it alike', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(outcome(() => canonicalJson(v))).toEqual(outcome(() => reference(v)));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same text for rate tables in either key order, as offers are sent and stored', () => {
    const line = fc.record({
      productType: fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,9}$/)),
      processCode: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,9}$/),
      rate: fc.stringMatching(/^\d{1,6}(\.\d{1,4})?$/),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 50 }), (lines) => {
        const reordered = lines.map(({ rate, processCode, productType }) => ({
          rate,
          processCode,
          productType,
        }));
        expect(canonicalJson(lines)).toBe(reference(lines));
        expect(canonicalJson({ method: 'POST', body: { items: reordered } })).toBe(
          reference({ method: 'POST', body: { items: lines } }),
        );
      }),
    );
  });
});

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('matches the FIPS 180-2 test vector for %j', (text, expected) => {
    expect(sha256Hex(text)).toBe(expected);
  });

  it('hashes text as UTF-8', () => {
    // '€' is E2 82 AC in UTF-8.
    const expected = createHash('sha256')
      .update(Buffer.from([0xe2, 0x82, 0xac]))
      .digest('hex');
    expect(sha256Hex('€')).toBe(expected);
  });
});
