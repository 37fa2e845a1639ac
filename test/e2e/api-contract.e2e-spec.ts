import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ERROR_CODES } from '../../src/common/domain-error.js';
import { INDUSTRY_DEFINITIONS } from '../../src/industries/index.js';
import { PAYLOAD_CLASSES } from '../../src/negotiation/dto/event-payloads.dto.js';
import { RECORDED_PAYLOAD_CLASSES } from '../../src/negotiation/dto/recorded-payloads.dto.js';
import { writeOnboardingXlsx } from '../../src/accounts/onboarding-template.js';
import { XLSX_TYPE } from '../../src/piece-rates/spreadsheet-upload.js';
import { ZHEJIANG_DEFAULT_POLICY } from '../../src/kernel/policy/policy-profile.js';
import { DEMO_PASSWORD, PARTIES, PEOPLE } from '../../src/seed/demo-reference.js';
import {
  DEMO_ACCOUNT,
  xinheRoundScript,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { DataSource } from 'typeorm';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The served OpenAPI description is what a client is generated from (issue 9): every operation has
// its success body and its errors, every event type its schema, and real answers match the schemas.

type Schema = { [k: string]: unknown };
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
}

// ajv ships CommonJS; under native ESM its exports sit on .default.
interface Validator {
  (data: unknown): boolean;
  errors?: unknown;
}
interface AjvLike {
  addSchema(schema: object): unknown;
  addFormat(name: string, format: boolean): unknown;
  compile(schema: object): Validator;
}
const cjs = (m: unknown) => (m as { default?: unknown }).default ?? m;
const Ajv2020 = cjs(Ajv2020Module) as new (options: object) => AjvLike;
const addFormats = cjs(addFormatsModule) as (ajv: AjvLike) => unknown;

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let doc: {
  openapi: string;
  info: { description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
let operations: { name: string; method: string; path: string; op: Operation }[];
const schemas = () => doc.components.schemas;

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
  doc = (await request(t.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      name: `${method.toUpperCase()} ${path}`,
      method,
      path,
      op,
    })),
  );
}, 120_000);
afterAll(() => t?.close());

const refName = (s: Schema | undefined) =>
  String(s?.$ref ?? '')
    .split('/')
    .pop();
const jsonSchemaOf = (op: Operation, status: string) =>
  op.responses[status]?.content?.['application/json']?.schema;

