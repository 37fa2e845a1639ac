import { readFileSync } from 'node:fs';

// Where a CPU profile's time went, by function: self time (samples in the function itself) and total
// time (samples with the function anywhere on the stack, counted once per sample), as shares of the
// samples that were not idle. Usage: node dist/bench/profile-summary.js <file.cpuprofile> [top] [filter]
// (filter: only functions whose location contains it, e.g. "/src/" for the application's own code).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, filter] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top] [filter]');
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Paths under the working directory are shown relative to it; others (another build's) in full.
const here = `file://${process.cwd()}/`;
const shortUrl = (url: string) =>
  url.startsWith(here)
    ? url.slice(here.length)
    : url.replace(/^file:\/\/.*\/node_modules\//, 'node_modules/');
const keyOf = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const IDLE = new Set(['(idle)', '(program)', '(root)']);

const self = new Map<string, number>();
const total = new Map<string, number>();
let busy = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const leaf = byId.get(id)!;
  if (IDLE.has(leaf.callFrame.functionName)) {
    idle += dt;
    return;
  }
  busy += dt;
  self.set(keyOf(leaf), (self.get(keyOf(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
    const k = keyOf(n);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + dt);
  }
});

const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
const list = (m: Map<string, number>) =>
  [...m]
    .filter(([k]) => !filter || k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
console.log(
  `busy ${(busy / 1000).toFixed(0)} ms, idle or program ${(idle / 1000).toFixed(0)} ms, ${profile.samples.length} samples`,
);
console.log('\nself time');
for (const [k, us] of list(self)) console.log(`${pct(us)}  ${k}`);
console.log('\ntotal time');
for (const [k, us] of list(total)) console.log(`${pct(us)}  ${k}`);
