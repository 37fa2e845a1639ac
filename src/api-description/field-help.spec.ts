import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';

// The console is Chinese first, and its event forms are drawn from the payload schemas: every field
// of an event's payload that the API describes carries its Chinese help too (`x-zh`, helpZh in
// src/common/api-contract.ts), so a new event or industry cannot bring English-only forms. Read from
// the committed description, which api-compatibility.spec keeps equal to what the server serves.
type Schema = {
  $ref?: string;
  description?: string;
  'x-zh'?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
};
const doc = JSON.parse(readFileSync('docs/api/openapi.json', 'utf8')) as {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>
  >;
  components: { schemas: Record<string, Schema> };
};
const schemas = doc.components.schemas;
const refName = (ref: string) => ref.replace('#/components/schemas/', '');

// Every property reachable from the events' request body, by schema and name.
function described(): { field: string; schema: Schema }[] {
  const seen = new Set<string>();
  const out: { field: string; schema: Schema }[] = [];
  const visit = (s: Schema | undefined, owner: string) => {
    if (!s) return;
    if (s.$ref) {
      const name = refName(s.$ref);
      if (seen.has(name)) return;
      seen.add(name);
      visit(schemas[name], name);
      return;
    }
    for (const sub of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])])
      visit(sub, owner);
    visit(s.items, owner);
    for (const [name, p] of Object.entries(s.properties ?? {})) {
      out.push({ field: `${owner}.${name}`, schema: p });
      visit(p, owner);
    }
  };
  const body = doc.paths['/api/negotiations/{id}/events'].post.requestBody!;
  visit(body.content['application/json'].schema, 'body');
  return out;
}

describe('event forms in Chinese', () => {
  const fields = described();

  it('walks the payloads of every event type', () => {
    // A walk that found nothing would pass the next test; the three industries' forms hold dozens.
    expect(fields.filter((f) => f.field.includes('Payload.')).length).toBeGreaterThan(60);
  });

  it('gives every described payload field its Chinese help', () => {
    const missing = fields
      .filter((f) => /(Payload|Dto)\./.test(f.field))
      .filter((f) => f.schema.description && !f.schema['x-zh'])
      .map((f) => f.field);
    expect(missing).toEqual([]);
  });
});
