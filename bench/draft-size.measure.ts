import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createApp } from '../src/app.factory.js';
import { createLogger } from '../src/common/logger.js';
import { loadConfig } from '../src/config/app-config.js';
import { CatalogService } from '../src/piece-rates/catalog.service.js';
import { ZHEJIANG_DEFAULT_POLICY } from '../src/kernel/policy/policy-profile.js';
import { demoCaller, seedDemo } from '../src/seed/demo-seed.js';
import { DEMO_PASSWORD, PARTIES } from '../src/seed/demo-reference.js';
import {
  xinheRoundScript,
  type DemoRole,
} from '../src/industries/wool-knitwear/demo/xinhe-round.script.js';

// The catalog reads give a missing English name as null; the request type takes it as absent.
const withoutNullNames = <T extends { nameEn: string | null }>({ nameEn, ...g }: T) => ({
  ...g,
  nameEn: nameEn ?? undefined,
});

// ADR 0018's figures, measured once by hand (not a test, not in `npm run bench`): the round's snapshot
// size and the time of each write from the 2,106-line draft to signature, and the round view's size.
// Run: npm run build && node dist/bench/draft-size.measure.js

const LINES = 2106;
const PROCESSES = 234;
const code = (i: number) => `P-${String(i + 1).padStart(4, '0')}`;
const rate = (i: number, bump: number) => {
  const units = 10000 + ((i * 37) % 10000) + bump;
  return `${Math.floor(units / 10000)}.${String(units % 10000).padStart(4, '0')}`;
};
const TYPES = ['V-SJ', 'CREW-SJ', 'V-DJ', 'CREW-DJ', 'CARDIGAN', 'TURTLE', 'VEST', 'DRESS', 'KIDS'];
const table = (bump: number) =>
  Array.from({ length: LINES }, (_, i) => ({
    productType: TYPES[Math.floor(i / PROCESSES)],
    processCode: code(i % PROCESSES),
    rate: rate(i, bump),
  }));

async function main() {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  const db = `bench_draft_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${db}"`);
  const url = `postgres://postgres@127.0.0.1:5432/${db}`;
  let app: NestFastifyApplication | null = null;
  const client = new pg.Client({ connectionString: url });
  try {
    app = await createApp({
      config: loadConfig({
        LOG_LEVEL: 'silent',
        AUTH_TOKEN_SECRET: 'x'.repeat(40),
        // Fixed keys, so no key file is generated into ./data.
        NOTES_KEY: 'bench-notes-key-'.padEnd(40, 'x'),
        SURVEY_KEY: 'bench-survey-key-'.padEnd(40, 'x'),
        ACCOUNTS_KEY: 'bench-accounts-key-'.padEnd(40, 'x'),
        HTTP_BODY_LIMIT_BYTES: String(4 * 1024 * 1024),
      }),
      database: { url, kind: 'external' },
      logger: createLogger('silent'),
    });
    await seedDemo(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    await client.connect();
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const demo = await app.get(CatalogService).get('wool-knitwear', 1);
    await app.get(CatalogService).create(
      demoCaller('admin'),
      {
        industryCode: 'wool-knitwear',
        basedOnVersion: 1,
        note: 'measure: 9 product types x 234 processes',
        productTypes: demo.productTypes.map(withoutNullNames),
        sections: demo.sections.map(withoutNullNames),
        processes: Array.from({ length: PROCESSES }, (_, i) => ({
          code: code(i),
          sectionCode: demo.sections[0].code,
          nameZh: `工序${i + 1}`,
          unit: 'piece',
        })),
        mappings: demo.processes.map((p: { code: string }) => ({
          fromCode: p.code,
          toCodes: [],
          kind: 'retired' as const,
        })),
      },
      { key: randomUUID(), requestHash: '0'.repeat(64) },
    );
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
      const json = (await res.json()) as { id: string; revision: number };
      if (res.status !== 201) throw new Error(`refused: ${JSON.stringify(json)}`);
      return json;
    };
    const { id } = await post(as.unionChair, '/api/negotiations', {
      workerPartyId: PARTIES.xinheUnion.id,
      employerPartyId: PARTIES.xinheAssociation.id,
      year: 2099,
      title: 'measure',
      policyProfileId: ZHEJIANG_DEFAULT_POLICY.id,
    });
    const script = xinheRoundScript(2099);
    let revision = 1;
    let offers = 0;
    console.log('event                      write ms   snapshot bytes');
    for (const s of [...script.toSecondSession, ...script.toSignature]) {
      let payload = s.payload as Record<string, unknown>;
      if (s.type === 'offer.tabled') payload = { ...payload, items: table(++offers * 10) };
      if (s.type === 'draft.agreed')
        payload = { text: payload.text, items: table(500), baseline: table(0) };
      const t0 = performance.now();
      revision = (
        await post(as[s.as], `/api/negotiations/${id}/events`, {
          type: s.type,
          expectedRevision: revision,
          payload,
        })
      ).revision;
      const ms = performance.now() - t0;
      const [{ bytes }] = (
        await client.query(
          `SELECT length(snapshot::text) AS bytes FROM negotiation WHERE id = $1`,
          [id],
        )
      ).rows;
      console.log(
        `${s.type.padEnd(26)} ${ms.toFixed(1).padStart(8)} ${String(bytes).padStart(16)}`,
      );
    }
    const view = await fetch(`${base}/api/negotiations/${id}`, {
      headers: { authorization: `Bearer ${as.unionChair}` },
    });
    console.log(`round view: ${(await view.text()).length} bytes`);
    for (const path of ['/agreement-table?format=csv', '/history/verify']) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/negotiations/${id}${path}`, {
        headers: { authorization: `Bearer ${as.unionChair}` },
      });
      const body = await res.text();
      console.log(
        `${path}: ${res.status}, ${body.length} bytes, ${(performance.now() - t0).toFixed(1)} ms`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
    await app?.close();
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
