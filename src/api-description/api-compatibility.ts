// Whether a new OpenAPI description keeps the promises of a released one (ADR 0024). A client built
// against the released description must keep working: nothing it calls disappears, nothing it reads
// vanishes or changes type, nothing it sends becomes insufficient. Pure: documents in, changes out.

export type BreakingKind =
  | 'operation-removed'
  | 'success-status-changed'
  | 'response-property-removed'
  | 'response-type-changed'
  | 'request-type-changed'
  | 'request-required-added'
  | 'parameter-required-added'
  | 'enum-value-removed';

export interface BreakingChange {
  kind: BreakingKind;
  where: string;
  message: string;
}

type Json = Record<string, unknown>;
interface Doc extends Json {
  info?: { version?: string };
  paths?: Record<string, Record<string, Json>>;
  components?: { schemas?: Record<string, Json> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

// A schema with its $ref followed and allOf folded in, and the name it was reached by (for cycles).
function resolve(doc: Doc, schema: unknown): { schema: Json; ref: string | null } {
  let s = obj(schema);
  let ref: string | null = null;
  for (let hops = 0; typeof s.$ref === 'string' && hops < 32; hops++) {
    ref = s.$ref as string;
    const name = ref.replace('#/components/schemas/', '');
    s = obj(doc.components?.schemas?.[name]);
  }
  if (!Array.isArray(s.allOf)) return { schema: s, ref };
  const merged: Json = {
    ...s,
    properties: { ...obj(s.properties) },
    required: [...((s.required as string[]) ?? [])],
  };
  delete merged.allOf;
  for (const part of s.allOf) {
    const r = resolve(doc, part).schema;
    Object.assign(merged.properties as Json, obj(r.properties));
    (merged.required as string[]).push(...((r.required as string[]) ?? []));
    if (r.type && !merged.type) merged.type = r.type;
  }
  return { schema: merged, ref };
}

// 3.0 says `nullable: true`, 3.1 says `type: [x, 'null']`; both are read as a set of types.
function typesOf(s: Json): string | null {
  if (s.type === undefined) return null;
  const types = new Set(Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]);
  if (s.nullable === true) types.add('null');
  return [...types].sort().join('|');
}

type Direction = 'request' | 'response';

class Comparison {
  readonly changes: BreakingChange[] = [];

  constructor(
    private readonly base: Doc,
    private readonly next: Doc,
  ) {}

  add(kind: BreakingKind, where: string, message: string) {
    this.changes.push({ kind, where, message });
  }

  // `within` holds the named schemas on the way here, so a schema that contains itself ends the walk.
  schemas(
    baseSchema: unknown,
    nextSchema: unknown,
    where: string,
    direction: Direction,
    within: ReadonlySet<string> = new Set(),
  ) {
    const b = resolve(this.base, baseSchema);
    const n = resolve(this.next, nextSchema);
    const key = `${b.ref}:${n.ref}`;
    if (b.ref && n.ref && within.has(key)) return;
    const inner = b.ref && n.ref ? new Set([...within, key]) : within;
    const [bs, ns] = [b.schema, n.schema];
    const [bt, nt] = [typesOf(bs), typesOf(ns)];
    if (bt !== null && nt !== null && bt !== nt)
      this.add(
        direction === 'response' ? 'response-type-changed' : 'request-type-changed',
        where,
        `type was ${bt}, is now ${nt}`,
      );
    if (Array.isArray(bs.enum)) {
      const kept = new Set(Array.isArray(ns.enum) ? ns.enum : []);
      const removed = bs.enum.filter((v) => Array.isArray(ns.enum) && !kept.has(v));
      if (removed.length)
        this.add('enum-value-removed', where, `enum values removed: ${removed.join(', ')}`);
    }
    const [bp, np] = [obj(bs.properties), obj(ns.properties)];
    if (direction === 'request') {
      const wasRequired = new Set((bs.required as string[]) ?? []);
      for (const name of (ns.required as string[]) ?? [])
        if (!wasRequired.has(name))
          this.add(
            'request-required-added',
            `${where}.${name}`,
            `property ${name} is now required`,
          );
    }
    for (const name of Object.keys(bp)) {
      if (name in np) this.schemas(bp[name], np[name], `${where}.${name}`, direction, inner);
      else if (direction === 'response')
        this.add('response-property-removed', `${where}.${name}`, `property ${name} was removed`);
    }
    if (bs.items !== undefined && ns.items !== undefined)
      this.schemas(bs.items, ns.items, `${where}[]`, direction, inner);
    if (bs.additionalProperties && ns.additionalProperties)
      this.schemas(
        bs.additionalProperties,
        ns.additionalProperties,
        `${where}{}`,
        direction,
        inner,
      );
  }

