import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { requestHash } from '../../src/common/idempotency.js';
import { NegotiationService } from '../../src/negotiation/negotiation.service.js';
import { OpenNegotiationUseCase } from '../../src/negotiation/open-negotiation.use-case.js';
import { SendEventUseCase } from '../../src/negotiation/send-event.use-case.js';
import { CatalogService } from '../../src/piece-rates/catalog.service.js';
import { knitwearCatalog } from '../../src/seed/demo-catalogs.js';
import { PARTIES } from '../../src/seed/demo-reference.js';
import { knitwearRound } from '../../src/seed/demo-rate-tables.js';
import { demoCaller } from '../../src/seed/demo-seed.js';
import {
  DEMO_ACCOUNT,
  xinheRoundScript,
  type ScriptStep,
} from '../../src/seed/xinhe-round.script.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Last year's agreed rates line up with this year's catalog version through its code mappings.

let t: TestApp;
let send: SendEventUseCase;
beforeAll(async () => {
  t = await startTestApp();
  send = t.app.get(SendEventUseCase);
}, 60_000);
afterAll(() => t?.close());

const key = () => ({ key: randomUUID(), requestHash: requestHash('POST', '/test', randomUUID()) });

async function open(year: number, catalogVersion: number) {
  const opened = await t.app.get(OpenNegotiationUseCase).execute(demoCaller('chen.chair'), {
    workerPartyId: PARTIES.xinheUnion.id,
    employerPartyId: PARTIES.xinheAssociation.id,
    year,
    title: `carry-forward ${year}`,
    policyProfileId: 'zj-wage-2026',
    catalogVersion,
    idempotency: key(),
  });
  return { id: (opened.body as { negotiationId: string }).negotiationId, revision: 1 };
}

async function run(round: { id: string; revision: number }, steps: ScriptStep[]) {
  for (const { as, ...request } of steps) {
    await send.execute(demoCaller(DEMO_ACCOUNT[as]), {
      negotiationId: round.id,
      expectedRevision: round.revision,
      request,
      idempotency: key(),
    });
    round.revision++;
  }
}

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
    key(),
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
    const view = await t.app.get(NegotiationService).view(demoCaller('chen.chair'), now.id);
    const rows = (
      view as { draft: { table: { rows: { processCode: string; previous: string | null }[] } } }
    ).draft.table.rows;
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
});
