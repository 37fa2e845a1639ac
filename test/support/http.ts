import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { TestApp } from './test-app.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-reference.js';

// A thin HTTP client for end-to-end tests: real requests through the real server.
export function httpClient(t: TestApp) {
  const server = t.app.getHttpServer();
  // One login per username, shared by concurrent callers: the login throttle checks one password
  // per (username, address) at a time and refuses a second one in flight (ADR 0017).
  const tokens = new Map<string, Promise<string>>();
  const token = (username: string): Promise<string> => {
    if (!tokens.has(username))
      tokens.set(
        username,
        request(server)
          .post('/api/auth/login')
          .send({ username, password: DEMO_PASSWORD })
          .expect(200)
          .then((res) => res.body.accessToken as string),
      );
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
