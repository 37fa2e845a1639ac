import { performance } from 'node:perf_hooks';

// Closed-loop load: `clients` loops each run one operation at a time, back to back. Operations that
// complete during the warm-up are discarded; throughput counts completions inside the measured
// window. An operation resolves once it has succeeded (after any conflict retries, which it reports).

export interface Timing {
  warmupMs: number;
  measureMs: number;
}

export interface OpResult {
  conflicts: number;
}

export type Op = (client: number) => Promise<OpResult>;

export interface Sample {
  ops: number;
  seconds: number;
  conflicts: number;
  latenciesMs: number[];
}

export async function closedLoop(clients: number, timing: Timing, op: Op): Promise<Sample> {
  const start = performance.now();
  const measureFrom = start + timing.warmupMs;
  const end = measureFrom + timing.measureMs;
  const latenciesMs: number[] = [];
  let conflicts = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const r = await op(client);
        const t1 = performance.now();
        if (t1 >= measureFrom && t1 < end) {
          latenciesMs.push(t1 - t0);
          conflicts += r.conflicts;
        }
      }
    }),
  );
  return { ops: latenciesMs.length, seconds: timing.measureMs / 1000, conflicts, latenciesMs };
}

export interface Summary {
  ops: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  conflicts: number;
}

// Nearest-rank percentile.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarise(s: Sample): Summary {
  const sorted = [...s.latenciesMs].sort((a, b) => a - b);
  return {
    ops: s.ops,
    throughput: s.ops / s.seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    conflicts: s.conflicts,
  };
}

// The event every bench client sends: three piece rates tabled by the union chair, which a round
// accepts any number of times while a joint session is open.
export const OFFER_PAYLOAD = {
  items: [
    { processCode: 'KN-01', rate: '1.2500' },
    { processCode: 'KN-02', rate: '0.8500' },
    { processCode: 'KN-03', rate: '2.0300' },
  ],
  note: null,
};
