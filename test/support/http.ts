import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { TestApp } from './test-app.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-reference.js';

// A thin HTTP client for end-to-end tests: real requests through the real server.
export function httpClient(t: TestApp) {
  const server = t.app.getHttpServer();
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    if (!tokens.has(username)) {
      const res = await request(server)
        .post('/auth/login')
        .send({ username, password: DEMO_PASSWORD })
        .expect(200);
      tokens.set(username, res.body.accessToken);
    }
    return tokens.get(username)!;
  };
  return {
    server,
    token,
    async get(username: string, path: string) {
      return request(server)
        .get(path)
        .set('authorization', `Bearer ${await token(username)}`);
    },
    async post(
      username: string,
      path: string,
      body: unknown,
      idempotencyKey: string | null = randomUUID(),
    ) {
      const req = request(server)
        .post(path)
        .set('authorization', `Bearer ${await token(username)}`);
      if (idempotencyKey) req.set('idempotency-key', idempotencyKey);
      return req.send(body as object);
    },
  };
}
