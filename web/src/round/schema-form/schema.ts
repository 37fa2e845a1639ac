// The pure half of the event forms: an event's payload schema (from GET /api/openapi.json) turned into
// field descriptors a renderer draws, the form's values turned back into the payload the API takes, and
// the API's refusals put back on the fields they concern. No React here: the unit tier tests it whole.
// A new event or a new industry brings its own schema; nothing here names an event.

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  description?: string;
  'x-zh'?: string;
  default?: unknown;
  example?: unknown;
  additionalProperties?: boolean | JsonSchema;
}
export type Schemas = Record<string, JsonSchema>;

// What a field refers to when its value is an id the round already knows (people, offers).
export type Reference = 'person' | 'offer';

interface FieldBase {
  name: string;
  // The antd Form name path from the payload's root (indices omitted inside list rows).
  path: (string | number)[];
  required: boolean;
  nullable: boolean;
  description?: string;
  // The field's help in Chinese (the API's `x-zh` beside its English description).
  descriptionZh?: string;
  example?: unknown;
  default?: unknown;
}
export type Field =
  | (FieldBase & { kind: 'text'; maxLength?: number; minLength?: number; long: boolean })
  | (FieldBase & { kind: 'date' | 'dateTime' | 'boolean' })
  | (FieldBase & { kind: 'integer' | 'number'; minimum?: number; maximum?: number })
  | (FieldBase & { kind: 'enum'; options: string[] })
  | (FieldBase & { kind: 'reference'; reference: Reference; multiple: boolean })
  | (FieldBase & { kind: 'textList' })
  | (FieldBase & { kind: 'object'; fields: Field[] })
  | (FieldBase & { kind: 'objectList'; fields: Field[] })
  | (FieldBase & { kind: 'json' });

const MAX_DEPTH = 6;

export function refName(ref: string): string {
  return ref.replace(/^#\/components\/schemas\//, '');
}

// $ref followed, allOf merged, and `anyOf: [X, {type: null}]` (or `type: [X, "null"]`) read as a
// nullable X: the shapes the server's description uses.
export function resolve(
  schema: JsonSchema,
  schemas: Schemas,
  depth = 0,
): JsonSchema & { nullable: boolean } {
  if (depth > MAX_DEPTH * 4) throw new Error('schema too deep');
  if (schema.$ref) {
    const target = schemas[refName(schema.$ref)];
    if (!target) throw new Error(`no schema ${schema.$ref}`);
    const { $ref: _ref, ...rest } = schema;
    const base = resolve(target, schemas, depth + 1);
    return { ...base, ...withoutUndefined(rest), nullable: base.nullable };
  }
  let nullable = false;
  let merged: JsonSchema = { ...schema };
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    merged = {};
    for (const part of allOf) {
      const r = resolve(part, schemas, depth + 1);
      nullable ||= r.nullable;
      merged = mergeSchemas(merged, r);
    }
    merged = mergeSchemas(merged, rest);
  }
  const alternatives = merged.anyOf ?? merged.oneOf;
  if (alternatives) {
    const notNull = alternatives.filter((a) => a.type !== 'null');
    if (notNull.length < alternatives.length) nullable = true;
    if (notNull.length === 1) {
      const { anyOf: _a, oneOf: _o, ...rest } = merged;
      const r = resolve(notNull[0], schemas, depth + 1);
      nullable ||= r.nullable;
      merged = mergeSchemas(r, withoutUndefined(rest));
    }
  }
  if (Array.isArray(merged.type)) {
    const types = merged.type.filter((t) => t !== 'null');
    if (types.length < merged.type.length) nullable = true;
    merged = { ...merged, type: types.length === 1 ? types[0] : types };
  }
  const { nullable: _n, ...clean } = merged as JsonSchema & { nullable?: boolean };
  return { ...clean, nullable };
}

function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const { nullable: _n, ...bb } = b as JsonSchema & { nullable?: boolean };
  return {
    ...a,
    ...bb,
    properties: a.properties || bb.properties ? { ...a.properties, ...bb.properties } : undefined,
    required: [...(a.required ?? []), ...(bb.required ?? [])],
  };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const PERSON = /(^|[^a-z])person ids?\b|people registry|\bpersonId\b/i;
