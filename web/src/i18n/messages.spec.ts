import { describe, expect, it } from '@jest/globals';
import { en } from './en.js';
import { zh } from './zh.js';

// Every key in one catalog is in the other, and no message is empty: a screen never shows a raw key.
function keys(catalog: object, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}

function messages(catalog: object): string[] {
  return Object.values(catalog).flatMap((v) =>
    typeof v === 'string' ? [v] : messages(v as object),
  );
}

describe('the console’s message catalogs', () => {
  it('have the same keys in Chinese and English', () => {
    const zhKeys = keys(zh);
    const enKeys = keys(en);
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
    expect(zhKeys.length).toBeGreaterThan(50);
  });

  it('have no empty message', () => {
    expect(messages(zh).filter((m) => m.trim() === '')).toEqual([]);
    expect(messages(en).filter((m) => m.trim() === '')).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (m: string) => [...m.matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]).sort();
    const zhMessages = Object.fromEntries(keys(zh).map((k, i) => [k, messages(zh)[i]]));
    const enMessages = Object.fromEntries(keys(en).map((k, i) => [k, messages(en)[i]]));
    const differing = Object.keys(zhMessages).filter(
      (k) => JSON.stringify(vars(zhMessages[k]!)) !== JSON.stringify(vars(enMessages[k] ?? '')),
    );
    expect(differing).toEqual([]);
  });
});
