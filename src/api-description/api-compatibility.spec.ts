import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANGES_PATH, DESCRIPTION_PATH, RELEASED_DIR } from './api-description.js';
import {
  breakingChanges,
  compatibilityVerdict,
  hasVersionNote,
  newestRelease,
} from './api-compatibility.js';

// A small released description: one read with a response schema, one write with a body and a query.
const released = () => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/rounds/{id}': {
      get: {
        parameters: [
          { in: 'path', name: 'id', required: true, schema: { type: 'string' } },
          {
            in: 'query',
            name: 'lang',
            required: false,
            schema: { type: 'string', enum: ['zh', 'en'] },
          },
        ],
        responses: {
          '200': {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Round' } } },
          },
        },
      },
      delete: { responses: { '204': { description: 'gone' } } },
    },
    '/api/rounds': {
      post: {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/OpenRound' } } },
        },
        responses: {
          '201': {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Round' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Round: {
        type: 'object',
        required: ['id', 'revision', 'state'],
        properties: {
          id: { type: 'string' },
          revision: { type: 'integer' },
          state: { type: 'string', enum: ['open', 'agreed', 'failed'] },
          sessions: { type: 'array', items: { $ref: '#/components/schemas/Session' } },
        },
      },
      Session: { type: 'object', properties: { number: { type: 'integer' } } },
      OpenRound: {
        type: 'object',
        required: ['year'],
        properties: { year: { type: 'integer' }, title: { type: 'string' } },
      },
    },
  },
});
type Doc = ReturnType<typeof released>;
const changed = (edit: (d: Doc) => void): Doc => {
  const d = released();
  edit(d);
  return d;
};
const kinds = (next: Doc) => breakingChanges(released(), next).map((c) => [c.kind, c.where]);

describe('breaking changes against a released description', () => {
  it('finds none when nothing changed', () => {
    expect(breakingChanges(released(), released())).toEqual([]);
  });

  it('lets additions through: a new path, an optional parameter, response property and request property', () => {
    const next = changed((d) => {
      (d.paths as Record<string, unknown>)['/api/rounds/{id}/history'] = {
        get: { responses: { '200': {} } },
      };
      d.paths['/api/rounds/{id}'].get.parameters.push({
        in: 'query',
        name: 'page',
        required: false,
        schema: { type: 'string' },
      });
      (d.components.schemas.Round.properties as Record<string, unknown>).outcome = {
        type: 'string',
      };
      (d.components.schemas.OpenRound.properties as Record<string, unknown>).note = {
        type: 'string',
      };
      d.components.schemas.Round.properties.state.enum.push('suspended');
    });
    expect(breakingChanges(released(), next)).toEqual([]);
  });

  it('reports a removed path and a removed operation', () => {
    const next = changed((d) => {
      delete (d.paths as Partial<Doc['paths']>)['/api/rounds'];
      delete (d.paths['/api/rounds/{id}'] as Partial<Doc['paths']['/api/rounds/{id}']>).delete;
    });
    expect(kinds(next)).toEqual([
      ['operation-removed', 'DELETE /api/rounds/{id}'],
      ['operation-removed', 'POST /api/rounds'],
    ]);
  });

  it('reports a response property removed, also deep inside an array', () => {
    const next = changed((d) => {
      delete (
        d.components.schemas.Round.properties as Partial<
          Doc['components']['schemas']['Round']['properties']
        >
      ).revision;
      delete (d.components.schemas.Session.properties as { number?: unknown }).number;
    });
    expect(kinds(next)).toEqual([
      ['response-property-removed', 'GET /api/rounds/{id} 200.revision'],
      ['response-property-removed', 'GET /api/rounds/{id} 200.sessions[].number'],
      ['response-property-removed', 'POST /api/rounds 201.revision'],
      ['response-property-removed', 'POST /api/rounds 201.sessions[].number'],
    ]);
  });

  it('reports a response property whose type changed, including one that may now be null', () => {
    const next = changed((d) => {
      d.components.schemas.Round.properties.revision = { type: 'string' };
      (d.components.schemas.Round.properties.id as Record<string, unknown>).nullable = true;
    });
    expect(kinds(next)).toEqual([
      ['response-type-changed', 'GET /api/rounds/{id} 200.id'],
      ['response-type-changed', 'GET /api/rounds/{id} 200.revision'],
      ['response-type-changed', 'POST /api/rounds 201.id'],
      ['response-type-changed', 'POST /api/rounds 201.revision'],
    ]);
  });

  it('reports a request property added as required, or made required', () => {
    const next = changed((d) => {
      (d.components.schemas.OpenRound.properties as Record<string, unknown>).region = {
        type: 'string',
      };
      d.components.schemas.OpenRound.required.push('region', 'title');
    });
    expect(kinds(next)).toEqual([
      ['request-required-added', 'POST /api/rounds body.region'],
      ['request-required-added', 'POST /api/rounds body.title'],
    ]);
  });

  it('reports a parameter added as required, or made required', () => {
    const next = changed((d) => {
      d.paths['/api/rounds/{id}'].get.parameters[1].required = true;
      d.paths['/api/rounds/{id}'].get.parameters.push({
        in: 'header',
        name: 'x-side',
        required: true,
        schema: { type: 'string' },
      });
    });
    expect(kinds(next)).toEqual([
      ['parameter-required-added', 'GET /api/rounds/{id} query:lang'],
      ['parameter-required-added', 'GET /api/rounds/{id} header:x-side'],
    ]);
  });

  it('reports an enum value removed, in a response and in a parameter', () => {
    const next = changed((d) => {
      d.components.schemas.Round.properties.state.enum = ['open', 'agreed'];
      d.paths['/api/rounds/{id}'].get.parameters[1].schema.enum = ['zh'];
    });
    expect(kinds(next)).toEqual([
      ['enum-value-removed', 'GET /api/rounds/{id} query:lang'],
      ['enum-value-removed', 'GET /api/rounds/{id} 200.state'],
      ['enum-value-removed', 'POST /api/rounds 201.state'],
    ]);
  });

  it('reports a success status that changed', () => {
    const next = changed((d) => {
      const post = d.paths['/api/rounds'].post as { responses: Record<string, unknown> };
      post.responses = { '200': post.responses['201'] };
    });
    expect(breakingChanges(released(), next)).toEqual([
      {
        kind: 'success-status-changed',
        where: 'POST /api/rounds',
        message: 'success status 201 is now 200',
      },
    ]);
  });

  it('follows a renamed schema by its shape, and stops on a schema that contains itself', () => {
    const next = changed((d) => {
      const schemas = d.components.schemas as Record<string, unknown>;
      schemas.Session = {
        type: 'object',
        properties: { number: { type: 'integer' }, next: { $ref: '#/components/schemas/Session' } },
      };
      schemas.RoundView = d.components.schemas.Round;
      d.paths['/api/rounds/{id}'].get.responses['200'].content['application/json'].schema.$ref =
        '#/components/schemas/RoundView';
    });
    expect(breakingChanges(released(), next)).toEqual([]);
  });
});

