import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  MAX_ARRAY_LENGTH,
  MAX_INPUT_DEPTH,
  MAX_OBJECT_KEYS,
} from '../../src/common/input-guard.js';
import { DEMO_PASSWORD, PARTIES } from '../../src/seed/demo-reference.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The five causes of 500 that generated requests found (issue 8, item 4), each pinned to its 400.

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let liveId: string;
let revision: number;

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
  liveId = t.demo.rounds['2026'].id;
  revision = t.demo.rounds['2026'].revision;
}, 60_000);
afterAll(() => t?.close());

// Raw JSON text, so a lone surrogate escape reaches the server as the attacker wrote it.
const postRaw = async (user: string, path: string, json: string) =>
  request(api.server)
    .post(path)
    .set('authorization', `Bearer ${await api.token(user)}`)
    .set('idempotency-key', randomUUID())
    .set('content-type', 'application/json')
    .send(json);

const openBody = (title: string) =>
  JSON.stringify({
    workerPartyId: PARTIES.xinheUnion.id,
    employerPartyId: PARTIES.xinheAssociation.id,
    year: 2030,
    title,
  });

describe('text PostgreSQL cannot store is a 400 naming the field', () => {
  it('refuses a NUL in a login, a title, an event payload, a calendar name, a filter and a path', async () => {
    const login = await request(api.server)
      .post('/api/auth/login')
      .send({ username: 'chen\u0000chair', password: DEMO_PASSWORD });
    expect(login.status).toBe(400);
    expect(login.body).toMatchObject({
      code: 'INPUT_TEXT_INVALID',
      details: { field: 'body.username' },
    });

    const title = await postRaw('chen.chair', '/api/negotiations', openBody('a\u0000b'));
    expect(title.body).toMatchObject({
      code: 'INPUT_TEXT_INVALID',
      details: { field: 'body.title' },
    });

    const event = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, {
      type: 'agenda.itemAdded',
      expectedRevision: revision,
      payload: { itemId: 'x1', title: 'pay\u0000' },
    });
    expect(event.status).toBe(400);
    expect(event.body.details.field).toBe('body.payload.title');

    const calendar = await request(api.server)
      .put('/api/calendar/days/2026-10-09')
      .set('authorization', `Bearer ${await api.token('admin')}`)
      .set('idempotency-key', randomUUID())
      .send({ kind: 'holiday', name: '国庆\u0000' });
    expect(calendar.status).toBe(400);
    expect(calendar.body.code).toBe('INPUT_TEXT_INVALID');

    const filter = await api.get('qian.auditor', '/api/negotiations?state=open%00');
    expect(filter.status).toBe(400);
    expect(filter.body.details.field).toBe('query.state');

    const path = await api.get('qian.auditor', '/api/catalogs/wool%00knitwear/1');
    expect(path.status).toBe(400);
    expect(path.body.details.field).toBe('path.industry');
  });

  it('refuses a lone UTF-16 surrogate in a value and in a field name', async () => {
    const value = await postRaw('chen.chair', '/api/negotiations', openBody('a\ud800b'));
    expect(value.status).toBe(400);
    expect(value.body).toMatchObject({
      code: 'INPUT_TEXT_INVALID',
      details: { field: 'body.title' },
    });
    expect(value.body.message).toContain('surrogate');

    const key = await postRaw('chen.chair', '/api/negotiations', '{"\\udc00":1}');
    expect(key.status).toBe(400);
    expect(key.body.code).toBe('INPUT_TEXT_INVALID');

    // A proper pair (an emoji) is ordinary text and reaches validation.
    const pair = await postRaw('chen.chair', '/api/negotiations', openBody('a\ud83d\ude00b'));
    expect(pair.body.code).not.toBe('INPUT_TEXT_INVALID');
  });
});

