import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createApp } from '../src/app.factory.js';
import { createLogger } from '../src/common/logger.js';
import { loadConfig } from '../src/config/app-config.js';
import { XLSX_TYPE } from '../src/piece-rates/catalog-spreadsheet.js';
import { readRateTable, writeRateTable } from '../src/piece-rates/rate-table-spreadsheet.js';
import { CatalogService } from '../src/piece-rates/catalog.service.js';
import { summariseSurvey } from '../src/kernel/rates/rate-statistics.js';
import { compareTables, normaliseTable } from '../src/kernel/rates/rate-table.js';
import { ZHEJIANG_DEFAULT_POLICY } from '../src/kernel/policy/policy-profile.js';
import { demoCaller, seedDemo } from '../src/seed/demo-seed.js';
import { DEMO_PASSWORD, PARTIES } from '../src/seed/demo-reference.js';
import { xinheRoundScript, type DemoRole } from '../src/seed/xinhe-round.script.js';

// Issue 4's size targets, measured (never asserted in tests): a 2,106-line offer (9 product types x 234
// processes) over HTTP, the diff of two such offers, survey statistics for 234 processes x 100 quotes,
// and reading a 2,106-row XLSX. See docs/benchmarks.md.

const LINES = 2106;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const log = (m: string) => console.log(`[piece-rates bench] ${m}`);
const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((q / 100) * xs.length) - 1)];
const fmt = (ms: number) => ms.toFixed(2);
const PROCESSES = 234;
const code = (i: number) => `P-${String(i + 1).padStart(4, '0')}`;
// Exact rates from integers: 1.0000 to 2.0530 yuan.
const rate = (i: number, bump: number) => {
  const units = 10000 + ((i * 37) % 10000) + bump;
  return `${Math.floor(units / 10000)}.${String(units % 10000).padStart(4, '0')}`;
};
// 9 product types x 234 processes, as the demo knitwear catalog's product types.
const PRODUCT_TYPES = [
  'V-SJ',
  'CREW-SJ',
  'V-DJ',
  'CREW-DJ',
  'CARDIGAN',
  'TURTLE',
  'VEST',
  'DRESS',
  'KIDS',
];
const table = (bump: number) =>
  Array.from({ length: LINES }, (_, i) => ({
    productType: PRODUCT_TYPES[Math.floor(i / PROCESSES)],
    processCode: code(i % PROCESSES),
    rate: rate(i, bump),
  }));

async function time(runs: number, f: () => unknown | Promise<unknown>): Promise<number[]> {
  await f();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}

async function pure() {
  const [a, b] = [table(0), table(120)];
  const diff = await time(RUNS, () => compareTables(a, b));
  const quotes = new Map(
    Array.from({ length: 234 }, (_, i) => [
      code(i),
      {
        worker: Array.from({ length: 100 }, (_, j) => rate(i + j, 900)),
        employer: Array.from({ length: 100 }, (_, j) => rate(i + j, 0)),
      },
    ]),
  );
  const survey = await time(RUNS, () => summariseSurvey(quotes, 3));
  const xlsx = await writeRateTable(normaliseTable(table(0)), 'xlsx');
  const read = await time(Math.min(RUNS, 10), () => readRateTable(xlsx, 'xlsx'));
  return { diff, survey, read, xlsx };
}

