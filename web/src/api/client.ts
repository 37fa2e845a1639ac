import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema.js';

// The console's typed client: paths, parameters and bodies come from schema.d.ts, which
// `npm run api:generate` writes from the server's own description (ADR 0024); nothing is hand-typed.

export type { paths };
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  // The server's origin; the paths carry /api themselves. In a browser, the page's origin.
  baseUrl?: string;
  // The bearer token of the signed-in caller, read on every request so a new login takes effect.
  token?: () => string | null | undefined;
  fetch?: typeof fetch;
}

const pageOrigin = () => (globalThis as { location?: { origin: string } }).location?.origin ?? '';

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? pageOrigin(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use({
    onRequest({ request }) {
      const token = options.token?.();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });
  return client;
}

// Every change takes an Idempotency-Key, a header parameter the description declares required, so the
// compiler asks for it: `params: { header: idempotencyKey() }`. A retry of the same change must reuse
// its key: create it once per user action and pass the same header to every attempt.
export function idempotencyKey(key: string = crypto.randomUUID()) {
  return { 'Idempotency-Key': key };
}