describe('the served description', () => {
  it('is OpenAPI 3.1 and says how revisions and idempotency work', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.description).toMatch(/expectedRevision/);
    expect(doc.info.description).toMatch(/NEGOTIATION_STALE_REVISION/);
    expect(doc.info.description).toMatch(/Idempotency-Key/);
  });

  it('gives every operation a success response with its body described', () => {
    expect(operations.length).toBeGreaterThanOrEqual(35);
    const missing = operations.filter(({ op }) => {
      const ok = Object.keys(op.responses).filter((s) => /^2/.test(s));
      if (ok.length === 0) return true;
      return ok.some((s) => s !== '204' && Object.keys(op.responses[s].content ?? {}).length === 0);
    });
    expect(missing.map((o) => o.name)).toEqual([]);
  });

  it('describes 400, 500 and (with a token) 401 as ApiError on every operation, and every 4xx', () => {
    const problems = operations.flatMap(({ name, op }) => {
      const out: string[] = [];
      for (const s of ['400', '500', ...(op.security?.length ? ['401'] : [])])
        if (!op.responses[s]) out.push(`${name}: no ${s}`);
      for (const [s, r] of Object.entries(op.responses))
        if (/^[45]/.test(s) && !(name === 'GET /api/health' && s === '503'))
          if (refName(r.content?.['application/json']?.schema) !== 'ApiError')
            out.push(`${name}: ${s} is not ApiError`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  it('enumerates exactly the ERROR_CODES in ApiError.code', () => {
    const code = (schemas().ApiError.properties as Record<string, Schema>).code;
    const named = refName((code.allOf as Schema[] | undefined)?.[0] ?? code);
    const codes = (code.enum ?? schemas()[named!].enum) as string[];
    expect([...codes].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('has no object without properties, except the error details', () => {
    const found: string[] = [];
    const walk = (x: unknown, at: string) => {
      if (Array.isArray(x)) return x.forEach((v, i) => walk(v, `${at}/${i}`));
      if (x === null || typeof x !== 'object') return;
      const s = x as Schema;
      const types = [s.type].flat();
      // A map whose values have a schema (additionalProperties: {…}) is described too.
      const typedMap = typeof s.additionalProperties === 'object';
      if (
        types.includes('object') &&
        s.properties === undefined &&
        s.$ref === undefined &&
        !typedMap
      )
        found.push(at);
      for (const [k, v] of Object.entries(s)) walk(v, `${at}/${k}`);
    };
    walk(doc, '');
    // details' keys depend on the code; docs/api.md lists them.
    expect(found).toEqual(['/components/schemas/ApiError/properties/details']);
  });

  it('types every paging parameter as a bounded integer', () => {
    const paging = operations.flatMap(({ name, op }) =>
      (op.parameters ?? [])
        .filter((p) => ['limit', 'offset', 'afterSeq', 'expectedRevision'].includes(p.name))
        .map((p) => ({ name: `${name} ${p.name}`, schema: p.schema })),
    );
    expect(paging.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'GET /api/negotiations limit',
        'GET /api/negotiations offset',
        'GET /api/negotiations/{id}/history limit',
        'GET /api/negotiations/{id}/history afterSeq',
      ]),
    );
    for (const p of paging)
      expect({ name: p.name, ...p.schema }).toMatchObject({
        type: 'integer',
        minimum: expect.any(Number),
        maximum: expect.any(Number),
      });
  });

  it('answers every list in the one envelope { items, page }', () => {
    const lists = operations.filter(({ op }) => {
      const name = refName(jsonSchemaOf(op, '200'));
      return name?.endsWith('List') || name === 'History';
    });
    expect(lists.length).toBeGreaterThanOrEqual(10);
    for (const { op } of lists) {
      const s = schemas()[refName(jsonSchemaOf(op, '200'))!];
      expect(s.properties).toMatchObject({
        items: { type: 'array' },
        page: { $ref: '#/components/schemas/Page' },
      });
    }
    expect(operations.filter(({ op }) => jsonSchemaOf(op, '200')?.type === 'array')).toEqual([]);
  });

  it('requires an Idempotency-Key on every change but login and logout', () => {
    const writes = operations.filter((o) => o.method !== 'get' && !o.path.startsWith('/api/auth/'));
    const without = writes.filter(
      ({ op }) =>
        !(op.parameters ?? []).some(
          (p) => p.in === 'header' && p.name === 'Idempotency-Key' && p.required,
        ),
    );
    expect(without.map((o) => o.name)).toEqual([]);
  });

  // The kernel's payload classes and every industry's own (issue 12: shipbuilding's package events).
  const SENT_PAYLOADS: Record<string, new () => object> = Object.assign(
    {},
    PAYLOAD_CLASSES,
    ...INDUSTRY_DEFINITIONS.map((d) => d.ownEventPayloads),
  );

  it('has each event type its own schema and discriminator entry, from PAYLOAD_CLASSES and the industries’ own', () => {
    const body = doc.paths['/api/negotiations/{id}/events'].post.requestBody!.content[
      'application/json'
    ].schema as {
      oneOf: Schema[];
      discriminator: { propertyName: string; mapping: Record<string, string> };
    };
    expect(body.discriminator.propertyName).toBe('type');
    expect(Object.keys(body.discriminator.mapping).sort()).toEqual(
      Object.keys(SENT_PAYLOADS).sort(),
    );
    for (const [type, cls] of Object.entries(SENT_PAYLOADS)) {
      const variant = schemas()[refName({ $ref: body.discriminator.mapping[type] })!];
      expect(body.oneOf).toContainEqual({ $ref: body.discriminator.mapping[type] });
      expect(variant).toMatchObject({
        properties: {
          type: { enum: [type] },
          expectedRevision: { type: 'integer' },
          payload: { $ref: `#/components/schemas/${cls.name}` },
        },
        required: expect.arrayContaining(['type', 'expectedRevision', 'payload']),
      });
      expect(schemas()[cls.name]).toMatchObject({ type: 'object' });
    }
  });

  it('types the history’s events per type, the recorded payloads included', () => {
    const items = (schemas().History.properties as Record<string, Schema>).items.items as {
      discriminator: { mapping: Record<string, string> };
    };
    expect(Object.keys(items.discriminator.mapping).sort()).toEqual(
      Object.keys(RECORDED_PAYLOAD_CLASSES).sort(),
    );
  });

  it('describes the spreadsheet uploads and downloads', () => {
    const binary = { type: 'string', format: 'binary' };
    for (const path of ['/api/negotiations/{id}/offers', '/api/catalogs/{industry}/import']) {
      const content = doc.paths[path].post.requestBody!.content;
      expect(content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']).toEqual({
        schema: binary,
      });
      expect(content['text/csv']).toEqual({ schema: binary });
    }
    for (const path of [
      '/api/negotiations/{id}/offers/{offerId}/export',
      '/api/catalogs/{industry}/{version}/export',
      '/api/negotiations/{id}/agreement-table',
    ]) {
      const content = doc.paths[path].get.responses['200'].content!;
      expect(
        content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema,
      ).toEqual(binary);
      expect(content['text/csv']).toBeDefined();
    }
  });
});

describe('real answers match their described schemas', () => {
  // Strict: an answer with a field its schema does not name fails, so nothing leaks undescribed.
  const validatorFor = (path: string, method: string, status: number) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    const closed = JSON.parse(JSON.stringify(doc.components), (_k, v) =>
      v && typeof v === 'object' && v.properties && v.additionalProperties === undefined
        ? { ...v, additionalProperties: false }
        : v,
    );
    ajv.addSchema({ $id: 'openapi', components: closed });
    const op = doc.paths[path][method];
    const schema = jsonSchemaOf(op, String(status));
    if (!schema) throw new Error(`${method} ${path} describes no JSON body for ${status}`);
    return ajv.compile(
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')),
    );
  };
  const conforms = (res: { status: number; body: unknown }, path: string, method = 'get'): void => {
    const validate = validatorFor(path, method, res.status);
    const ok = validate(res.body);
    expect({ path, status: res.status, errors: ok ? null : validate.errors }).toEqual({
      path,
      status: res.status,
      errors: null,
    });
  };

  it('refuses an answer with a field its schema does not name', async () => {
    const me = await api.get('chen.chair', '/api/me');
    const validate = validatorFor('/api/me', 'get', 200);
    expect(validate(me.body)).toBe(true);
    expect(validate({ ...me.body, passwordHash: 'x' })).toBe(false);
  });

  it('for a short round: open, events, a stale revision, a bad query, the reads', async () => {
    const opened = await api.post('chen.chair', '/api/negotiations', {
      workerPartyId: PARTIES.xinheUnion.id,
      employerPartyId: PARTIES.xinheAssociation.id,
      year: 2031,
      title: '契约测试',
    });
    expect(opened.status).toBe(201);
    conforms(opened, '/api/negotiations', 'post');
    const id = opened.body.id as string;
    let revision = opened.body.revision as number;
    for (const step of xinheRoundScript(2031).toSecondSession.slice(0, 3)) {
      const res = await api.post(DEMO_ACCOUNT[step.as], `/api/negotiations/${id}/events`, {
        type: step.type,
        expectedRevision: revision,
        payload: step.payload,
      });
      conforms(res, '/api/negotiations/{id}/events', 'post');
      revision = res.body.revision;
    }
    const stale = await api.post('chen.chair', `/api/negotiations/${id}/events`, {
      type: 'round.abandoned',
      expectedRevision: revision - 1,
      payload: { reason: 'x', on: '2031-01-01' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.details.currentRevision).toBe(revision);
    conforms(stale, '/api/negotiations/{id}/events', 'post');

    const badQuery = await api.get('chen.chair', `/api/negotiations/${id}/history?limit=abc`);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.message).toMatch(/^the query is not valid: limit: /);
    conforms(badQuery, '/api/negotiations/{id}/history');
    const badPath = await api.get('chen.chair', '/api/negotiations/not-a-uuid');
    expect(badPath.body.message).toMatch(/path parameter id/);
    conforms(badPath, '/api/negotiations/{id}');

    const live = t.demo.rounds['2026'].id;
    const signed = t.demo.rounds['2025'].id;
    const reads: [string, string][] = [
      ['/api/negotiations', '/api/negotiations?limit=2'],
      ['/api/negotiations/{id}', `/api/negotiations/${live}`],
      ['/api/negotiations/{id}', `/api/negotiations/${signed}`],
      ['/api/negotiations/{id}/history', `/api/negotiations/${live}/history?limit=50`],
      ['/api/negotiations/{id}/history/verify', `/api/negotiations/${live}/history/verify`],
      ['/api/negotiations/{id}/caucuses', `/api/negotiations/${live}/caucuses`],
      ['/api/negotiations/{id}/offers', `/api/negotiations/${live}/offers`],
      ['/api/negotiations/{id}/offers/gap', `/api/negotiations/${live}/offers/gap`],
      ['/api/negotiations/{id}/offers/gap', `/api/negotiations/${id}/offers/gap`],
      [
        '/api/negotiations/{id}/agreement-table',
        `/api/negotiations/${signed}/agreement-table?format=json`,
      ],
      ['/api/negotiations/{id}/surveys', `/api/negotiations/${live}/surveys`],
      ['/api/surveys/{surveyId}/statistics', `/api/surveys/${t.demo.surveyId}/statistics`],
      ['/api/catalogs', '/api/catalogs'],
      ['/api/catalogs/{industry}/{version}', '/api/catalogs/wool-knitwear/1'],
      ['/api/me', '/api/me'],
      ['/api/industries', '/api/industries'],
      ['/api/regions', '/api/regions'],
      ['/api/parties', '/api/parties'],
      ['/api/policy-profiles', '/api/policy-profiles'],
      ['/api/calendar/days', '/api/calendar/days?year=2026'],
    ];
    for (const [template, url] of reads) {
      const res = await api.get('chen.chair', url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      conforms(res, template);
    }
    const offers = (await api.get('chen.chair', `/api/negotiations/${live}/offers`)).body.items;
    const [first, last] = [offers[0].id, offers.at(-1).id];
    conforms(
      await api.get('chen.chair', `/api/negotiations/${live}/offers/${first}`),
      '/api/negotiations/{id}/offers/{offerId}',
    );
    conforms(
      await api.get(
        'chen.chair',
        `/api/negotiations/${live}/offers/compare?from=${first}&to=${last}`,
      ),
      '/api/negotiations/{id}/offers/compare',
    );
    // No gap before both sides table an offer: a status, never current: null.
    const gap = await api.get('chen.chair', `/api/negotiations/${id}/offers/gap`);
    expect(gap.body).toEqual({ status: 'awaitingBothSides', bySession: [] });
  }, 60_000);

  it('for the people registry: a full record, a chief’s roster, a change, an erasure', async () => {
    const wang = PEOPLE['wang.w1'].id;
    conforms(await api.get('admin', '/api/people?limit=2'), '/api/people');
    const roster = await api.get('chen.chair', '/api/people?limit=100');
    expect(roster.body.items.some((p: object) => !('phone' in p))).toBe(true);
    conforms(roster, '/api/people');
    conforms(await api.get('chen.chair', `/api/people/${wang}`), '/api/people/{personId}');
    conforms(await api.get('admin', `/api/people/${wang}`), '/api/people/{personId}');
    conforms(await api.get('wang.w1', '/api/people/me'), '/api/people/me');
    conforms(await api.get('lin.chief', `/api/people/${wang}`), '/api/people/{personId}');
    conforms(await api.get('chen.chair', '/api/people/nobody'), '/api/people/{personId}');

    const created = await api.post('admin', '/api/people', {
      fullName: '契约测试',
      organisationPartyId: PARTIES.xinheUnion.id,
    });
    expect(created.status).toBe(201);
    conforms(created, '/api/people', 'post');
    const id = created.body.id as string;
    const corrected = await request(api.server)
      .patch(`/api/people/${id}`)
      .set('authorization', `Bearer ${await api.token('admin')}`)
      .set('idempotency-key', randomUUID())
      .send({ position: '挡车工', phone: null });
    expect(corrected.status).toBe(200);
    conforms(corrected, '/api/people/{personId}', 'patch');
    const erased = await api.post('admin', `/api/people/${id}/erasure`, {});
    expect(erased.status).toBe(200);
    conforms(erased, '/api/people/{personId}/erasure', 'post');
    conforms(await api.get('admin', `/api/people/${id}`), '/api/people/{personId}');
    conforms(
      await api.post('admin', `/api/people/${id}/erasure`, {}),
      '/api/people/{personId}/erasure',
      'post',
    );
  });

  it('for accounts, one-time codes and refresh: shown and withheld codes, a page, a bad list', async () => {
    const key = randomUUID();
    const body = { username: 'contract.rep', person: { fullName: '契约代表' } };
    const created = await api.post('admin', '/api/accounts', body, key);
    expect(created.status).toBe(201);
    conforms(created, '/api/accounts', 'post');
    const replay = await api.post('admin', '/api/accounts', body, key);
    expect(replay.body.activationCode.code).toBeNull();
    conforms(replay, '/api/accounts', 'post');
    conforms(await api.post('admin', '/api/accounts', body), '/api/accounts', 'post');
    const id = created.body.account.id as string;

    const page = await api.get('admin', '/api/accounts?limit=3');
    expect(page.body.page).toEqual({ limit: 3, next: 3 });
    conforms(page, '/api/accounts');
    conforms(await api.get('admin', `/api/accounts/${id}`), '/api/accounts/{id}');
    conforms(await api.get('chen.chair', `/api/accounts/${id}`), '/api/accounts/{id}');
    for (const action of ['disable', 'enable', 'password-reset'])
      conforms(
        await api.post('admin', `/api/accounts/${id}/${action}`, {}),
        `/api/accounts/{id}/${action}`,
        'post',
      );

    const redeemed = await request(api.server).post('/api/auth/code').send({
      username: 'contract.rep',
      code: created.body.activationCode.code,
      newPassword: 'a-long-enough-password',
    });
    conforms(redeemed, '/api/auth/code', 'post');
    const reset = await api.post('admin', `/api/accounts/${id}/password-reset`, {});
    const redeemedAgain = await request(api.server).post('/api/auth/code').send({
      username: 'contract.rep',
      code: reset.body.resetCode.code,
      newPassword: 'another-long-password',
    });
    expect(redeemedAgain.status).toBe(200);
    const used = await request(api.server).post('/api/auth/code').send({
      username: 'contract.rep',
      code: reset.body.resetCode.code,
      newPassword: 'a-third-long-password',
    });
    expect([used.status, used.body.code]).toEqual([401, 'ONE_TIME_CODE_USED']);
    conforms(used, '/api/auth/code', 'post');
    const refreshed = await request(api.server)
      .post('/api/auth/refresh')
      .send({ refreshToken: redeemedAgain.body.refreshToken });
    expect(refreshed.status).toBe(200);
    conforms(refreshed, '/api/auth/refresh', 'post');
    const reused = await request(api.server)
      .post('/api/auth/refresh')
      .send({ refreshToken: redeemedAgain.body.refreshToken });
    expect(reused.body.code).toBe('AUTH_REFRESH_REUSED');
    conforms(reused, '/api/auth/refresh', 'post');

    const upload = async (rows: string[][]) =>
      request(api.server)
        .post('/api/accounts/onboarding')
        .set('authorization', `Bearer ${await api.token('admin')}`)
        .set('idempotency-key', randomUUID())
        .set('content-type', XLSX_TYPE)
        .send(await writeOnboardingXlsx(rows));
    const onboarded = await upload([
      ['契约一', '13800003001', '', 'contract.one', PARTIES.xinheUnion.id, '', '职工代表'],
    ]);
    expect(onboarded.status).toBe(201);
    conforms(onboarded, '/api/accounts/onboarding', 'post');
    const bad = await upload([
      ['契约二', 'not a phone', '', 'contract.two', PARTIES.xinheUnion.id, '', '职工代表'],
    ]);
    expect(bad.body.code).toBe('ONBOARDING_FILE_INVALID');
    conforms(bad, '/api/accounts/onboarding', 'post');
  }, 60_000);

  it('for the administration routes: a grant proposed, approved, told and revoked; the log; profiles; the procedure', async () => {
    const [{ id: accountId }] = await t.app
      .get(DataSource)
      .query(`SELECT id FROM account WHERE username = 'ye.recorder'`);
    const proposed = await api.post('admin', '/api/administration/grant-proposals', {
      accountId,
      role: 'auditor',
      regionCode: 'wenling',
    });
    expect(proposed.status).toBe(201);
    conforms(proposed, '/api/administration/grant-proposals', 'post');
    const id = proposed.body.id as string;
    const approved = await api.post(
      'zhou.admin',
      `/api/administration/grant-proposals/${id}/approve`,
      {},
    );
    expect(approved.status).toBe(200);
    conforms(approved, '/api/administration/grant-proposals/{id}/approve', 'post');
    const duplicate = await api.post('admin', '/api/administration/grant-proposals', {
      accountId,
      role: 'auditor',
      regionCode: 'wenling',
    });
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'GRANT_DUPLICATE']);
    conforms(duplicate, '/api/administration/grant-proposals', 'post');

    const reads: [string, string, string][] = [
      ['admin', '/api/administration/log', '/api/administration/log?limit=3'],
      ['qian.auditor', '/api/administration/log/verify', '/api/administration/log/verify'],
      [
        'admin',
        '/api/administration/grant-proposals',
        '/api/administration/grant-proposals?view=proposedByMe&limit=1',
      ],
      [
        'admin',
        '/api/administration/grant-proposals/{id}',
        `/api/administration/grant-proposals/${id}`,
      ],
      [
        'admin',
        '/api/administration/accounts/{id}/grants',
        `/api/administration/accounts/${accountId}/grants`,
      ],
      [
        'chen.chair',
        '/api/policy-profiles/{id}',
        `/api/policy-profiles/${ZHEJIANG_DEFAULT_POLICY.id}`,
      ],
      ['chen.chair', '/api/industries/{code}/procedure', '/api/industries/wool-knitwear/procedure'],
    ];
    for (const [who, template, url] of reads) {
      const res = await api.get(who, url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      conforms(res, template);
    }
    const log = await api.get('admin', '/api/administration/log?limit=3');
    expect(log.body.page).toEqual({ limit: 3, next: 3 });
    const proposals = await api.get(
      'admin',
      '/api/administration/grant-proposals?view=proposedByMe&limit=1&offset=0',
    );
    expect(proposals.body.page).toEqual({ limit: 1, next: 1 });
    const missing = await api.get('chen.chair', '/api/industries/shoes/procedure');
    expect(missing.body.code).toBe('PROCEDURE_NOT_FOUND');
    conforms(missing, '/api/industries/{code}/procedure');

    // The holder's grants changed, so its old token ended: a fresh login reads the notice.
    const login = await request(api.server)
      .post('/api/auth/login')
      .send({ username: 'ye.recorder', password: DEMO_PASSWORD });
    const as = (r: request.Test) => r.set('authorization', `Bearer ${login.body.accessToken}`);
    const notices = await as(request(api.server).get('/api/me/notices?unread=true'));
    conforms(notices, '/api/me/notices');
    const notice = notices.body.items.find((n: { kind: string }) => n.kind === 'grant.approved');
    const read = await as(request(api.server).post(`/api/me/notices/${notice.id}/read`)).set(
      'idempotency-key',
      randomUUID(),
    );
    expect(read.body.readAt).toEqual(expect.any(String));
    conforms(read, '/api/me/notices/{id}/read', 'post');

    const revoked = await request(api.server)
      .delete(`/api/administration/grants/${approved.body.grantId}`)
      .set('authorization', `Bearer ${await api.token('admin')}`)
      .set('idempotency-key', randomUUID());
    expect(revoked.status).toBe(200);
    conforms(revoked, '/api/administration/grants/{id}', 'delete');

    const profile = await api.post('admin', '/api/policy-profiles', {
      ...structuredClone(ZHEJIANG_DEFAULT_POLICY),
      id: 'contract-2031',
      basedOnId: ZHEJIANG_DEFAULT_POLICY.id,
    });
    expect(profile.status).toBe(201);
    conforms(profile, '/api/policy-profiles', 'post');
    const again = await api.post('admin', '/api/policy-profiles', {
      ...structuredClone(ZHEJIANG_DEFAULT_POLICY),
      id: 'contract-2031',
    });
    expect([again.status, again.body.code]).toEqual([409, 'POLICY_PROFILE_EXISTS']);
    conforms(again, '/api/policy-profiles', 'post');
    // The log's latest entries, with the details each action wrote, match their schema too.
    conforms(
      await api.get('qian.auditor', '/api/administration/log?limit=1000'),
      '/api/administration/log',
    );
  }, 60_000);
});
