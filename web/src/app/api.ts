import { createApiClient } from '../api/client.js';
import type { components } from '../api/schema.js';
import { session } from './session.js';

export type ApiError = components['schemas']['ApiError'];

// One client for the whole console. An expired access token is refreshed once, transparently, with
// the refresh token (which works once and is replaced); if that fails the session ends and the
// console shows the sign-in page.
let refreshing: Promise<boolean> | null = null;

async function refresh(): Promise<boolean> {
  const s = session.get();
  if (!s) return false;
  const res = await fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: s.refreshToken }),
  });
  if (!res.ok) {
    session.signOut();
    return false;
  }
  const answer = (await res.json()) as { accessToken: string; refreshToken: string };
  session.replaceTokens(answer.accessToken, answer.refreshToken);
  return true;
}

async function fetchWithRefresh(input: Request): Promise<Response> {
  const retry = input.clone();
  const res = await fetch(input);
  if (res.status !== 401 || !session.get() || input.url.includes('/api/auth/')) return res;
  refreshing ??= refresh().finally(() => (refreshing = null));
  if (!(await refreshing)) return res;
  retry.headers.set('authorization', `Bearer ${session.get()!.accessToken}`);
  return fetch(retry);
}

export const api = createApiClient({
  token: () => session.get()?.accessToken,
  fetch: fetchWithRefresh as typeof fetch,
});

// The API's refusal as an Error the screens can show in words (code, message, details).
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
  get code() {
    return this.body.code;
  }
}

// openapi-fetch answers { data, error, response }: screens want the data or a thrown refusal.
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    if (response.status === 401) session.signOut();
    throw new ApiRefusal(response.status, error as ApiError);
  }
  return data as T;
}
