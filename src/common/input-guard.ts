import { Readable } from 'node:stream';
import { DomainError } from './domain-error.js';

// Refusals the database or the validators would otherwise turn into a 500, checked once at the edge on
// the parsed body, the query and the path parameters (issue 8, item 4).

// Our deepest real body is 4 levels (an event's payload → items → line → field); class-transformer
// recurses without a bound and overflows the stack on a few thousand.
export const MAX_INPUT_DEPTH = 16;

// A 1 MB body can hold 500,000 values or one object of 80,000 keys, which class-transformer and
// class-validator then take tens of seconds to walk and refuse (measured). No request object has more
// than 15 fields, no list bound in a DTO passes 5,000 items, and the largest real body (a draft with
// its table, baseline and outputs at 5,000 lines) holds about 70,000 values.
export const MAX_OBJECT_KEYS = 100;
export const MAX_ARRAY_LENGTH = 10_000;
export const MAX_INPUT_VALUES = 100_000;

// Names that reach the prototype machinery of class-transformer or of code that copies objects; the
// JSON parser already refuses `__proto__` and `constructor.prototype`, these refuse the rest.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// (String.prototype.isWellFormed is ES2024; the project's lib is ES2023.)
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// PostgreSQL refuses U+0000 in text and jsonb, and jsonb refuses an unpaired surrogate escape.
function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(s))
    return 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  return null;
}

const textInvalid = (field: string, problem: string) =>
  new DomainError(
    'INPUT_TEXT_INVALID',
    `${field} ${problem}; send valid Unicode text without control character U+0000`,
    { field, problem },
  );

const tooLarge = (field: string, what: string, limit: number) =>
  new DomainError(
    'INPUT_TOO_LARGE',
    `${field} holds ${what}; no request here needs that many. Send less`,
    { field, limit },
  );

// Walks a value iteratively (so a deeply nested body cannot overflow this check either) and throws the
// first problem: bad text in a value or a key, a forbidden key, nesting past MAX_INPUT_DEPTH, or more
// values, items or fields than the bounds above.
// A spreadsheet upload's body: the unread request stream (ADR 0016), or bytes; never walked as JSON.
export const isRawUpload = (v: unknown): boolean => Buffer.isBuffer(v) || v instanceof Readable;

// Where a value sits: its container's place and its key. A path string is written only for a refusal:
// building one for each of the 8,000-odd values of a 2,106-line offer cost more than the checks did
// (issue 10). The paths are the same as before ("body.payload.items[3].rate").
interface Place {
  parent: Place | null;
  key: string | number;
}

const pathOf = (at: Place): string =>
  at.parent === null
    ? String(at.key)
    : typeof at.key === 'number'
      ? `${pathOf(at.parent)}[${at.key}]`
      : `${pathOf(at.parent)}.${at.key}`;

export function checkInput(value: unknown, root: string): void {
  // One stack of values with their container and key beside it, not a tuple per value.
  const values: unknown[] = [value];
  const parents: (Place | null)[] = [null];
  const keys: (string | number)[] = [root];
  const depths: number[] = [0];
  let seen = 0;
  while (values.length > 0) {
    const v = values.pop();
    const parent = parents.pop()!;
    const key = keys.pop()!;
    const depth = depths.pop()!;
    if (++seen > MAX_INPUT_VALUES)
      throw tooLarge(root, `more than ${MAX_INPUT_VALUES} values`, MAX_INPUT_VALUES);
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) throw textInvalid(pathOf({ parent, key }), problem);
      continue;
    }
    if (v === null || typeof v !== 'object' || isRawUpload(v)) continue;
    const at: Place = { parent, key };
    if (depth >= MAX_INPUT_DEPTH)
      throw new DomainError(
        'INPUT_TOO_DEEP',
        `${pathOf(at)} is nested deeper than ${MAX_INPUT_DEPTH} levels of objects and arrays; no request here needs more than 5`,
        { field: pathOf(at), limit: MAX_INPUT_DEPTH },
      );
    if (Array.isArray(v)) {
      if (v.length > MAX_ARRAY_LENGTH)
        throw tooLarge(
          pathOf(at),
          `a list of more than ${MAX_ARRAY_LENGTH} items`,
          MAX_ARRAY_LENGTH,
        );
      for (let i = 0; i < v.length; i++) {
        values.push(v[i]);
        parents.push(at);
        keys.push(i);
        depths.push(depth + 1);
      }
      continue;
    }
    const own = Object.keys(v);
    if (own.length > MAX_OBJECT_KEYS)
      throw tooLarge(
        pathOf(at),
        `an object of more than ${MAX_OBJECT_KEYS} fields`,
        MAX_OBJECT_KEYS,
      );
    for (const k of own) {
      const problem = textProblem(k);
      if (problem) throw textInvalid(`a field name in ${pathOf(at)}`, problem);
      if (FORBIDDEN_KEYS.has(k)) {
        const field = `${pathOf(at)}.${k}`;
        throw new DomainError('VALIDATION_FAILED', `${field} is not accepted; remove it`, {
          fields: [{ field, problems: [`property ${k} should not exist`] }],
        });
      }
      values.push((v as Record<string, unknown>)[k]);
      parents.push(at);
      keys.push(k);
      depths.push(depth + 1);
    }
  }
}

// Query strings give an array for a repeated name; no route takes one, and handlers expect a string.
export function checkQuery(query: unknown): void {
  if (query === null || typeof query !== 'object') return;
  for (const [name, value] of Object.entries(query))
    if (Array.isArray(value))
      throw new DomainError('VALIDATION_FAILED', `the query parameter ${name} is given twice`, {
        fields: [{ field: name, problems: ['must be given at most once'] }],
      });
  checkInput(query, 'query');
}

// Nest on Fastify also parses HTML form bodies (into objects without a prototype, which the request hash
// refuses with a 500); this API takes JSON, and spreadsheets where a route says so.
const ACCEPTED_TYPES = new Set([
  'application/json',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
]);

export function checkMediaType(contentType: string | undefined, body: unknown): void {
  if (body === undefined || body === null) return;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!ACCEPTED_TYPES.has(type))
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      `a body of type ${type || '(none)'} is not accepted; send JSON with Content-Type: application/json (spreadsheet uploads: the XLSX or CSV type)`,
      { contentType: type },
    );
}
