import { DEMO_PASSWORD } from '../../src/seed/demo-reference.js';
import { startServer, type CompiledServer, type ServerProcess } from './server-process.js';

// The crash test (issue 8): writers race on the live demo round while the server is killed with
// SIGKILL; after each restart every acknowledged event (a 201 the client received) must be in the
// history with the hash it was acknowledged with, and every negotiation's chain must verify.

export interface Acknowledged {
  seq: number;
  hash: string;
}

interface RoundRead {
  revision: number;
  sessions: { number: number; minutes: string | null }[];
}

interface Writer {
  username: string;
  event: (n: number, round: RoundRead) => { type: string; payload: unknown };
}

// Three writers on one round, so they also race on its revision (409s are retried with a fresh read).
const WRITERS: Writer[] = [
  {
    username: 'ye.recorder',
    // The live round is on wool-knitwear v2 (ADR 0030): minutes are recorded once, then amended.
    event: (n, round) => {
      const session = round.sessions.at(-1)!;
      return session.minutes === null
        ? { type: 'minutes.recorded', payload: { minutes: `崩溃测试纪要 ${n}` } }
        : {
            type: 'minutes.amended',
            payload: {
              sessionNumber: session.number,
              minutes: `崩溃测试纪要 ${n}`,
              reason: '崩溃测试 (crash test)',
            },
          };
    },
  },
  ...(['chen.chair', 'lin.chief'] as const).map((username, side) => ({
    username,
    event: (n: number) => ({
      type: 'offer.tabled',
      payload: {
        items: [
          {
            productType: 'V-SJ',
            processCode: 'KN-01',
            rate: (1.3 + side / 10 + n / 1e4).toFixed(4),
          },
        ],
        note: null,
      },
    }),
  })),
];

class Api {
  // One login per account, shared by the writers: the throttle checks one password per
  // (account, address) at a time, so parallel logins of one account would be refused (ADR 0017).
  private readonly tokens = new Map<string, Promise<string>>();
  constructor(public baseUrl = '') {}

  token(username: string): Promise<string> {
    if (!this.tokens.has(username))
      this.tokens.set(
        username,
        this.call('POST', '/api/auth/login', null, { username, password: DEMO_PASSWORD }).then(
          (res) => {
            if (res.status !== 200) throw new Error(`login of ${username}: ${res.status}`);
            return (res.body as { accessToken: string }).accessToken;
          },
        ),
      );
    return this.tokens.get(username)!;
  }

  private async call(method: string, path: string, token: string | null, body?: unknown) {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'POST' && token ? { 'idempotency-key': crypto.randomUUID() } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  async as(username: string, method: string, path: string, body?: unknown) {
    return this.call(method, path, await this.token(username), body);
  }

  async read<T>(username: string, path: string): Promise<T> {
    const res = await this.as(username, 'GET', path);
    if (res.status !== 200)
      throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }
}

async function liveRound(api: Api): Promise<string> {
  const list = await api.read<{ items: { id: string }[] }>(
    'chen.chair',
    '/api/negotiations?year=2026&state=negotiating.inSession',
  );
  if (list.items.length !== 1) throw new Error('the demo seed has no live 2026 round');
  return list.items[0].id;
}

interface Run {
  acked: Acknowledged[];
  sent: number;
  isKilled: boolean;
  // Which server life a request belongs to: a request sent to a killed server can fail after the
  // next one has started (seen with undici), and is the kill's, not a failure.
  life: number;
}

// Writes until the server is gone; pushes every 201 it received. Any other failure is the test's.
async function write(api: Api, writer: Writer, id: string, run: Run) {
  const life = run.life;
  while (!run.isKilled && run.life === life) {
    try {
      const round = await api.read<RoundRead>(writer.username, `/api/negotiations/${id}`);
      const res = await api.as(writer.username, 'POST', `/api/negotiations/${id}/events`, {
        ...writer.event(run.sent++, round),
        expectedRevision: round.revision,
      });
      if (res.status === 201) {
        const { seq, hash } = res.body as Acknowledged;
        run.acked.push({ seq, hash });
      } else if (res.status !== 409) {
        throw new Error(`${writer.username}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    } catch (e) {
      if (run.isKilled || run.life !== life) return;
      throw e;
    }
  }
}

export interface CrashReport {
  kills: number;
  acknowledged: number;
  missing: Acknowledged[];
  invalidChains: string[];
  negotiationsVerified: number;
}

// Every acknowledged event is in the history with its hash; every chain verifies (as an administrator).
async function check(api: Api, id: string, acked: Acknowledged[]) {
  const stored = new Map<number, string>();
  for (let after = 0; ;) {
    const page = await api.read<{ items: Acknowledged[]; page: { next: number | null } }>(
      'admin',
      `/api/negotiations/${id}/history?afterSeq=${after}&limit=1000`,
    );
    for (const e of page.items) stored.set(e.seq, e.hash);
    if (page.page.next === null) break;
    after = page.page.next;
  }
  const missing = acked.filter((a) => stored.get(a.seq) !== a.hash);
  const ids: string[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const list: { items: { id: string }[]; page: { next: number | null } } = await api.read(
      'admin',
      `/api/negotiations?offset=${offset}&limit=100`,
    );
    ids.push(...list.items.map((n) => n.id));
    offset = list.page.next;
  }
  const invalidChains: string[] = [];
  for (const n of ids) {
    const v = await api.read<{ valid: boolean }>('admin', `/api/negotiations/${n}/history/verify`);
    if (!v.valid) invalidChains.push(n);
  }
  return { missing, invalidChains, negotiationsVerified: ids.length };
}

export async function crashRun(
  server: CompiledServer,
  settings: Record<string, string>,
  kills: number,
): Promise<CrashReport> {
  // Every offer lands in one open session: a real session has a few, the soak's 50 kills table hundreds.
  const env = { LIMIT_OFFERS_PER_SESSION: '1000', ...settings };
  const api = new Api();
  const run: Run = { acked: [], sent: 0, isKilled: false, life: 0 };
  // Knitwear's demo rounds are the ones it writes to; the other industries' would only slow the start.
  let running: ServerProcess = await startServer(server, env, ['--seed-demo=wool-knitwear']);
  api.baseUrl = running.baseUrl;
  const id = await liveRound(api);
  // Every writer logs in once, before any kill: tokens outlive restarts (sessions are rows), and a
  // login cut short by a kill would leave its account-and-address pair busy for a while (ADR 0017).
  for (const w of WRITERS) await api.token(w.username);
  for (let kill = 1; kill <= kills; kill++) {
    // Kill after a varying number of acknowledgements, while the other writers are mid-request.
    const target = run.acked.length + 1 + (kill % 4);
    run.isKilled = false;
    const writers = Promise.all(WRITERS.map((w) => write(api, w, id, run)));
    try {
      await Promise.race([
        writers.then(() => Promise.reject(new Error('the writers stopped before the kill'))),
        (async () => {
          while (run.acked.length < target && !run.isKilled)
            await new Promise((r) => setTimeout(r, 5));
        })(),
      ]);
    } catch (e) {
      run.isKilled = true;
      running.child.kill('SIGKILL');
      throw e;
    }
    run.isKilled = true;
    run.life++;
    running.child.kill('SIGKILL');
    await running.exited;
    await writers;
    running = await startServer(server, env);
    api.baseUrl = running.baseUrl;
  }
  const result = await check(api, id, run.acked);
  running.child.kill('SIGTERM');
  await running.exited;
  return { kills, acknowledged: run.acked.length, ...result };
}
