import { createHash } from 'node:crypto';

// RFC 8785 (JSON Canonicalization Scheme) for the values the history holds: strings, finite numbers,
// booleans, null, arrays and plain objects. Keys sort by UTF-16 code units, which is what JS sort does;
// numbers use ECMAScript's shortest form, which RFC 8785 adopts. Any verifier can recompute a hash.
export function canonicalJson(value: unknown): string {
  // A 2,106-line rate table is hashed on every offer (its digest, and the request's idempotency hash):
  // the common case is a copy with sorted keys, serialised by JSON.stringify in one native pass. That
  // is the same text: JSON.stringify writes strings, numbers and keys as above and members in the
  // order they were added, except for keys that look like array indices (it puts those first), which
  // take the general path below with anything else out of the ordinary (issue 10).
  const copy = sortedCopy(value);
  return copy === UNUSUAL ? generalCanonicalJson(value) : JSON.stringify(copy);
}

const UNUSUAL = Symbol('unusual');

function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : UNUSUAL;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const copy = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return UNUSUAL;
          const item = sortedCopy(value[i]);
          if (item === UNUSUAL) return UNUSUAL;
          copy[i] = item;
        }
        return copy;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return UNUSUAL;
      const record = value as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      // sort() without a comparator orders strings by UTF-16 code units, as RFC 8785 requires.
      for (const key of Object.keys(record).sort()) {
        const first = key.charCodeAt(0);
        // An index-like key ("0", "12") would be moved to the front; "__proto__" would set the prototype.
        if ((first >= 48 && first <= 57) || key === '__proto__') return UNUSUAL;
        const member = record[key];
        if (member === undefined) continue;
        const item = sortedCopy(member);
        if (item === UNUSUAL) return UNUSUAL;
        copy[key] = item;
      }
      return copy;
    }
    default:
      return UNUSUAL;
  }
}

// The definition, for any value: also the one that refuses what canonical JSON cannot encode.
function generalCanonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new TypeError('canonical JSON has no representation for non-finite numbers');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(generalCanonicalJson).join(',')}]`;
  if (
    typeof value === 'object' &&
    Object.getPrototypeOf(value) !== Object.prototype &&
    Object.getPrototypeOf(value) !== null
  )
    throw new TypeError(
      'canonical JSON takes plain objects only; convert dates and class instances first',
    );
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${generalCanonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot encode a ${typeof value}`);
}

export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');
