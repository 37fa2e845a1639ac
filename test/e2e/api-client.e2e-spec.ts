import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  DESCRIPTION_PATH,
  SCHEMA_TYPES_PATH,
  describeApi,
  stableJson,
} from '../../src/api-description/api-description.js';
import { schemaTypes } from '../../src/api-description/schema-types.js';
import { ROUND_EVENT_TYPES } from '../../src/kernel/round/round.events.js';
import { WHO_MAY_SEND } from '../../src/kernel/round/round.permissions.js';
import { DEMO_PASSWORD, PARTIES } from '../../src/seed/demo-reference.js';
import {
  DEMO_ACCOUNT,
  xinheRoundScript,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import {
  createApiClient,
  idempotencyKey,
  type ApiClient,
  type paths,
} from '../../web/src/api/client.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The description, the committed client built from it, and a round through that client against the
// server on a real port (one app for the file): if the generated types stop matching the routes, this
// file stops compiling (tsc --noEmit) or passing.

type Description = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
};

type SendEvent =
  paths['/api/negotiations/{id}/events']['post']['requestBody']['content']['application/json'];

let baseUrl: string;
const clients = new Map<string, ApiClient>();
// The round the first test takes into its first joint session; the second goes on with it.
let round: { id: string; revision: number };

async function signIn(username: string): Promise<ApiClient> {
  const anonymous = createApiClient({ baseUrl });
  const { data, response } = await anonymous.POST('/api/auth/login', {
    body: { username, password: DEMO_PASSWORD },
  });
  expect(response.status).toBe(200);
  const token = data!.accessToken;
  return createApiClient({ baseUrl, token: () => token });
}

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let served: Description;

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
  served = (await request(t.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  for (const username of Object.values(DEMO_ACCOUNT).slice(0, 3))
    clients.set(username, await signIn(username));
}, 120_000);
afterAll(() => t?.close());

// Fastify's route tree, printed without merged prefixes: one node per line, children indented by 4.
function registeredRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    for (const method of m[3]?.split(', ') ?? [])
      if (method !== 'HEAD') routes.push(`${method} ${stack.join('')}`);
  }
  return routes;
}

function firstDifference(committed: string, generated: string): string {
  const [a, b] = [committed.split('\n'), generated.split('\n')];
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i < 0 ? a.length : i;
  return `first difference at line ${at + 1}:\n  committed: ${a[at] ?? '(end)'}\n  generated: ${b[at] ?? '(end)'}`;
}

describe('the committed description and client types', () => {
  it('are what the running code describes (run npm run api:generate and commit)', async () => {
    for (const [path, expected] of [
      [DESCRIPTION_PATH, stableJson(served)],
      [SCHEMA_TYPES_PATH, await schemaTypes(served)],
    ]) {
      const committed = readFileSync(path, 'utf8');
      if (committed !== expected)
        throw new Error(
          `${path} differs from what the code describes: run npm run api:generate and commit\n${firstDifference(committed, expected)}`,
        );
    }
  });
});

describe('the served description', () => {
  it('is the one npm run api:generate builds without a database', async () => {
    expect(stableJson(await describeApi())).toBe(stableJson(served));
  });

  it('validates against the official OpenAPI schema of its version', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(served));
    expect({ version: validator.version, errors: result.errors }).toEqual({
      version: served.openapi.slice(0, 3),
      errors: undefined,
    });
    expect(result.valid).toBe(true);
  });

  it('describes every route the server registers (Swagger UI and the description itself aside)', () => {
    const registered = registeredRoutes(
      t.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }),
    )
      .filter((r) => !/ \/api\/(docs|openapi\.json$)/.test(r))
      .map((r) => r.replace(/:(\w+)/g, '{$1}'));
    const described = Object.entries(served.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(registered.length).toBeGreaterThan(30);
    expect(registered.filter((r) => !described.includes(r))).toEqual([]);
    expect(described.filter((d) => !registered.includes(d))).toEqual([]);
  });
});

describe('GET /api/industries/{code}/procedure', () => {
  it('describes the current wool-knitwear machine for a signed-in caller', async () => {
    const chair = clients.get(DEMO_ACCOUNT.unionChair)!;
    const res = await chair.GET('/api/industries/{code}/procedure', {
      params: { path: { code: 'wool-knitwear' } },
    });
    expect(res.response.status).toBe(200);
    const procedure = res.data!;
    expect(procedure).toMatchObject({
      industryCode: 'wool-knitwear',
      machineId: 'wool-knitwear',
      // New rounds get v2 (ADR 0030); v1 stays released for the rounds opened on it.
      version: 2,
      current: true,
      versions: [1, 2],
      initial: 'opened',
    });
    const offerTabled = procedure.events.find((e) => e.type === 'offer.tabled');
    expect(offerTabled).toMatchObject({
      senders: { capacities: ['chief'], side: 'own' },
      payloadSchema: 'OfferTabledPayload',
      path: '/api/negotiations/{id}/events',
      description: { zh: expect.stringContaining('报价'), en: expect.any(String) },
    });
    expect(procedure.events.map((e) => e.type).sort()).toEqual([...ROUND_EVENT_TYPES].sort());
    for (const e of procedure.events) {
      expect({ type: e.type, senders: e.senders }).toEqual({
        type: e.type,
        senders: { ...WHO_MAY_SEND[e.type as keyof typeof WHO_MAY_SEND] },
      });
      // The console finds the form for an event by this name in the description it was built from.
      expect({ type: e.type, schema: e.payloadSchema in served.components.schemas }).toEqual({
        type: e.type,
        schema: true,
      });
    }
    expect(procedure.states.find((s) => s.id === 'negotiating.inSession')).toMatchObject({
      parent: 'negotiating',
      tags: ['atTable', 'open'],
      final: false,
    });
  });

  it('gives a listed version on request and refuses one that was never released', async () => {
    const v1 = await api.get('wang.w1', '/api/industries/wool-knitwear/procedure?version=1');
    expect(v1.body).toMatchObject({ version: 1, current: false });
    // v1's procedure lists only the events v1 accepts: not those v2 added.
    expect(v1.body.events.map((e: { type: string }) => e.type)).not.toContain('minutes.amended');
    const v9 = await api.get('wang.w1', '/api/industries/wool-knitwear/procedure?version=9');
    expect(v9.status).toBe(404);
    expect(v9.body).toMatchObject({ code: 'PROCEDURE_NOT_FOUND' });
    expect(v9.body.message).toContain('versions: 1, 2');
  });

  it('refuses an industry without a procedure, and a caller who is not signed in', async () => {
    // An industry the deployment does not run (shoes has a procedure since issue 12).
    const none = await api.get('zhu.shoes', '/api/industries/furniture/procedure');
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ code: 'PROCEDURE_NOT_FOUND' });
    const anonymous = await request(t.app.getHttpServer()).get(
      '/api/industries/wool-knitwear/procedure',
    );
    expect(anonymous.status).toBe(401);
  });
});