const OFFER = /\boffer\b/i;

// A field whose value is an id the round knows, told from its name and description (never from an
// event's name): personId, "person ids of the representatives present", basedOn "the offer it amends".
export function referenceOf(name: string, s: JsonSchema): Reference | null {
  const text = `${name} ${s.description ?? ''}`;
  if (/personIds?$/i.test(name) || PERSON.test(s.description ?? '') || /^attendance$/i.test(name))
    return 'person';
  if (/offerIds?$/i.test(name) || (s.format === 'uuid' && OFFER.test(text))) return 'offer';
  return null;
}

function isType(s: JsonSchema, t: string): boolean {
  return s.type === t || (Array.isArray(s.type) && s.type.includes(t));
}

export function describeFields(
  schema: JsonSchema,
  schemas: Schemas,
  path: (string | number)[] = [],
  depth = 0,
): Field[] {
  const root = resolve(schema, schemas);
  const required = new Set(root.required ?? []);
  return Object.entries(root.properties ?? {}).map(([name, raw]) =>
    describeField(name, raw, schemas, [...path, name], required.has(name), depth),
  );
}

function describeField(
  name: string,
  raw: JsonSchema,
  schemas: Schemas,
  path: (string | number)[],
  required: boolean,
  depth: number,
): Field {
  const s = resolve(raw, schemas);
  const base: FieldBase = {
    name,
    path,
    required,
    nullable: s.nullable,
    ...(s.description ? { description: s.description } : {}),
    ...(s['x-zh'] ? { descriptionZh: s['x-zh'] } : {}),
    ...(s.example !== undefined ? { example: s.example } : {}),
    ...(s.default !== undefined ? { default: s.default } : {}),
  };
  if (depth > MAX_DEPTH) return { ...base, kind: 'json' };
  if (s.enum && s.enum.every((v) => typeof v === 'string'))
    return { ...base, kind: 'enum', options: s.enum as string[] };
  if (isType(s, 'array') && s.items) {
    const item = resolve(s.items, schemas);
    if (isType(item, 'object') || item.properties)
      return {
        ...base,
        kind: 'objectList',
        fields: describeFields(item, schemas, [], depth + 1),
      };
    if (isType(item, 'string')) {
      const reference = referenceOf(name, { ...item, description: s.description });
      return reference
        ? { ...base, kind: 'reference', reference, multiple: true }
        : { ...base, kind: 'textList' };
    }
    return { ...base, kind: 'json' };
  }
  if (isType(s, 'object') || s.properties)
    return { ...base, kind: 'object', fields: describeFields(s, schemas, path, depth + 1) };
  if (isType(s, 'string')) {
    const reference = referenceOf(name, s);
    if (reference) return { ...base, kind: 'reference', reference, multiple: false };
    if (s.format === 'date') return { ...base, kind: 'date' };
    if (s.format === 'date-time') return { ...base, kind: 'dateTime' };
    return {
      ...base,
      kind: 'text',
      ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
      ...(s.minLength !== undefined ? { minLength: s.minLength } : {}),
      long: /^(text|minutes|notes?|content|body|reason)$/i.test(name) || (s.maxLength ?? 0) > 200,
    };
  }
  if (isType(s, 'integer') || isType(s, 'number'))
    return {
      ...base,
      kind: isType(s, 'integer') ? 'integer' : 'number',
      ...(s.minimum !== undefined ? { minimum: s.minimum } : {}),
      ...(s.maximum !== undefined ? { maximum: s.maximum } : {}),
    };
  if (isType(s, 'boolean')) return { ...base, kind: 'boolean' };
  return { ...base, kind: 'json' };
}

// The form's starting values: defaults from the schema, booleans false, lists empty.
export function initialValues(fields: Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.default !== undefined) out[f.name] = f.default;
    else if (f.kind === 'boolean' && f.required) out[f.name] = false;
    else if (f.kind === 'object') out[f.name] = initialValues(f.fields);
    else if (f.kind === 'objectList' && f.required) out[f.name] = [initialValues(f.fields)];
  }
  return out;
}

const empty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

