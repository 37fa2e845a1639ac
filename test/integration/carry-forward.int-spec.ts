import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { OffersService } from '../../src/piece-rates/offers.service.js';
import { CatalogService } from '../../src/piece-rates/catalog.service.js';
import { knitwearCatalog } from '../../src/seed/demo-catalogs.js';
import { knitwearRound } from '../../src/seed/demo-rate-tables.js';
import { demoCaller } from '../../src/seed/demo-seed.js';
import { xinheRoundScript, type ScriptStep } from '../../src/seed/xinhe-round.script.js';
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
async function createVersion2() {
  const v1 = knitwearCatalog();
  const gone = new Set(['KN-01', 'KN-02', 'KN-03', 'KN-04', 'KN-05']);
  const section = v1.processes[0].sectionCode;
  const add = (code: string) => ({
    code,
    sectionCode: section,
    nameZh: code,
    unit: 'piece' as const,
  });
  await t.app.get(CatalogService).create(
    demoCaller('admin'),
    {
      ...v1,
      basedOnVersion: 1,
      note: 'v2: renames, a merge, a split, a retirement',
      processes: [
        ...v1.processes.filter((p) => !gone.has(p.code)),
        ...['KN-01A', 'KN-0203', 'KN-05A', 'KN-05B'].map(add),
      ],
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

describe('last year’s rates in this year’s catalog', () => {
  it('compares this year’s draft with last year’s agreement through the catalog’s code mappings', async () => {
    const last = await open(2080, 1);
    const script = xinheRoundScript(2080);
    await run(last, [...script.toSecondSession, ...script.toSignature]);
    await createVersion2();

    // This year's round pins version 2; it reaches a draft without offers (none are needed).
    const now = await open(2081, 2);
    const next = xinheRoundScript(2081);
    const toDraft = next.toSignature.slice(
      0,
      next.toSignature.findIndex((s) => s.type === 'draft.agreed'),
    );
    await run(
      now,
      [...next.toSecondSession, ...toDraft].filter((s) => s.type !== 'offer.tabled'),
    );
    const rate = (code: string) =>
      knitwearRound(2025).agreed.find((l) => l.productType === 'V-SJ' && l.processCode === code)!
        .rate;
    const line = (processCode: string, r: string) => ({
      productType: 'V-SJ',
      processCode,
      rate: r,
    });
    await run(now, [
      {
        as: 'unionChair',
        type: 'draft.agreed',
        payload: {
          text: '2081',
          items: [line('KN-01A', '2.0000'), line('KN-0203', '2.0000'), line('KN-05A', '1.0000')],
        },
      },
    ]);
    const { rows } = (
      await t.app.get(OffersService).agreementTable(demoCaller('chen.chair'), now.id)
    ).table;
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
    await run(now, [
      {
        as: 'unionChair',
        type: 'draft.agreed',
        payload: {
          text: '2083',
          items: [{ productType: 'V-SJ', processCode: 'KN-01', rate: '2.1000' }],
        },
      },
    ]);
    const { table } = await offers.agreementTable(demoCaller('chen.chair'), now.id);
    expect(table.previousFrom).toBe('previousRound');
    expect(table.rows).toEqual([
      expect.objectContaining({ processCode: 'KN-01', previous: '2.0000', agreed: '2.1000' }),
    ]);
  });
});
