import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { DomainError } from '../../src/common/domain-error.js';
import { NegotiationService } from '../../src/negotiation/negotiation.service.js';
import type { OfferTableRequest } from '../../src/kernel/round/round.events.js';
import { SendEventUseCase } from '../../src/negotiation/send-event.use-case.js';
import { tableDigest, type RateLine } from '../../src/kernel/rates/rate-table.js';
import { demoCaller } from '../../src/seed/demo-seed.js';
import { xinheRoundScript } from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { failEventsOf } from '../support/fail-commit.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { freshKey, openXinheRound, runSteps, type OpenRound } from '../support/use-cases.js';

// Offers live in their own immutable rows, committed with the event that tables them (ADR 0013).

let t: TestApp;
let ds: DataSource;
let send: SendEventUseCase;
// Before the demo 2025 agreement, so that a first subset offer has no previous agreed table as its base.
let year = 2010;

beforeAll(async () => {
  t = await startTestApp();
  ds = t.app.get(DataSource);
  send = t.app.get(SendEventUseCase);
}, 60_000);
afterAll(() => t?.close());

const key = freshKey;
const inSession =
  xinheRoundScript(2030).toSecondSession.findIndex((s) => s.type === 'session.opened') + 1;

// A round of its own (its own year) at its first joint session; the demo knitwear catalog is pinned.
async function atFirstSession(): Promise<OpenRound> {
  const round = await openXinheRound(t.app, year++);
  await runSteps(t.app, round, xinheRoundScript(2030).toSecondSession.slice(0, inSession));
  return round;
}

const table = (
  id: string,
  expectedRevision: number,
  payload: OfferTableRequest,
  as = 'chen.chair',
  idempotency = key(),
) =>
  send.execute(demoCaller(as), {
    negotiationId: id,
    expectedRevision,
    type: 'offer.tabled',
    body: payload,
    idempotency,
  });

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a refusal');
};

const storedTables = async (id: string) =>
  (await ds.query(`SELECT count(*)::int AS n FROM rate_table WHERE negotiation_id = $1`, [id]))[0]
    .n as number;
const linesOf = async (tableId: string): Promise<RateLine[]> =>
  ds.query(
    `SELECT product_type AS "productType", process_code AS "processCode", rate::text AS rate
       FROM rate_table_line WHERE rate_table_id = $1 ORDER BY position`,
    [tableId],
  );
const lastEvent = async (id: string) =>
  (
    await ds.query(
      `SELECT payload FROM negotiation_event WHERE negotiation_id = $1 ORDER BY seq DESC LIMIT 1`,
      [id],
    )
  )[0].payload;