// China's business day: a time entered without a zone is a time in China (UTC+8, no summer time).
export function dateTimeToIso(local: string): string {
  const withSeconds = /T\d{2}:\d{2}$/.test(local) ? `${local}:00` : local;
  return /[zZ]|[+-]\d{2}:\d{2}$/.test(withSeconds) ? withSeconds : `${withSeconds}+08:00`;
}

// The payload from the form's values: empty optional fields left out, an empty required nullable
// field sent as null, numbers as numbers, times with China's offset, list rows each converted.
export function toPayload(fields: Field[], values: Record<string, unknown> | undefined) {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values?.[f.name];
    const converted = convert(f, v);
    if (converted !== undefined) out[f.name] = converted;
    else if (f.required && f.nullable) out[f.name] = null;
  }
  return out;
}

function convert(f: Field, v: unknown): unknown {
  switch (f.kind) {
    case 'object': {
      const inner = toPayload(f.fields, v as Record<string, unknown>);
      return Object.keys(inner).length === 0 && !f.required ? undefined : inner;
    }
    case 'objectList': {
      const rows = ((v as Record<string, unknown>[] | undefined) ?? []).filter(
        (row) => row && Object.values(row).some((x) => !empty(x)),
      );
      return rows.length === 0 && !f.required ? undefined : rows.map((r) => toPayload(f.fields, r));
    }
    case 'textList':
    case 'reference': {
      if (f.kind === 'reference' && !f.multiple) return empty(v) ? undefined : String(v).trim();
      const list = ((v as unknown[] | undefined) ?? [])
        .map((x) => String(x).trim())
        .filter(Boolean);
      return list.length === 0 && !f.required ? undefined : list;
    }
    case 'boolean':
      return v === undefined ? undefined : Boolean(v);
    case 'integer':
    case 'number':
      return empty(v) ? undefined : Number(v);
    case 'dateTime':
      return empty(v) ? undefined : dateTimeToIso(String(v).trim());
    case 'json':
      if (empty(v)) return undefined;
      try {
        return JSON.parse(String(v));
      } catch {
        return v;
      }
    default:
      return empty(v) ? undefined : typeof v === 'string' ? v.trim() : v;
  }
}

// The API names the fields it refuses: VALIDATION_FAILED as details.fields[{field: "payload.x.0.y",
// problems}], RULE_VIOLATED as details.violations[{field: "x", message}] (relative to the payload).
// Each becomes a form name path; a field the form does not draw hands its message to the nearest
// ancestor it does, and what concerns no field is left for the alert.
export interface FieldProblem {
  path: (string | number)[];
  messages: string[];
}
export function problemsOnFields(
  fields: Field[],
  details: unknown,
): { onFields: FieldProblem[]; elsewhere: string[] } {
  const raw: { field?: string; messages: string[] }[] = [];
  const d = (details ?? {}) as {
    fields?: { field?: string; problems?: string[] }[];
    violations?: { field?: string; message?: string }[];
  };
  for (const f of d.fields ?? []) raw.push({ field: f.field, messages: f.problems ?? [] });
  for (const v of d.violations ?? []) raw.push({ field: v.field, messages: [v.message ?? ''] });
  const byPath = new Map<string, FieldProblem>();
  const elsewhere: string[] = [];
  for (const { field, messages } of raw) {
    const path = field ? drawnPath(fields, field.replace(/^payload\.?/, '')) : null;
    if (!path) {
      elsewhere.push(...messages);
      continue;
    }
    const key = JSON.stringify(path);
    const seen = byPath.get(key);
    if (seen) seen.messages.push(...messages);
    else byPath.set(key, { path, messages: [...messages] });
  }
  return { onFields: [...byPath.values()], elsewhere };
}

function drawnPath(fields: Field[], dotted: string): (string | number)[] | null {
  if (!dotted) return null;
  const parts = dotted.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const out: (string | number)[] = [];
  let level: Field[] | null = fields;
  let i = 0;
  while (i < parts.length && level) {
    const found: Field | undefined = level.find((f) => f.name === parts[i]);
    if (!found) break;
    out.push(found.name);
    i++;
    if (found.kind === 'object') level = found.fields;
    else if (found.kind === 'objectList' && typeof parts[i] === 'number') {
      out.push(parts[i] as number);
      i++;
      level = found.fields;
    } else level = null;
  }
  return out.length > 0 ? out : null;
}
