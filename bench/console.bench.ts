import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chooseOption, optionTexts } from '../test/browser/antd-select.js';
import { PARTIES, DEMO_PASSWORD } from '../src/seed/demo-reference.js';
import {
  xinheRoundScript,
  type DemoRole,
} from '../src/industries/wool-knitwear/demo/xinhe-round.script.js';

// Issue 11's console targets, measured in headless Chromium against the built server (npm run build)
// with the demo data on a fresh PostgreSQL database (never asserted in tests; docs/benchmarks.md):
//  (a) the round page with two 2,106-line offers (worker and employer, 9 product types x 234
//      processes) interactive within 1.5 s of navigation: from navigation start (a new browser
//      context: nothing cached) until the offers table shows its first rows AND the section filter is
//      enabled; the offers tab is clicked as soon as it appears, and that wait is inside the figure;
//  (b) switching a filter within 100 ms: from the click on a filter's option (a capturing listener in
//      the page, performance.now) until the table has re-rendered (MutationObserver on the line count)
//      and the next animation frame has run;
//  (c) the initial JavaScript at most 400 KB gzipped: the index chunk and what index.html preloads
//      (its script and modulepreload tags), gzipped from dist/web; also every script the sign-in page
//      and the "my work" page really load (the responses the browser saw).

const LOADS = Number(process.env.BENCH_CONSOLE_LOADS ?? 12);
const SWITCHES = Number(process.env.BENCH_CONSOLE_SWITCHES ?? 20);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DIST_WEB = join(process.cwd(), 'dist/web');
const log = (m: string) => console.log(`[console bench] ${m}`);
const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((q / 100) * xs.length) - 1)];
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const LINES = 2106;
const PROCESSES = 234;
const code = (i: number) => `P-${String(i + 1).padStart(4, '0')}`;
const rate = (i: number, bump: number) => {
  const units = 10000 + ((i * 37) % 10000) + bump;
  return `${Math.floor(units / 10000)}.${String(units % 10000).padStart(4, '0')}`;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function adminSql(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

interface Server {
  base: string;
  child: ChildProcess;
  db: string;
}

async function startServer(): Promise<Server> {
  if (!existsSync('dist/src/main.js') || !existsSync(join(DIST_WEB, 'index.html')))
    throw new Error('run `npm run build` first: the bench measures the built server and console');
  const db = `bench_console_${Date.now()}_${process.pid}`;
  await adminSql(`CREATE DATABASE "${db}"`);
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js', '--seed-demo'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: Object.assign(new URL(ADMIN_URL), { pathname: `/${db}` }).toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      HTTP_BODY_LIMIT_BYTES: String(4 * 1024 * 1024),
    },
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode})`);
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { base, child, db };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not answer /api/health within 120 s');
}

async function stopServer(s: Server) {
  s.child.kill('SIGTERM');
  await new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once('exit', r)));
  await adminSql(`DROP DATABASE IF EXISTS "${s.db}" WITH (FORCE)`);
}

// Through the API, as people would: a catalog version of 9 product types x 234 processes (spread
// over the demo's sections, so the section filter has something to do), a round pinned to it in its
// first joint session, and a full 2,106-line offer from each side.
async function roundWithTwoBigOffers(base: string): Promise<string> {
  const login = async (username: string) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined
          ? {}
          : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const admin = await login('admin');
  const as: Record<DemoRole, string> = {
    unionChair: await login('chen.chair'),
    associationChief: await login('lin.chief'),
    recorder: await login('ye.recorder'),
    labourOfficer: await login('liu.labour'),
  };
  const demo = (await call(admin, 'GET', '/api/catalogs/wool-knitwear/1')) as {
    productTypes: { code: string }[];
    sections: { code: string }[];
    processes: { code: string }[];
  };
  await call(admin, 'POST', '/api/catalogs', {
    industryCode: 'wool-knitwear',
    basedOnVersion: 1,
    note: 'console bench: 9 product types x 234 processes',
    productTypes: demo.productTypes,
    sections: demo.sections,
    processes: Array.from({ length: PROCESSES }, (_, i) => ({
      code: code(i),
      sectionCode: demo.sections[Math.floor((i * demo.sections.length) / PROCESSES)].code,
      nameZh: `工序${i + 1}`,
      unit: 'piece',
    })),
    mappings: demo.processes.map((x) => ({ fromCode: x.code, toCodes: [], kind: 'retired' })),
  });
  const opened = await call(as.unionChair, 'POST', '/api/negotiations', {
    workerPartyId: PARTIES.xinheUnion.id,
    employerPartyId: PARTIES.xinheAssociation.id,
    year: 2099,
    title: '2099 console bench',
  });
  const id = opened.id as string;
  let revision = opened.revision as number;
  const steps = xinheRoundScript(2099).toSecondSession;
  for (const s of steps.slice(0, steps.findIndex((x) => x.type === 'session.opened') + 1))
    revision = (
      await call(as[s.as], 'POST', `/api/negotiations/${id}/events`, {
        type: s.type,
        expectedRevision: revision,
        payload: s.payload,
      })
    ).revision as number;
  const table = (bump: number) =>
    Array.from({ length: LINES }, (_, i) => ({
      productType: demo.productTypes[Math.floor(i / PROCESSES)].code,
      processCode: code(i % PROCESSES),
      rate: rate(i, bump),
    }));
  for (const [who, bump] of [
    ['unionChair', 900],
    ['associationChief', 0],
  ] as const)
    revision = (
      await call(as[who], 'POST', `/api/negotiations/${id}/events`, {
        type: 'offer.tabled',
        expectedRevision: revision,
        payload: { items: table(bump), scope: 'full', note: null },
      })
    ).revision as number;
  return id;
}

// The session a sign-in leaves in sessionStorage, to start each measured load signed in.
async function signedInSession(browser: Browser, base: string): Promise<string> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名', { exact: true }).first().fill('chen.chair');
  await page.getByLabel('密码', { exact: true }).first().fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('who').waitFor();
  const raw = (await page.evaluate("sessionStorage.getItem('console.session')")) as string | null;
  await context.close();
  if (!raw) throw new Error('no session after signing in');
  return raw;
}

async function newSignedInContext(browser: Browser, session: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript({
    content: `sessionStorage.setItem('console.session', ${JSON.stringify(session)});`,
  });
  return context;
}

// What the in-page code below leaves on the window (the server's tsconfig has no DOM types).
interface InPage {
  __interactive?: number;
  __done: number[];
  __clicks: number[];
  document: { querySelector(s: string): { textContent: string | null } | null };
}

// In-page code, as text: the server's tsconfig has no DOM types, and this runs in the page.
// The offers tab is interactive when its table shows a row and the section filter is enabled.
const MARK_INTERACTIVE = `
  const check = () => {
    if (window.__interactive) return;
    const row = document.querySelector('[data-testid="offers-table"] .ant-table-row');
    const filter = document.querySelector('input[aria-label="车间/工种"]');
    if (row && filter && !filter.disabled) window.__interactive = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
`;
// A click on a filter's option (capturing, before React sees it) and each re-render of the table
// followed by the next animation frame.
const WATCH_FILTER_SWITCHES = `
  window.__clicks = [];
  window.__done = [];
  document.addEventListener('click', (e) => {
    if (e.target.closest('.ant-select-item-option')) window.__clicks.push(performance.now());
  }, true);
  // The table's rows, not the line count: two product types can hold as many lines as each other.
  new MutationObserver(() => requestAnimationFrame(() => window.__done.push(performance.now())))
    .observe(document.querySelector('[data-testid="offers-table"]'),
      { subtree: true, childList: true, characterData: true });
`;

// (a) one cold load of the round page, to the offers tab interactive.
async function timeRoundLoad(browser: Browser, session: string, url: string): Promise<number> {
  const context = await newSignedInContext(browser, session);
  const page = await context.newPage();
  await page.addInitScript({ content: MARK_INTERACTIVE });
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByRole('tab', { name: '报价对照' }).click();
  await page.waitForFunction(() => (globalThis as unknown as InPage).__interactive, null, {
    timeout: 30_000,
    polling: 50,
  });
  // performance.now() counts from the navigation's start (timeOrigin).
  const ms = (await page.evaluate('window.__interactive')) as number;
  await context.close();
  return ms;
}

// (b) filter switches on a loaded page: click to re-rendered table, then the next frame.
async function timeFilterSwitches(page: Page): Promise<number[]> {
  await page.evaluate(WATCH_FILTER_SWITCHES);
  const options = (label: string) => optionTexts(page.getByLabel(label, { exact: true }));
  const sections = await options('车间/工种');
  const productTypes = await options('品种');
  const picks: [string, string][] = [];
  for (let i = 0; i < SWITCHES; i++)
    picks.push(
      i % 2
        ? ['品种', productTypes[i % productTypes.length]]
        : ['车间/工种', sections[i % sections.length]],
    );
  const times: number[] = [];
  for (const [label, option] of picks) {
    const done = (await page.evaluate('window.__done.length')) as number;
    await chooseOption(page.getByLabel(label, { exact: true }), option);
    const changed = await page
      .waitForFunction((n) => (globalThis as unknown as InPage).__done.length > n, done, {
        timeout: 5_000,
      })
      .then(() => true)
      .catch(() => false);
    if (!changed) continue; // the same choice again: nothing to re-render
    // Until the table is still: the last re-render's frame is the end of the switch.
    for (let seen = -1, now = 0; seen !== now;) {
      seen = now;
      await page.waitForTimeout(200);
      now = (await page.evaluate('window.__done.length')) as number;
    }
    times.push(
      (await page.evaluate(
        'window.__done[window.__done.length - 1] - window.__clicks[window.__clicks.length - 1]',
      )) as number,
    );
  }
  return times;
}

// (c) gzip sizes: what index.html names, and what the pages really load.
function gz(file: string): number {
  return gzipSync(readFileSync(join(DIST_WEB, file)), { level: 9 }).length;
}

function initialFromHtml(): { files: string[]; bytes: number } {
  const html = readFileSync(join(DIST_WEB, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g),
  ].map((m) => m[1]);
  return { files, bytes: files.reduce((a, f) => a + gz(f), 0) };
}

async function scriptsLoaded(
  browser: Browser,
  session: string | null,
  url: string,
  ready: (page: Page) => Promise<unknown>,
) {
  const context = session
    ? await newSignedInContext(browser, session)
    : await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const files = new Set<string>();
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js')) files.add(path.replace(/^\//, ''));
  });
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState('networkidle');
  await context.close();
  const list = [...files];
  return { files: list, bytes: list.reduce((a, f) => a + gz(f), 0) };
}

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);
  log(
    `${cpus().length} CPUs, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const id = await roundWithTwoBigOffers(server.base);
    const url = `${server.base}/rounds/${id}`;
    const session = await signedInSession(browser, server.base);
    log(`round ${id} with two ${LINES}-line offers; ${LOADS} cold loads of its offers tab`);

    // (a) interactive
    await timeRoundLoad(browser, session, url); // warm-up: the server's first reads
    const loads: number[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await timeRoundLoad(browser, session, url));

    // (b) filters
    const context = await newSignedInContext(browser, session);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('tab', { name: '报价对照' }).click();
    await page.getByTestId('offers-table').locator('.ant-table-row').first().waitFor();
    await page.getByLabel('车间/工种', { exact: true }).and(page.locator(':enabled')).waitFor();
    const switches = await timeFilterSwitches(page);
    await context.close();

    // (c) initial JavaScript
    const html = initialFromHtml();
    const login = await scriptsLoaded(browser, null, `${server.base}/login`, (pg) =>
      pg.getByRole('button', { name: '登录' }).waitFor(),
    );
    const myWork = await scriptsLoaded(browser, session, `${server.base}/`, (pg) =>
      pg.getByRole('heading', { name: '我的协商轮次' }).waitFor(),
    );
    const round = await scriptsLoaded(browser, session, url, async (pg) => {
      await pg.getByRole('tab', { name: '报价对照' }).click();
      await pg.getByTestId('offers-table').locator('.ant-table-row').first().waitFor();
    });

    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    log(
      `load average now ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    log(
      `(a) round page, offers tab interactive (ms from navigation): p50 ${p(loads, 50).toFixed(0)}, p95 ${p(loads, 95).toFixed(0)}, min ${Math.min(...loads).toFixed(0)}, max ${Math.max(...loads).toFixed(0)} over ${loads.length} cold loads; target 1500 → ${verdict(p(loads, 95) <= 1500)} (p95), ${verdict(p(loads, 50) <= 1500)} (p50)`,
    );
    log(
      `(b) filter switch (ms from click to re-rendered + next frame): p50 ${p(switches, 50).toFixed(1)}, p95 ${p(switches, 95).toFixed(1)}, max ${Math.max(...switches).toFixed(1)} over ${switches.length}; target 100 → ${verdict(p(switches, 95) <= 100)} (p95)`,
    );
    log(
      `(c) initial JS, index.html's script + modulepreload (${html.files.join(', ')}): ${kb(html.bytes)} KB gz; target 400 → ${verdict(html.bytes <= 400 * 1024)}`,
    );
    log(`    sign-in page loads ${login.files.length} scripts: ${kb(login.bytes)} KB gz`);
    log(
      `    "my work" page loads ${myWork.files.length} scripts: ${kb(myWork.bytes)} KB gz → ${verdict(myWork.bytes <= 400 * 1024)}`,
    );
    log(
      `    round page to the offers tab loads ${round.files.length} scripts: ${kb(round.bytes)} KB gz (lazy chunks beyond the first screen)`,
    );
    console.log(
      JSON.stringify({
        loadsMs: loads.map((x) => Math.round(x)),
        switchesMs: switches.map((x) => Math.round(x * 10) / 10),
        initialKbGz: {
          html: kb(html.bytes),
          login: kb(login.bytes),
          myWork: kb(myWork.bytes),
          round: kb(round.bytes),
        },
      }),
    );
  } finally {
    await browser.close();
    await stopServer(server);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
