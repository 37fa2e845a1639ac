import { describe, expect, it } from '@jest/globals';
import { DomainError } from './domain-error.js';
import { MAX_ARRAY_LENGTH, MAX_INPUT_DEPTH, MAX_OBJECT_KEYS, checkInput } from './input-guard.js';

// The refusal's code, message and details for a value; the paths in them are what a client acts on.
function refusal(value: unknown, root = 'body') {
  try {
    checkInput(value, root);
    return null;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { code: e.code, message: e.message, details: e.details };
  }
}

describe('checkInput names the place of what it refuses', () => {
  it('accepts an ordinary body', () => {
    const items = Array.from({ length: 2106 }, (_, i) => ({
      productType: 'V-SJ',
      processCode: `P-${i}`,
      rate: '1.2500',
    }));
    expect(refusal({ type: 'offer.tabled', payload: { items, note: '说明' } })).toBeNull();
  });

  it('a NUL in a value deep in a list', () => {
    const body = { payload: { items: [{ rate: '1' }, { processCode: 'A', rate: 'x\u0000' }] } };
    expect(refusal(body)).toEqual({
      code: 'INPUT_TEXT_INVALID',
      message:
        'body.payload.items[1].rate contains a NUL character (U+0000); send valid Unicode text without control character U+0000',
      details: {
        field: 'body.payload.items[1].rate',
        problem: 'contains a NUL character (U+0000)',
      },
    });
  });

  it('an unpaired surrogate in a field name, and a bad root value', () => {
    expect(refusal({ a: [{ ['k\ud800']: 1 }] })?.details).toEqual({
      field: 'a field name in body.a[0]',
      problem: 'contains an unpaired UTF-16 surrogate (not valid Unicode text)',
    });
    expect(refusal('\u0000', 'path')?.details).toMatchObject({ field: 'path' });
  });

  it('a prototype-shaped key', () => {
    expect(refusal({ payload: { items: [{ constructor: { x: 1 } }] } })).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'body.payload.items[0].constructor is not accepted; remove it',
      details: {
        fields: [
          {
            field: 'body.payload.items[0].constructor',
            problems: ['property constructor should not exist'],
          },
        ],
      },
    });
  });

  it('nesting, long lists and wide objects', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH + 1; i++) deep = [deep];
    expect(refusal({ a: deep })).toMatchObject({
      code: 'INPUT_TOO_DEEP',
      details: { field: `body.a${'[0]'.repeat(MAX_INPUT_DEPTH - 1)}` },
    });
    expect(refusal({ a: { b: new Array(MAX_ARRAY_LENGTH + 1).fill(1) } })).toMatchObject({
      code: 'INPUT_TOO_LARGE',
      details: { field: 'body.a.b', limit: MAX_ARRAY_LENGTH },
    });
    const wide = Object.fromEntries(
      Array.from({ length: MAX_OBJECT_KEYS + 1 }, (_, i) => [`k${i}`, i]),
    );
    expect(refusal({ list: [wide] })).toMatchObject({
      code: 'INPUT_TOO_LARGE',
      details: { field: 'body.list[0]', limit: MAX_OBJECT_KEYS },
    });
  });
});
