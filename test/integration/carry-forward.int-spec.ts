import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { AgreementTable } from '../../src/kernel/round/agreement-table.js';
import { OffersService } from '../../src/piece-rates/offers.service.js';
import { CatalogService } from '../../src/piece-rates/catalog.service.js';
import { knitwearCatalog } from '../../src/industries/wool-knitwear/demo/catalog.js';
import { knitwearRound } from '../../src/industries/wool-knitwear/demo/rate-tables.js';
import { demoCaller } from '../../src/seed/demo-seed.js';
import {
  xinheRoundScript,
  type ScriptStep,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { keepAllBut } from '../support/draft-tables.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { freshKey, openXinheRound, runSteps, type OpenRound } from '../support/use-cases.js';

// Last year's agreed rates line up with this year's catalog version through its code mappings.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t?.close());

const open = (year: number, catalogVersion: number) => openXinheRound(t.app, year, catalogVersion);
const run = (round: OpenRound, steps: ScriptStep[]) => runSteps(t.app, round, steps);

// Version 2 of the knitwear catalog: KN-01 renamed KN-01A, KN-02 and KN-03 merged into KN-0203, KN-04
// retired, KN-05 split into KN-05A and KN-05B.
function version2() {
  const v1 = knitwearCatalog();
  const gone = new Set(['KN-01', 'KN-02', 'KN-03', 'KN-04', 'KN-05']);
  const section = v1.processes[0].sectionCode;
  const add = (code: string) => ({
    code,
    sectionCode: section,
    nameZh: code,
    unit: 'piece' as const,
  });
  return {
    ...v1,
    processes: [
      ...v1.processes.filter((p) => !gone.has(p.code)),
      ...['KN-01A', 'KN-0203', 'KN-05A', 'KN-05B'].map(add),
    ],
  };
}

async function createVersion2() {
  await t.app.get(CatalogService).create(
    demoCaller('admin'),
    {
      ...version2(),
      basedOnVersion: 1,
      note: 'v2: renames, a merge, a split, a retirement',
      mappings: [
        { fromCode: 'KN-01', toCodes: ['KN-01A'], kind: 'renamed' },
        { fromCode: 'KN-02', toCodes: ['KN-0203'], kind: 'merged' },
        { fromCode: 'KN-03', toCodes: ['KN-0203'], kind: 'merged' },
        { fromCode: 'KN-04', toCodes: [], kind: 'retired' },
        { fromCode: 'KN-05', toCodes: ['KN-05A', 'KN-05B'], kind: 'split' },
      ],
    },
    freshKey(),
  );
}

const rate = (code: string) =>
  knitwearRound(2025).agreed.find((l) => l.productType === 'V-SJ' && l.processCode === code)!.rate;
const line = (processCode: string, r: string) => ({ productType: 'V-SJ', processCode, rate: r });

// A round of the year pinning version 2 reaches a draft without offers (none are needed) and agrees
// it. The split parts have no previous rate, so the draft gives them one for every product type;
// every other line of version 2 keeps its (mapped) previous rate (issue 10).
async function agreeInVersion2(year: number) {
  const now = await open(year, 2);
  const next = xinheRoundScript(year);
  const toDraft = next.toSignature.slice(
    0,
    next.toSignature.findIndex((s) => s.type === 'draft.agreed'),
  );
  await run(
    now,
    [...next.toSecondSession, ...toDraft].filter((s) => s.type !== 'offer.tabled'),
  );
  const items = [
    line('KN-01A', '2.0000'),
    line('KN-0203', '2.0000'),
    ...version2().productTypes.map((p) => ({ ...line('KN-05A', '1.0000'), productType: p.code })),
    { processCode: 'KN-05B', rate: '1.0000' },
  ];
  await run(now, [
    {
      as: 'unionChair',
      type: 'draft.agreed',
      payload: { text: String(year), items, keepPreviousRate: keepAllBut(items, version2()) },
    },
  ]);
  return (await t.app.get(OffersService).agreementTable(demoCaller('chen.chair'), now.id)).table;
}

// The previous rates of V-SJ: the 2025 demo figures (every script round but 2026 agrees them),
// renamed, merged (summed) and split (none) into version 2.
function expectMappedFrom2025Rates(table: AgreementTable) {
  const rows = table.rows.filter(
    (r) => r.productType === 'V-SJ' && ['KN-01A', 'KN-0203', 'KN-05A'].includes(r.processCode),
  );
  const previous = Object.fromEntries(rows.map((r) => [r.processCode, r.previous]));
  // Merged: one piece of KN-0203 is one piece of each of KN-02 and KN-03.
  const sum = (a: string, b: string) =>
    (BigInt(a.replace('.', '')) + BigInt(b.replace('.', ''))).toString().padStart(5, '0');
  const merged = sum(rate('KN-02'), rate('KN-03'));
  expect(previous).toEqual({
    'KN-01A': rate('KN-01'),
    'KN-0203': `${merged.slice(0, -4)}.${merged.slice(-4)}`,
    'KN-05A': null,
  });
}

describe('last year’s rates in this year’s catalog', () => {
  it('compares this year’s draft with last year’s agreement through the catalog’s code mappings', async () => {
    const last = await open(2080, 1);
    const script = xinheRoundScript(2080);
    await run(last, [...script.toSecondSession, ...script.toSignature]);
    await createVersion2();

    const table = await agreeInVersion2(2081);
    expect(table.previousRound).toMatchObject({
      negotiationId: last.id,
      year: 2080,
      catalogVersion: 1,
    });
    expectMappedFrom2025Rates(table);
  });

  it('reads a draft agreed before its table had rows of its own (inline in the snapshot) as before', async () => {
    const last = await open(2082, 1);
    const script = xinheRoundScript(2082);
    await run(last, [...script.toSecondSession, ...script.toSignature]);
    // As ADR 0013's rounds stored it: the lines and the table in the snapshot's draft.
    const inline = {
      previousFrom: 'none',
      rows: [
        {
          productType: 'V-SJ',
          processCode: 'KN-01',
          previous: null,
          agreed: '2.0000',
          absolute: null,
          percent: null,
          isIndustryMinimum: false,
          isCut: false,
        },
      ],
      summary: {
        processes: 0,
        meanPercent: null,
        medianPercent: null,
        lowestPercent: null,
        highestPercent: null,
      },
      monthlyPay: null,
    };
    const legacy = {
      text: '2082',
      items: [{ productType: 'V-SJ', processCode: 'KN-01', rate: '2.0000' }],
      table: inline,
      agreedAt: '2082-08-15T00:00:00.000Z',
      signedBy: ['worker', 'employer'],
    };
    await t.app
      .get(DataSource)
      .query(
        `UPDATE negotiation SET snapshot = jsonb_set(snapshot, '{context,draft}', $2::jsonb) WHERE id = $1`,
        [last.id, JSON.stringify(legacy)],
      );
    const offers = t.app.get(OffersService);
    expect((await offers.agreementTable(demoCaller('chen.chair'), last.id)).table).toEqual(inline);

    const now = await open(2083, 1);
    const next = xinheRoundScript(2083);
    const toDraft = next.toSignature.slice(
      0,
      next.toSignature.findIndex((s) => s.type === 'draft.agreed'),
    );
    await run(
      now,
      [...next.toSecondSession, ...toDraft].filter((s) => s.type !== 'offer.tabled'),
    );
    // The legacy draft had one line, so every other line of the catalog has no previous rate to
    // keep: the draft gives the whole table (issue 10).
    const whole = knitwearRound(2025).agreed.map((l) =>
      l.productType === 'V-SJ' && l.processCode === 'KN-01' ? { ...l, rate: '2.1000' } : l,
    );
    await run(now, [
      { as: 'unionChair', type: 'draft.agreed', payload: { text: '2083', items: whole } },
    ]);
    const { table } = await offers.agreementTable(demoCaller('chen.chair'), now.id);
    expect(table.previousFrom).toBe('previousRound');
    expect(table.previousRound).toMatchObject({ negotiationId: last.id, year: 2082 });
    expect(table.rows.filter((r) => r.previous !== null)).toEqual([
      expect.objectContaining({ processCode: 'KN-01', previous: '2.0000', agreed: '2.1000' }),
    ]);
  });

  // Issue 10: not only year - 1. Runs after the first test, which created version 2; its years come
  // before the other tests' so that its signed round compares with the 2025 demo agreement.
  it('takes the pair’s last signed round of any earlier year, skipping a year without one and later rounds that failed or never finished', async () => {
    const signed = await open(2070, 1);
    const script = xinheRoundScript(2070);
    await run(signed, [...script.toSecondSession, ...script.toSignature]);
    // 2071: no round. 2072: abandoned (failed). 2073: opened and never finished.
    const abandoned = await open(2072, 1);
    await run(abandoned, [
      { as: 'unionChair', type: 'round.abandoned', payload: { reason: 'test', on: '2072-03-01' } },
    ]);
    await open(2073, 1);
    const states = await t.app
      .get(DataSource)
      .query(
        `SELECT year, outcome FROM negotiation WHERE year BETWEEN 2070 AND 2073 ORDER BY year`,
      );
    expect(states).toEqual([
      { year: 2070, outcome: 'agreed' },
      { year: 2072, outcome: 'failed' },
      { year: 2073, outcome: 'open' },
    ]);

    const table = await agreeInVersion2(2074);
    expect(table.previousFrom).toBe('previousRound');
    expect(table.previousRound).toEqual({
      negotiationId: signed.id,
      year: 2070,
      catalogVersion: 1,
    });
    expectMappedFrom2025Rates(table);
  }, 60_000);
});
