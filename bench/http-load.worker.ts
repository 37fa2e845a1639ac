import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { OFFER_PAYLOAD, closedLoop, type Sample, type Timing } from './load.js';

// The HTTP load generator runs in its own thread, so the client's request building and response
// parsing do not share the event loop with the server under test (a real client is elsewhere).

export interface HttpLoadInput {
  port: number;
  token: string;
  ids: string[];
  revisions: number[];
  // hot: every client sends to ids[0] and knows only the revisions it has seen itself.
  hot: boolean;
  clients: number;
  timing: Timing;
}

export interface HttpLoadOutput {
  sample: Sample;
  revisions: number[];
}

interface Reply {
  status: number;
  body: { revision?: number; code?: string; details?: { currentRevision?: number } };
}

const input = workerData as HttpLoadInput;
const agent = new http.Agent({ keepAlive: true, maxSockets: input.clients });

function call(method: string, path: string, body?: unknown, key?: string): Promise<Reply> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: input.port,
        method,
        path,
        agent,
        headers: {
          authorization: `Bearer ${input.token}`,
          ...(key ? { 'idempotency-key': key } : {}),
          ...(data
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode!,
              body: JSON.parse(Buffer.concat(chunks).toString()),
            });
          } catch (e) {
            reject(e);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

// Sends the offer until it is accepted; on a stale revision, takes the current one from the 409
// (or reads the negotiation when the refusal does not say) and tries again with a new key.
async function sendOffer(id: string, known: () => number, learn: (r: number) => void) {
  let conflicts = 0;
  for (;;) {
    const path = `/api/negotiations/${id}/events`;
    const body = { type: 'offer.tabled', expectedRevision: known(), payload: OFFER_PAYLOAD };
    const r = await call('POST', path, body, randomUUID());
    if (r.status === 201) {
      learn(r.body.revision!);
      return { conflicts };
    }
    if (r.status === 409 && r.body.code === 'NEGOTIATION_STALE_REVISION') {
      conflicts++;
      const current =
        r.body.details?.currentRevision ??
        (await call('GET', `/api/negotiations/${id}`)).body.revision;
      learn(current!);
      continue;
    }
    throw new Error(`POST ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
  }
}

async function main(): Promise<HttpLoadOutput> {
  const revisions = [...input.revisions];
  let sample: Sample;
  if (input.hot) {
    const mine = Array.from({ length: input.clients }, () => revisions[0]);
    sample = await closedLoop(input.clients, input.timing, (c) =>
      sendOffer(
        input.ids[0],
        () => mine[c],
        (r) => {
          mine[c] = r;
          revisions[0] = Math.max(revisions[0], r);
        },
      ),
    );
  } else {
    sample = await closedLoop(input.clients, input.timing, () => {
      const i = Math.floor(Math.random() * input.ids.length);
      return sendOffer(
        input.ids[i],
        () => revisions[i],
        (r) => {
          revisions[i] = Math.max(revisions[i], r);
        },
      );
    });
  }
  agent.destroy();
  return { sample, revisions };
}

main().then(
  (out) => parentPort!.postMessage({ ok: true, out }),
  (e: unknown) => parentPort!.postMessage({ ok: false, error: String((e as Error)?.stack ?? e) }),
);