describe('the version rule', () => {
  const broken = changed((d) => {
    delete (d.paths as Partial<Doc['paths']>)['/api/rounds'];
  });
  const asVersion = (v: string) => ({ ...broken, info: { ...broken.info, version: v } });

  it('refuses a breaking change under the same major version, saying how to fix it', () => {
    const verdict = compatibilityVerdict(released(), asVersion('1.1'), '## 1.1\n');
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toContain('operation-removed: POST /api/rounds');
    expect(verdict.message).toContain('docs/api/CHANGES.md');
  });

  it('refuses a raised major version without a note in CHANGES.md', () => {
    expect(compatibilityVerdict(released(), asVersion('2'), '## 3\n').ok).toBe(false);
  });

  it('accepts a raised major version with its note', () => {
    expect(
      compatibilityVerdict(
        released(),
        asVersion('2'),
        '# Changes\n\n## 2 (2027-01-10)\n- removed POST /api/rounds\n',
      ).ok,
    ).toBe(true);
  });

  it('accepts a compatible change with no note at all', () => {
    expect(compatibilityVerdict(released(), released(), '').ok).toBe(true);
  });

  it('reads version headings exactly', () => {
    expect(hasVersionNote('## 2.0.0\n', '2.0.0')).toBe(true);
    expect(hasVersionNote('## 20\n', '2')).toBe(false);
    expect(hasVersionNote('text ## 2\n', '2')).toBe(false);
  });

  it('takes the newest release by version, not by name', () => {
    expect(
      newestRelease(['openapi-1.10.json', 'openapi-2.json', 'openapi-1.9.json', 'README.md']),
    ).toBe('openapi-2.json');
    expect(newestRelease([])).toBeNull();
  });
});

describe('docs/api/openapi.json against the last released description', () => {
  it('breaks no client of the released API, or says so with a new major version and a note (run npm run api:generate and commit)', () => {
    const release = newestRelease(existsSync(RELEASED_DIR) ? readdirSync(RELEASED_DIR) : []);
    expect({ release }).not.toEqual({ release: null });
    const baseline = JSON.parse(readFileSync(join(RELEASED_DIR, release!), 'utf8'));
    const current = JSON.parse(readFileSync(DESCRIPTION_PATH, 'utf8'));
    const note = existsSync(CHANGES_PATH) ? readFileSync(CHANGES_PATH, 'utf8') : '';
    const verdict = compatibilityVerdict(baseline, current, note);
    if (!verdict.ok) throw new Error(verdict.message);
  });
});
