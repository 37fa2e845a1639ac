import { useSyncExternalStore } from 'react';
import type { components } from '../api/schema.js';

type LoginAnswer = components['schemas']['LoginAnswer'];
export type Grant = components['schemas']['GrantBody'];
export type Role = components['schemas']['Role'];

export interface Session {
  username: string;
  personId: string | null;
  grants: Grant[];
  accessToken: string;
  refreshToken: string;
}

// The session lives in this tab's sessionStorage (ADR 0034): a reload keeps you signed in, closing
// the tab ends it, and two tabs (a chair and a chief testing side by side) never share a login.
const KEY = 'console.session';
const listeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function write(next: Session | null): void {
  current = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}

export const session = {
  get: () => current,
  signIn(answer: LoginAnswer): void {
    write({
      username: answer.account.username,
      personId: answer.account.personId,
      grants: answer.account.grants,
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
    });
  },
  replaceTokens(accessToken: string, refreshToken: string): void {
    if (current) write({ ...current, accessToken, refreshToken });
  },
  signOut: () => write(null),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.get);
}

export function hasRole(s: Session | null, ...roles: Role[]): boolean {
  return !!s && s.grants.some((g) => roles.includes(g.role));
}