describe('a round through the generated client', () => {
  it('opens a round and runs delegations, offer, answer and a joint session with a counteroffer, revision by revision', async () => {
    const chair = clients.get(DEMO_ACCOUNT.unionChair)!;
    const opened = await chair.POST('/api/negotiations', {
      body: {
        workerPartyId: PARTIES.xinheUnion.id,
        employerPartyId: PARTIES.xinheAssociation.id,
        year: 2029,
        title: '2029年度新河镇羊毛衫行业工资集体协商 (typed client)',
      },
      params: { header: idempotencyKey() },
    });
    expect(opened.response.status).toBe(201);
    // The round's own identity is id (ADR 0023); its first revision is the one to send next.
    const { id, revision: openedAt } = opened.data!;
    const path = { id };

    const script = xinheRoundScript(2029).toSecondSession;
    const untilSecondSession = script.slice(
      0,
      script.findIndex((s) => s.type === 'session.closed'),
    );
    let revision = openedAt;
    for (const step of untilSecondSession) {
      const body = {
        type: step.type,
        expectedRevision: revision,
        payload: step.payload,
      } as SendEvent;
      const sent = await clients.get(DEMO_ACCOUNT[step.as])!.POST('/api/negotiations/{id}/events', {
        params: { path, header: idempotencyKey() },
        body,
      });
      expect({ step: step.type, status: sent.response.status, error: sent.error }).toEqual({
        step: step.type,
        status: 201,
        error: undefined,
      });
      // Each accepted event moves the revision on by one; the next request names it.
      expect(sent.data?.revision).toBe(revision + 1);
      revision = sent.data!.revision;
    }

    const view = await chair.GET('/api/negotiations/{id}', { params: { path } });
    expect(view.data).toMatchObject({ state: 'negotiating.inSession', revision });
    const offers = await chair.GET('/api/negotiations/{id}/offers', { params: { path } });
    expect(offers.response.status).toBe(200);
    // The union's offer and the association's counteroffer, in the order they were tabled.
    expect(offers.data?.items.map((o) => o.side)).toEqual(['worker', 'employer']);
    expect(offers.data?.page.next).toBeNull();
    round = { id, revision };
  }, 30_000);

  it('refuses a stale revision with 409, and answers a retried session close from the first attempt', async () => {
    const chair = clients.get(DEMO_ACCOUNT.unionChair)!;
    const path = { id: round.id };
    const before = round.revision;
    const agendaItem = { type: 'agenda.itemAdded', payload: { itemId: 'x', title: 'x' } };
    const stale = await chair.POST('/api/negotiations/{id}/events', {
      params: { path, header: idempotencyKey() },
      body: { ...agendaItem, expectedRevision: before - 1 } as SendEvent,
    });
    expect(stale.response.status).toBe(409);
    expect(stale.error).toMatchObject({ code: 'NEGOTIATION_STALE_REVISION' });

    // The same key on both attempts: the second is answered from the first, not applied again.
    const header = idempotencyKey(randomUUID());
    const close = {
      type: 'session.closed',
      payload: { closedOn: '2029-08-03' },
      expectedRevision: before,
    } as SendEvent;
    const first = await chair.POST('/api/negotiations/{id}/events', {
      params: { path, header },
      body: close,
    });
    const retry = await chair.POST('/api/negotiations/{id}/events', {
      params: { path, header },
      body: close,
    });
    expect(first.response.status).toBe(201);
    expect(first.data?.revision).toBe(before + 1);
    expect(retry.data?.revision).toBe(before + 1);
    expect(retry.response.headers.get('idempotent-replayed')).toBe('true');
    const after = await chair.GET('/api/negotiations/{id}', { params: { path } });
    expect(after.data).toMatchObject({
      revision: before + 1,
      state: 'negotiating.betweenSessions',
    });
  });

  it('without a token, a call is refused with the server’s code in the typed error', async () => {
    const anonymous = createApiClient({ baseUrl });
    const me = await anonymous.GET('/api/me');
    expect(me.response.status).toBe(401);
    expect(me.error).toMatchObject({ code: 'AUTH_REQUIRED' });
  });
});