  operation(path: string, method: string, b: Json, n: Json) {
    const at = `${method.toUpperCase()} ${path}`;
    const params = (op: Json) =>
      new Map(
        ((op.parameters as Json[]) ?? []).map((p) => [`${String(p.in)}:${String(p.name)}`, p]),
      );
    const [bParams, nParams] = [params(b), params(n)];
    for (const [key, p] of nParams) {
      const before = bParams.get(key);
      if (p.required === true && before?.required !== true)
        this.add('parameter-required-added', `${at} ${key}`, `parameter ${p.name} is now required`);
      if (before) this.schemas(before.schema, p.schema, `${at} ${key}`, 'request');
    }
    const [bBody, nBody] = [obj(b.requestBody), obj(n.requestBody)];
    if (nBody.required === true && bBody.required !== true)
      this.add('request-required-added', `${at} body`, 'the request body is now required');
    const json = (body: Json) => obj(obj(body.content)['application/json']).schema;
    if (json(bBody) !== undefined && json(nBody) !== undefined)
      this.schemas(json(bBody), json(nBody), `${at} body`, 'request');

    const [bRes, nRes] = [obj(b.responses), obj(n.responses)];
    for (const status of Object.keys(bRes).filter((s) => /^2/.test(s))) {
      if (!(status in nRes)) {
        const now = Object.keys(nRes).filter((s) => /^2/.test(s));
        this.add(
          'success-status-changed',
          at,
          `success status ${status} is now ${now.join(', ') || 'gone'}`,
        );
        continue;
      }
      const [bSchema, nSchema] = [json(obj(bRes[status])), json(obj(nRes[status]))];
      if (bSchema === undefined) continue;
      if (nSchema === undefined)
        this.add('response-type-changed', `${at} ${status}`, 'the JSON response body was removed');
      else this.schemas(bSchema, nSchema, `${at} ${status}`, 'response');
    }
  }
}

export function breakingChanges(base: Doc, next: Doc): BreakingChange[] {
  const c = new Comparison(base, next);
  for (const [path, item] of Object.entries(base.paths ?? {}))
    for (const method of METHODS.filter((m) => m in obj(item))) {
      const after = obj(next.paths?.[path])[method];
      if (after === undefined)
        c.add('operation-removed', `${method.toUpperCase()} ${path}`, 'the operation was removed');
      else c.operation(path, method, obj(obj(item)[method]), obj(after));
    }
  return c.changes;
}

const major = (version: string | undefined) => Number(/^\d+/.exec(version ?? '')?.[0] ?? NaN);

// A heading for the version in docs/api/CHANGES.md: `## 2` or `## 2.0.0 (2027-01-10)`.
export function hasVersionNote(changes: string, version: string): boolean {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^##\\s+v?${escaped}(\\s|$)`, 'm').test(changes);
}

export interface Verdict {
  ok: boolean;
  breaking: BreakingChange[];
  message: string;
}

// Breaking changes are allowed only with a raised major version and a note saying what broke.
export function compatibilityVerdict(released: Doc, current: Doc, changesNote: string): Verdict {
  const breaking = breakingChanges(released, current);
  const [was, is] = [released.info?.version ?? '?', current.info?.version ?? '?'];
  if (breaking.length === 0) return { ok: true, breaking, message: 'compatible' };
  const raised = major(is) > major(was);
  const noted = hasVersionNote(changesNote, is);
  const list = breaking.map((b) => `  - ${b.kind}: ${b.where}: ${b.message}`).join('\n');
  if (raised && noted)
    return { ok: true, breaking, message: `breaking changes released as ${is} (noted)` };
  return {
    ok: false,
    breaking,
    message: [
      `the API description breaks clients of the released ${was}:`,
      list,
      `Either keep the old shape, or raise info.version's major (now ${is}, released ${was})` +
        ` and add a "## <version>" entry to docs/api/CHANGES.md saying what broke and how to migrate.`,
    ].join('\n'),
  };
}

// The newest released description, by version: openapi-2.json after openapi-1.10.json.
export function newestRelease(fileNames: string[]): string | null {
  const versionOf = (f: string) => /^openapi-(.+)\.json$/.exec(f)?.[1];
  const parts = (v: string) => v.split('.').map((x) => Number(x) || 0);
  const releases = fileNames.filter((f) => versionOf(f) !== undefined);
  releases.sort((a, b) => {
    const [pa, pb] = [parts(versionOf(a)!), parts(versionOf(b)!)];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++)
      if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
    return 0;
  });
  return releases.at(-1) ?? null;
}
