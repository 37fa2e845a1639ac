import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The console is served by the API's own server (ADR 0034): its files at /, its routes answered with
// index.html on reload, the API's own refusals kept under /api, and the contract always published.
// A stand-in build (an index.html and one hashed asset) is enough: what is tested is the serving.
let t: TestApp;
let dir: string;
const INDEX = '<!doctype html><html><body><div id="root"></div></body></html>';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
  t = await startTestApp({}, undefined, undefined, [], dir);
}, 60_000);
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the console at /', () => {
  it('serves index.html at / and for any console route, never cached', async () => {
    for (const path of ['/', '/rounds/0b7c3a52-8d55-4e9b-9a8e-1c1c2f3a4b5c', '/admin/people?x=1']) {
      const res = await request(t.app.getHttpServer()).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toBe(INDEX);
    }
  });

  it('serves hashed assets for a year and other files revalidated', async () => {
    const asset = await request(t.app.getHttpServer()).get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const icon = await request(t.app.getHttpServer()).get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('keeps the strict content security policy on the console', async () => {
    const res = await request(t.app.getHttpServer()).get('/').expect(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('answers an unknown API route with the API’s coded 404, whatever the method', async () => {
    for (const method of ['get', 'post', 'delete'] as const) {
      const res = await request(t.app.getHttpServer())[method]('/api/no-such-route').expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(res.body.message).toMatch(/no-such-route|Cannot/);
    }
    const bare = await request(t.app.getHttpServer()).get('/api').expect(404);
    expect(bare.body.code).toBe('NOT_FOUND');
  });

  it('leaves the API’s routes to the API', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/health').expect(200);
    expect(res.headers['content-type']).toMatch(/json/);
  });

  it('publishes the contract at /api/openapi.json, the same as the description the docs serve', async () => {
    const contract = await request(t.app.getHttpServer()).get('/api/openapi.json').expect(200);
    const docs = await request(t.app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(contract.body).toEqual(docs.body);
    expect(contract.body.components.schemas.OfferTabledPayload).toBeDefined();
  });
});

describe('without a built console', () => {
  it('answers / with the API’s 404, and the contract is still published', async () => {
    const bare = await startTestApp();
    try {
      const res = await request(bare.app.getHttpServer()).get('/').expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      await request(bare.app.getHttpServer()).get('/api/openapi.json').expect(200);
    } finally {
      await bare.close();
    }
  }, 60_000);
});