async function http(app: NestFastifyApplication, port: number) {
  // A catalog version of 9 product types x 234 processes (the Hengfeng shoe catalog's size),
  // pinned by a fresh round, so every offer can be a full table over it.
  const demo = await app.get(CatalogService).get('wool-knitwear', 1);
  const big = {
    industryCode: 'wool-knitwear',
    basedOnVersion: 1,
    note: 'bench: 9 product types x 234 processes',
    productTypes: demo.productTypes,
    sections: demo.sections,
    processes: Array.from({ length: PROCESSES }, (_, i) => ({
      code: code(i),
      sectionCode: demo.sections[0].code,
      nameZh: `工序${i + 1}`,
      unit: 'piece',
    })),
    mappings: demo.processes.map((p: { code: string }) => ({
      fromCode: p.code,
      toCodes: [],
      kind: 'retired',
    })),
  };
  await app.get(CatalogService).create(demoCaller('admin'), big, {
    key: randomUUID(),
    requestHash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
  });
  const base = `http://127.0.0.1:${port}`;
  const token = async (u: string) =>
    (
      (await (
        await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: u, password: DEMO_PASSWORD }),
        })
      ).json()) as { accessToken: string }
    ).accessToken;
  const as: Record<DemoRole, string> = {
    unionChair: await token('chen.chair'),
    associationChief: await token('lin.chief'),
    recorder: await token('ye.recorder'),
    labourOfficer: await token('liu.labour'),
  };
  const post = async (t: string, path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${t}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { id: string; revision: number; code?: string },
    };
  };
  const opened = await post(as.unionChair, '/api/negotiations', {
    workerPartyId: PARTIES.xinheUnion.id,
    employerPartyId: PARTIES.xinheAssociation.id,
    year: 2099,
    title: 'bench',
    policyProfileId: ZHEJIANG_DEFAULT_POLICY.id,
  });
  const id = opened.body.id;
  let revision = 1;
  const steps = xinheRoundScript(2099).toSecondSession;
  for (const s of steps.slice(0, steps.findIndex((x) => x.type === 'session.opened') + 1))
    revision = (
      await post(as[s.as], `/api/negotiations/${id}/events`, {
        type: s.type,
        expectedRevision: revision,
        payload: s.payload,
      })
    ).body.revision;
  // 20 offers in a row, alternating sides, each timed from request to acknowledgement.
  const tableTwenty = async (payload: (i: number) => object) => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const res = await post(
        as[i % 2 ? 'associationChief' : 'unionChair'],
        `/api/negotiations/${id}/events`,
        { type: 'offer.tabled', expectedRevision: revision, payload: payload(i) },
      );
      times.push(performance.now() - t0);
      if (res.status !== 201) throw new Error(`offer refused: ${JSON.stringify(res.body)}`);
      revision = res.body.revision;
    }
    return times;
  };
  const offers = await tableTwenty((i) => ({ items: table(i * 10), scope: 'full', note: null }));
  // Counteroffers that re-price 20 lines of the side's previous 2,106-line offer.
  const subsets = await tableTwenty((i) => ({ items: table(500 + i).slice(0, 20), note: null }));
  // The same 2,106-line table uploaded as an XLSX 工价表.
  const xlsx = await writeRateTable(normaliseTable(table(900)), 'xlsx');
  // As many as the JSON offers (20), so both p50s are steady state; the first is reported apart.
  const uploads: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const res = await fetch(
      `${base}/api/negotiations/${id}/offers?expectedRevision=${revision}&scope=full`,
      {
        method: 'POST',
        headers: {
          'content-type': XLSX_TYPE,
          authorization: `Bearer ${as[i % 2 ? 'associationChief' : 'unionChair']}`,
          'idempotency-key': randomUUID(),
        },
        body: xlsx,
      },
    );
    uploads.push(performance.now() - t0);
    const body = (await res.json()) as { revision: number };
    if (res.status !== 201) throw new Error(`upload refused: ${JSON.stringify(body)}`);
    revision = body.revision;
  }
  return { offers, subsets, uploads };
}

async function main() {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  const db = `bench_pr_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${db}"`);
  let app: NestFastifyApplication | null = null;
  try {
    const { diff, survey, read, xlsx } = await pure();
    log(
      `diff of two ${LINES}-line tables: p50 ${fmt(p(diff, 50))} ms, p99 ${fmt(p(diff, 99))} ms (target < 20 ms)`,
    );
    log(
      `survey statistics, 234 processes x 100 quotes a side: p50 ${fmt(p(survey, 50))} ms, p99 ${fmt(p(survey, 99))} ms (target < 50 ms)`,
    );
    log(
      `reading a ${LINES}-line XLSX rate table (${(xlsx.length / 1024).toFixed(0)} KiB): p50 ${fmt(p(read, 50))} ms (target < 1 s)`,
    );
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      AUTH_TOKEN_SECRET: 'x'.repeat(40),
      // Fixed keys, so no key file is generated into ./data.
      NOTES_KEY: 'bench-notes-key-'.padEnd(40, 'x'),
      SURVEY_KEY: 'bench-survey-key-'.padEnd(40, 'x'),
      ACCOUNTS_KEY: 'bench-accounts-key-'.padEnd(40, 'x'),
      // Load, not real use: one session takes hundreds of offers here (docs/limits.md).
      LIMIT_OFFERS_PER_SESSION: '1000',
      HTTP_BODY_LIMIT_BYTES: String(4 * 1024 * 1024),
    });
    app = await createApp({
      config,
      database: { url: `postgres://postgres@127.0.0.1:5432/${db}`, kind: 'external' },
      logger: createLogger('silent'),
    });
    await seedDemo(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.getHttpServer().address() as { port: number }).port;
    const { offers, subsets, uploads } = await http(app, port);
    log(
      `2,106-line full offer as JSON over HTTP, 20 in a row in one session: first ${fmt(offers[0])} ms, p50 ${fmt(p(offers, 50))} ms, p99 ${fmt(p(offers, 99))} ms, last ${fmt(offers.at(-1)!)} ms (target p50 < 100 ms)`,
    );
    log(
      `20-line subset over the side's 2,106-line offer, 20 in a row: p50 ${fmt(p(subsets, 50))} ms, last ${fmt(subsets.at(-1)!)} ms`,
    );
    log(
      `2,106-line offer uploaded as XLSX over HTTP, 20 in a row: first ${fmt(uploads[0])} ms, p50 ${fmt(p(uploads, 50))} ms, p99 ${fmt(p(uploads, 99))} ms, last ${fmt(uploads.at(-1)!)} ms (target < 1 s)`,
    );
    // Issue 8: the bounded reader (admission, limits, worker thread) must not make uploads slow.
    log(
      `XLSX upload / JSON offer of the same 2,106-line table, p50 to p50 in this run: ${(p(uploads, 50) / p(offers, 50)).toFixed(2)}x (target <= 2x, aim 1.3x)`,
    );
  } finally {
    await app?.close();
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
