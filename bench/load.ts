import { mkdirSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';

// Closed-loop load: `clients` loops each run one operation at a time, back to back. An operation
// resolves once it has succeeded (after any conflict retries, which it reports). A run is either
// timed (completions during the warm-up are discarded, throughput counts completions inside the
// measured window) or counted (a fixed number of successes after a fixed number of warm-up ones, for
// cells whose cost depends on how many operations came before).

export type Timing =
  | { kind: 'duration'; warmupMs: number; measureMs: number }
  | { kind: 'count'; warmupOps: number; measureOps: number };

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
  const latenciesMs: number[] = [];
  let conflicts = 0;
  const start = performance.now();
  let measureFrom = timing.kind === 'duration' ? start + timing.warmupMs : Infinity;
  const end = timing.kind === 'duration' ? measureFrom + timing.measureMs : Infinity;
  const total = timing.kind === 'count' ? timing.warmupOps + timing.measureOps : Infinity;
  let started = 0;
  let completed = 0;
  let last = start;
  if (timing.kind === 'count' && timing.warmupOps === 0) measureFrom = start;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < end && started < total) {
        started++;
        const t0 = performance.now();
        const r = await op(client);
        const t1 = performance.now();
        completed++;
        if (t1 >= measureFrom && t1 < end) {
          latenciesMs.push(t1 - t0);
          conflicts += r.conflicts;
          last = t1;
        }
        if (timing.kind === 'count' && completed === timing.warmupOps) measureFrom = t1;
      }
    }),
  );
  const seconds =
    timing.kind === 'duration' ? timing.measureMs / 1000 : (last - measureFrom) / 1000;
  return { ops: latenciesMs.length, seconds, conflicts, latenciesMs };
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

// Runs `run` under the inspector's CPU profiler on this thread (sampling every intervalUs; 0: no
// profiler) and writes .bench/<name>.cpuprofile; answers its result, the process's CPU time over the
// run (all threads, in ms) and what was written, for the log line.
export async function profiled<T>(
  name: string,
  intervalUs: number,
  run: () => Promise<T>,
): Promise<{ result: T; userMs: number; totalMs: number; wrote: string }> {
  const session = new inspector.Session();
  if (intervalUs > 0) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await session.post('Profiler.start');
  }
  const cpuStart = process.cpuUsage();
  const result = await run();
  const cpu = process.cpuUsage(cpuStart);
  let wrote = '';
  if (intervalUs > 0) {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const outDir = new URL('../../.bench/', import.meta.url);
    mkdirSync(outDir, { recursive: true });
    const outFile = new URL(`${name}.cpuprofile`, outDir);
    writeFileSync(outFile, JSON.stringify(profile));
    wrote = `; wrote ${outFile.pathname}`;
  }
  return { result, userMs: cpu.user / 1000, totalMs: (cpu.user + cpu.system) / 1000, wrote };
}