describe('offer tables on real PostgreSQL', () => {
  it('stores the table in its own rows; the event carries its id and the digest of those rows', async () => {
    const { id, revision } = await atFirstSession();
    const res = await table(id, revision, {
      items: [
        { productType: 'V-SJ', processCode: 'KN-02', rate: '0.9' },
        { processCode: 'KN-01', rate: '1.30' },
      ],
      note: null,
    });
    expect(res.status).toBe(201);
    const payload = await lastEvent(id);
    expect(payload).not.toHaveProperty('items');
    const lines = await linesOf(payload.offerId);
    expect(lines).toEqual([
      { productType: null, processCode: 'KN-01', rate: '1.3000' },
      { productType: 'V-SJ', processCode: 'KN-02', rate: '0.9000' },
    ]);
    expect(payload).toMatchObject({ lineCount: 2, scope: 'subset', sha256: tableDigest(lines) });
    const snapshot = (await ds.query(`SELECT snapshot FROM negotiation WHERE id = $1`, [id]))[0]
      .snapshot;
    expect(JSON.stringify(snapshot)).not.toContain('1.3000');
  });

  it('lays a subset over the side’s previous offer, and a full offer must cover the catalog', async () => {
    const { id, revision } = await atFirstSession();
    await table(id, revision, { items: [{ processCode: 'KN-01', rate: '1.3' }], note: null });
    const first = (await lastEvent(id)).offerId;
    await table(id, revision + 1, { items: [{ processCode: 'KN-02', rate: '0.9' }], note: null });
    const second = await lastEvent(id);
    expect(second.basedOn).toBe(first);
    expect((await linesOf(second.offerId)).map((l) => l.processCode)).toEqual(['KN-01', 'KN-02']);

    const incomplete = await refusal(
      table(id, revision + 2, {
        items: [{ processCode: 'KN-01', rate: '1.3' }],
        note: null,
        scope: 'full',
      }),
    );
    expect(incomplete.code).toBe('RULE_VIOLATED');
    expect(incomplete.details.violations).toEqual([
      expect.objectContaining({ rule: 'rates.incomplete' }),
    ]);
    expect(await storedTables(id)).toBe(2);
  });

  it('refuses unknown product types and a process rated both for all and for one type, storing nothing', async () => {
    const { id, revision } = await atFirstSession();
    const unknownType = await refusal(
      table(id, revision, {
        items: [{ productType: 'SOCKS', processCode: 'KN-01', rate: '1' }],
        note: null,
      }),
    );
    expect(unknownType.details.violations).toEqual([
      expect.objectContaining({ rule: 'rates.unknownProductType' }),
    ]);
    const mixed = await refusal(
      table(id, revision, {
        items: [
          { processCode: 'KN-01', rate: '1' },
          { productType: 'V-SJ', processCode: 'KN-01', rate: '1.1' },
        ],
        note: null,
      }),
    );
    expect(mixed.details.violations).toEqual([
      expect.objectContaining({ rule: 'rates.mixedScope' }),
    ]);
    expect(await storedTables(id)).toBe(0);
  });

  it('never keeps a table without its event: the key to the event is checked at commit', async () => {
    const { id } = await atFirstSession();
    const orphan = ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO rate_table (id, negotiation_id, event_seq, kind, side, session_number, scope, line_count, sha256, created_by, created_at)
         VALUES ($1, $2, 999, 'offer', 'worker', 1, 'full', 0, $3, $4, now())`,
        [randomUUID(), id, 'a'.repeat(64), demoCaller('chen.chair').accountId],
      );
    });
    await expect(orphan).rejects.toThrow(/foreign key/);
    expect(await storedTables(id)).toBe(0);
  });

  it('stores nothing of an offer whose transaction fails before commit', async () => {
    const { id, revision } = await atFirstSession();
    const restore = await failEventsOf(ds, id);
    const failing = send.execute(demoCaller('chen.chair'), {
      negotiationId: id,
      expectedRevision: revision,
      type: 'offer.tabled',
      body: { items: [{ processCode: 'KN-01', rate: '1' }], note: null },
      idempotency: key(),
    });
    await expect(failing).rejects.toThrow('disk full');
    await restore();
    expect(await storedTables(id)).toBe(0);
    expect(
      (
        await ds.query(
          `SELECT count(*)::int AS n FROM negotiation_event WHERE negotiation_id = $1`,
          [id],
        )
      )[0].n,
    ).toBe(revision);
  });

  it('stores one table when the same key is retried, and one when two offers race for a revision', async () => {
    const { id, revision } = await atFirstSession();
    const idem = key();
    const payload = { items: [{ processCode: 'KN-01', rate: '1' }], note: null };
    const first = await table(id, revision, payload, 'chen.chair', idem);
    const again = await table(id, revision, payload, 'chen.chair', idem);
    expect(again).toMatchObject({ replayed: true, body: first.body });
    expect(await storedTables(id)).toBe(1);

    const race = await Promise.allSettled([
      table(id, revision + 1, payload, 'chen.chair'),
      table(id, revision + 1, payload, 'lin.chief'),
    ]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await storedTables(id)).toBe(2);
  });

  it('refuses to change or delete a stored offer, even by hand', async () => {
    const { id, revision } = await atFirstSession();
    await table(id, revision, { items: [{ processCode: 'KN-01', rate: '1' }], note: null });
    const { offerId } = await lastEvent(id);
    await expect(
      ds.query(`UPDATE rate_table_line SET rate = 9 WHERE rate_table_id = $1`, [offerId]),
    ).rejects.toThrow(/immutable/);
    await expect(ds.query(`DELETE FROM rate_table WHERE id = $1`, [offerId])).rejects.toThrow(
      /immutable/,
    );
    expect(await linesOf(offerId)).toEqual([
      { productType: null, processCode: 'KN-01', rate: '1.0000' },
    ]);
  });

  it('has /history/verify catch a stored offer altered behind the trigger’s back', async () => {
    const { id, revision } = await atFirstSession();
    await table(id, revision, { items: [{ processCode: 'KN-01', rate: '1' }], note: null });
    const { offerId } = await lastEvent(id);
    const service = t.app.get(NegotiationService);
    const clean = await service.verify(demoCaller('chen.chair'), id);
    expect(clean).toMatchObject({ valid: true, offersChecked: 1, alteredOffers: [] });
    // Only a superuser can do this; the chain still commits to the digest of what was tabled.
    await ds.transaction(async (m) => {
      await m.query(`ALTER TABLE rate_table_line DISABLE TRIGGER rate_table_line_immutable`);
      await m.query(`UPDATE rate_table_line SET rate = 1.5 WHERE rate_table_id = $1`, [offerId]);
      await m.query(`ALTER TABLE rate_table_line ENABLE TRIGGER rate_table_line_immutable`);
    });
    const tampered = await service.verify(demoCaller('chen.chair'), id);
    expect(tampered).toMatchObject({
      valid: false,
      alteredOffers: [{ seq: revision + 1, offerId }],
    });
  });
});