describe('integers past 32 bits are a VALIDATION_FAILED with the range', () => {
  it.each([
    ['history?afterSeq=2147483648', 'afterSeq'],
    ['?offset=1e300', 'offset'],
  ])('refuses /negotiations/…%s', async (suffix, field) => {
    const path = suffix.startsWith('?')
      ? `/api/negotiations${suffix}`
      : `/api/negotiations/${liveId}/${suffix}`;
    const res = await api.get('qian.auditor', path);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields[0]).toMatchObject({ field });
    expect(res.body.message).toMatch(
      new RegExp(`^the query is not valid: ${field}: .*must not be greater than`),
    );
  });

  it('refuses a catalog version past the range in the path and in a body', async () => {
    const path = await api.get('qian.auditor', '/api/catalogs/wool-knitwear/99999999999');
    expect(path.status).toBe(400);
    expect(path.body.message).toContain('from 1 to 100000');

    const body = await api.post('chen.chair', '/api/negotiations', {
      ...JSON.parse(openBody('x')),
      catalogVersion: 2147483648,
    });
    expect(body.status).toBe(400);
    expect(body.body.details.fields[0].field).toBe('catalogVersion');

    const event = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, {
      type: 'session.closed',
      expectedRevision: 2147483648,
      payload: {},
    });
    expect(event.status).toBe(400);
    expect(event.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('nesting and prototype-shaped keys', () => {
  it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels before class-transformer sees it`, async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await postRaw(
      'chen.chair',
      `/api/negotiations/${liveId}/events`,
      `{"payload":${deep}}`,
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INPUT_TOO_DEEP', details: { limit: MAX_INPUT_DEPTH } });
  });

  // Walking such bodies cost class-transformer and class-validator seconds, and the answer listed one
  // problem per item (18 MB).
  it('refuses an object of too many fields and a list of too many items, naming the limit', async () => {
    const wide = Object.fromEntries(
      Array.from({ length: MAX_OBJECT_KEYS + 1 }, (_, i) => [`k${i}`, 1]),
    );
    const fields = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, {
      type: 'session.closed',
      expectedRevision: revision,
      payload: wide,
    });
    expect(fields.status).toBe(400);
    expect(fields.body).toMatchObject({
      code: 'INPUT_TOO_LARGE',
      details: { field: 'body.payload', limit: MAX_OBJECT_KEYS },
    });

    const items = await api.post('chen.chair', `/api/negotiations/${liveId}/events`, {
      type: 'agenda.itemAdded',
      expectedRevision: revision,
      payload: { itemId: new Array(MAX_ARRAY_LENGTH + 1).fill(0), title: 'x' },
    });
    expect(items.body).toMatchObject({
      code: 'INPUT_TOO_LARGE',
      details: { field: 'body.payload.itemId', limit: MAX_ARRAY_LENGTH },
    });
  });

  it('reports at most 50 problems of a list of wrong items', async () => {
    const res = await api.post('admin', '/api/catalogs', {
      industryCode: 'wool-knitwear',
      note: 'x',
      productTypes: [],
      sections: [],
      processes: new Array(2000).fill({ code: '' }),
      mappings: [],
    });
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toHaveLength(50);
    expect(res.body.details.moreProblems).toBeGreaterThan(1000);
  });

  it.each(['constructor', 'prototype'])('refuses an extra %s field like any other', async (key) => {
    const res = await postRaw(
      'chen.chair',
      '/api/negotiations',
      openBody('x').replace(/^\{/, `{"${key}":{"a":1},`),
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain(key);
  });

  it('refuses __proto__ in the JSON parser', async () => {
    const res = await postRaw('chen.chair', '/api/negotiations', '{"__proto__":{"isAdmin":true}}');
    expect(res.status).toBe(400);
  });

  it('refuses a query parameter given twice', async () => {
    const res = await api.get('qian.auditor', '/api/negotiations?state=a&state=b');
    expect(res.status).toBe(400);
    expect(res.body.details.fields[0].field).toBe('state');
  });
});

describe('a body in a format the route does not take', () => {
  it.each([
    ['text/csv', 'a,b\n'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'not a zip'],
    ['application/x-www-form-urlencoded', 'kind=holiday&name=x'],
  ])('is a 415 when a JSON or bodiless route gets %s', async (type, body) => {
    for (const method of ['put', 'delete'] as const) {
      const agent = request(api.server);
      const res = await agent[method]('/api/calendar/days/2026-10-09')
        .set('authorization', `Bearer ${await api.token('admin')}`)
        .set('idempotency-key', randomUUID())
        .set('content-type', type)
        .send(body);
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }
  });
});
