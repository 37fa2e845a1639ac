import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { DomainError } from '../../src/common/domain-error.js';
import { requestHash } from '../../src/common/idempotency.js';
import { NegotiationService } from '../../src/negotiation/negotiation.service.js';
import { OpenNegotiationUseCase } from '../../src/negotiation/open-negotiation.use-case.js';
import { SendEventUseCase } from '../../src/negotiation/send-event.use-case.js';
import { PARTIES } from '../../src/seed/demo-reference.js';
import {
  xinheRoundScript,
  DEMO_ACCOUNT,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { demoCaller } from '../../src/seed/demo-seed.js';
import { failEventsOf } from '../support/fail-commit.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { usesRealPostgres } from '../support/test-database.js';

const AS = DEMO_ACCOUNT;
const realPgIt = usesRealPostgres() ? it : it.skip;

let t: TestApp;
let ds: DataSource;
let send: SendEventUseCase;
let year = 2030;

beforeAll(async () => {
  t = await startTestApp();
  ds = t.app.get(DataSource);
  send = t.app.get(SendEventUseCase);
}, 60_000);
afterAll(() => t?.close());

const key = () => ({ key: randomUUID(), requestHash: requestHash('POST', '/test', randomUUID()) });

// Each test opens its own round (its own year), so tests never share rows.
// The script's business dates are of `scriptYear`; the round's own year is unique per test.
async function openRound(
  steps: number,
  scriptYear = 2030,
): Promise<{ id: string; revision: number }> {
  const body = {
    workerPartyId: PARTIES.xinheUnion.id,
    employerPartyId: PARTIES.xinheAssociation.id,
    year: year++,
    title: 'integration round',
    policyProfileId: 'zj-wage-2026',
  };
  const opened = await t.app
    .get(OpenNegotiationUseCase)
    .execute(demoCaller('chen.chair'), { ...body, idempotency: key() });
  const id = (opened.body as { negotiationId: string }).negotiationId;
  const script = xinheRoundScript(scriptYear).toSecondSession.slice(0, steps);
  for (const [i, step] of script.entries())
    await send.execute(demoCaller(AS[step.as]), {
      negotiationId: id,
      expectedRevision: i + 1,
      type: step.type,
      body: step.payload,
      idempotency: key(),
    });
  return { id, revision: script.length + 1 };
}

const tableOffer = (id: string, expectedRevision: number, idempotency = key(), rate = '1.3000') =>
  send.execute(demoCaller('chen.chair'), {
    negotiationId: id,
    expectedRevision,
    type: 'offer.tabled',
    body: { items: [{ processCode: 'KN-01', rate }], note: null },
    idempotency,
  });

const count = async (sql: string, params: unknown[]) => Number((await ds.query(sql, params))[0].n);
const eventCount = (id: string) =>
  count(`SELECT count(*) AS n FROM negotiation_event WHERE negotiation_id = $1`, [id]);
const inSession =
  xinheRoundScript(2030).toSecondSession.findIndex((s) => s.type === 'session.opened') + 1;

describe('the write path on real PostgreSQL', () => {
  realPgIt(
    'lets exactly one of 32 concurrent writers with the same revision win, and keeps the history contiguous',
    async () => {
      const { id, revision } = await openRound(inSession);
      const results = await Promise.allSettled(
        Array.from({ length: 32 }, (_, i) =>
          tableOffer(id, revision, key(), `1.${String(i).padStart(4, '0')}`),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(31);
      for (const l of lost) {
        expect((l.reason as DomainError).code).toBe('NEGOTIATION_STALE_REVISION');
        expect((l.reason as DomainError).details.currentRevision).toBe(revision + 1);
      }
      const seqs = (
        await ds.query(`SELECT seq FROM negotiation_event WHERE negotiation_id = $1 ORDER BY seq`, [
          id,
        ])
      ).map((r: { seq: number }) => r.seq);
      expect(seqs).toEqual(Array.from({ length: revision + 1 }, (_, i) => i + 1));
      const verified = await t.app.get(NegotiationService).verify(demoCaller('chen.chair'), id);
      expect(verified.valid).toBe(true);
    },
  );

  realPgIt('writes once when the same idempotency key races with itself', async () => {
    const { id, revision } = await openRound(inSession);
    const same = key();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => tableOffer(id, revision, same)),
    );
    const original = results.filter((r) => !r.replayed);
    expect(original).toHaveLength(1);
    for (const r of results) expect(r.body).toEqual(original[0].body);
    expect(await eventCount(id)).toBe(revision + 1);
  });

  realPgIt('refuses, never with a 500, one key raced across two negotiations', async () => {
    const [a, b] = [await openRound(inSession), await openRound(inSession)];
    const keyName = randomUUID();
    const results = await Promise.allSettled([
      tableOffer(a.id, a.revision, {
        key: keyName,
        requestHash: requestHash('POST', `/n/${a.id}`, {}),
      }),
      tableOffer(b.id, b.revision, {
        key: keyName,
        requestHash: requestHash('POST', `/n/${b.id}`, {}),
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect((refused.reason as DomainError).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await eventCount(a.id)) + (await eventCount(b.id))).toBe(a.revision + b.revision + 1);
  });

  it('replays a retried request with the same key and writes nothing', async () => {
    const { id, revision } = await openRound(inSession);
    const idem = key();
    const first = await tableOffer(id, revision, idem);
    const before = await eventCount(id);
    const again = await tableOffer(id, revision, idem);
    expect(again.replayed).toBe(true);
    expect(again.body).toEqual(first.body);
    expect(await eventCount(id)).toBe(before);
  });

  it('refuses the same key with a different request and writes nothing', async () => {
    const { id, revision } = await openRound(inSession);
    const idem = { key: randomUUID(), requestHash: requestHash('POST', '/x', { a: 1 }) };
    await tableOffer(id, revision, idem);
    const before = await eventCount(id);
    await expect(
      tableOffer(id, revision + 1, {
        key: idem.key,
        requestHash: requestHash('POST', '/x', { a: 2 }),
      }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await eventCount(id)).toBe(before);
  });

  it('leaves nothing behind when the transaction fails midway', async () => {
    const { id, revision } = await openRound(inSession - 1);
    const idem = key();
    const restore = await failEventsOf(ds, id);
    const failing = send.execute(demoCaller('chen.chair'), {
      negotiationId: id,
      expectedRevision: revision,
      type: 'caucus.held',
      body: { heldOn: '2030-07-28', notes: 'secret' },
      idempotency: idem,
    });
    await expect(failing).rejects.toThrow('disk full');
    await restore();
    expect(
      await count(`SELECT count(*) AS n FROM caucus_note WHERE negotiation_id = $1`, [id]),
    ).toBe(0);
    expect(await eventCount(id)).toBe(revision);
    expect(await count(`SELECT revision AS n FROM negotiation WHERE id = $1`, [id])).toBe(revision);
    expect(
      await count(`SELECT count(*) AS n FROM idempotency_record WHERE key = $1`, [idem.key]),
    ).toBe(0);
  });

  it('continues a negotiation restored by a fresh connection to the end, with a valid chain', async () => {
    const { id, revision } = await openRound(xinheRoundScript(2030).toSecondSession.length);
    const second = new DataSource({ ...(ds.options as object), poolSize: 1 } as never);
    await second.initialize();
    try {
      const [row] = await second.query(`SELECT state, revision FROM negotiation WHERE id = $1`, [
        id,
      ]);
      expect(row).toEqual({ state: 'negotiating.inSession', revision });
    } finally {
      await second.destroy();
    }
    const rest = xinheRoundScript(2030).toSignature;
    for (const [i, step] of rest.entries())
      await send.execute(demoCaller(AS[step.as]), {
        negotiationId: id,
        expectedRevision: revision + i,
        type: step.type,
        body: step.payload,
        idempotency: key(),
      });
    const view = await t.app.get(NegotiationService).view(demoCaller('chen.chair'), id);
    expect(view.state).toBe('signed');
    expect(view.deadlines.map((d: { kind: string }) => d.kind)).toContain('filing.submit');
    expect((await t.app.get(NegotiationService).verify(demoCaller('qian.auditor'), id)).valid).toBe(
      true,
    );
  });

  it('refuses loudly, and changes nothing, when a stored snapshot cannot be restored', async () => {
    const { id, revision } = await openRound(inSession);
    await ds.query(
      `UPDATE negotiation SET snapshot = jsonb_set(snapshot, '{value}', '"noSuchState"') WHERE id = $1`,
      [id],
    );
    await expect(tableOffer(id, revision)).rejects.toMatchObject({ code: 'SNAPSHOT_UNRESTORABLE' });
    expect(await eventCount(id)).toBe(revision);
  });

  it('keeps the history append-only in the database itself', async () => {
    const { id } = await openRound(1);
    await expect(
      ds.query(`UPDATE negotiation_event SET type = 'forged' WHERE negotiation_id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      ds.query(`DELETE FROM negotiation_event WHERE negotiation_id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
  });

  it('detects a forged event through the hash chain', async () => {
    const { id } = await openRound(3);
    // Bypass the trigger as a superuser would, to show the chain still exposes the change.
    await ds.transaction(async (em) => {
      await em.query(`ALTER TABLE negotiation_event DISABLE TRIGGER negotiation_event_append_only`);
      await em.query(
        `UPDATE negotiation_event SET payload = '{"forged":true}' WHERE negotiation_id = $1 AND seq = 2`,
        [id],
      );
      await em.query(`ALTER TABLE negotiation_event ENABLE TRIGGER negotiation_event_append_only`);
    });
    const result = await t.app.get(NegotiationService).verify(demoCaller('chen.chair'), id);
    expect(result.valid).toBe(false);
    expect(result.firstBreak).toEqual({ seq: 2, problem: 'hashMismatch' });
  });

  it('stores the reply deadline as data, counted past the National Day holiday', async () => {
    const offerStep = xinheRoundScript(2030).toSecondSession.findIndex(
      (s) => s.type === 'offer.sent',
    );
    // Business dates in order (ADR 0030): delegations confirmed in 2026, before this offer was sent.
    const { id, revision } = await openRound(offerStep, 2026);
    // Received 2026-09-15: +20 days = 2026-10-05, inside the 1-7 October holiday, so due 2026-10-08.
    await send.execute(demoCaller('chen.chair'), {
      negotiationId: id,
      expectedRevision: revision,
      type: 'offer.sent',
      body: {
        content: 'rates',
        proposedTime: '2026-10-20T01:30:00.000Z',
        proposedPlace: 'town hall',
        sentOn: '2026-09-14',
        receivedOn: '2026-09-15',
      },
      idempotency: key(),
    });
    const [row] = await ds.query(
      `SELECT due_on, status, due_at FROM negotiation_deadline WHERE negotiation_id = $1 AND key = 'offer.reply'`,
      [id],
    );
    expect(row.due_on).toBe('2026-10-08');
    expect(row.status).toBe('open');
    expect((row.due_at as Date).toISOString()).toBe('2026-10-08T16:00:00.000Z');
  });
});
