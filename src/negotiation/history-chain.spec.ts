import { createHash } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import { GENESIS_HASH, eventHash, verifyChain, type ChainedEvent } from './history-chain.js';

type Stored = ChainedEvent & { hash: string };

const actor = { accountId: 'acc-1', memberRef: 'chair-w', capacity: 'chief', side: 'worker' };

function draft(seq: number, payload: unknown): Omit<ChainedEvent, 'prevHash'> {
  return {
    negotiationId: 'neg-1',
    seq,
    type: `event.${seq}`,
    payload,
    actor,
    stateBefore: seq === 1 ? null : `s${seq - 1}`,
    stateAfter: `s${seq}`,
    machine: 'wool-knitwear@1',
    occurredAt: `2026-09-${String(10 + seq).padStart(2, '0')}T02:00:00.000Z`,
  };
}

// Builds an honest chain the way the write path does: each event links to the previous hash.
function buildChain(n: number): Stored[] {
  const out: Stored[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const event: ChainedEvent = { ...draft(seq, { n: seq, items: ['a', 'b'] }), prevHash };
    const hash = eventHash(event);
    out.push({ ...event, hash });
    prevHash = hash;
  }
  return out;
}

describe('GENESIS_HASH', () => {
  it('is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });
});

describe('eventHash', () => {
  it('is the SHA-256 of the event as canonical JSON', () => {
    const event: ChainedEvent = {
      negotiationId: 'n',
      seq: 1,
      type: 't',
      payload: { b: 2, a: 1 },
      actor: { accountId: 'x', memberRef: 'm', capacity: 'chief', side: null },
      stateBefore: null,
      stateAfter: 's',
      machine: 'k',
      occurredAt: '2026-01-05T00:00:00.000Z',
      prevHash: GENESIS_HASH,
    };
    const text =
      '{"actor":{"accountId":"x","capacity":"chief","memberRef":"m","side":null},' +
      '"machine":"k","negotiationId":"n","occurredAt":"2026-01-05T00:00:00.000Z",' +
      '"payload":{"a":1,"b":2},' +
      `"prevHash":"${GENESIS_HASH}","seq":1,"stateAfter":"s","stateBefore":null,"type":"t"}`;
    expect(eventHash(event)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('does not depend on the order the fields were written in', () => {
    const event: ChainedEvent = { ...draft(1, { x: 1, y: 2 }), prevHash: GENESIS_HASH };
    const reordered = Object.fromEntries(Object.entries(event).reverse()) as ChainedEvent;
    expect(eventHash(reordered)).toBe(eventHash(event));
  });
});

describe('verifyChain', () => {
  it('accepts an empty history with the genesis hash as head', () => {
    expect(verifyChain([])).toEqual({ valid: true, headHash: GENESIS_HASH, firstBreak: null });
  });

  it('accepts an intact chain and reports the last hash as head', () => {
    const chain = buildChain(4);
    expect(verifyChain(chain)).toEqual({
      valid: true,
      headHash: chain[3].hash,
      firstBreak: null,
    });
  });

  it('detects a gap in the sequence numbers', () => {
    const chain = buildChain(4);
    const withGap = [chain[0], chain[2], chain[3]];
    expect(verifyChain(withGap)).toEqual({
      valid: false,
      headHash: chain[0].hash,
      firstBreak: { seq: 3, problem: 'gap' },
    });
  });

  it('detects a history that does not start at seq 1', () => {
    const chain = buildChain(3);
    expect(verifyChain(chain.slice(1))).toEqual({
      valid: false,
      headHash: GENESIS_HASH,
      firstBreak: { seq: 2, problem: 'gap' },
    });
  });

  it('detects a payload changed after it was hashed', () => {
    const chain = buildChain(3);
    chain[1] = { ...chain[1], payload: { n: 2, items: ['a', 'B'] } };
    expect(verifyChain(chain)).toEqual({
      valid: false,
      headHash: chain[0].hash,
      firstBreak: { seq: 2, problem: 'hashMismatch' },
    });
  });

  it('detects a stored hash that does not match its event', () => {
    const chain = buildChain(2);
    chain[1] = { ...chain[1], hash: 'f'.repeat(64) };
    expect(verifyChain(chain).firstBreak).toEqual({ seq: 2, problem: 'hashMismatch' });
  });

  it('detects a wrong prevHash even when the event hash was recomputed to match', () => {
    const chain = buildChain(3);
    const forged: ChainedEvent = {
      ...draft(3, { n: 3, items: ['a', 'b'] }),
      prevHash: 'a'.repeat(64),
    };
    chain[2] = { ...forged, hash: eventHash(forged) };
    expect(verifyChain(chain)).toEqual({
      valid: false,
      headHash: chain[1].hash,
      firstBreak: { seq: 3, problem: 'prevHashMismatch' },
    });
  });

  it('detects a first event that does not link to the genesis hash', () => {
    const first: ChainedEvent = { ...draft(1, {}), prevHash: '1'.repeat(64) };
    expect(verifyChain([{ ...first, hash: eventHash(first) }]).firstBreak).toEqual({
      seq: 1,
      problem: 'prevHashMismatch',
    });
  });

  it('reports only the first break when there are several', () => {
    const chain = buildChain(4);
    chain[1] = { ...chain[1], type: 'tampered' };
    chain[3] = { ...chain[3], seq: 9 };
    expect(verifyChain(chain).firstBreak).toEqual({ seq: 2, problem: 'hashMismatch' });
  });
});

describe('the actor as the chain names it (ADR 0025)', () => {
  it('verifies a history whose old events name a member handle and whose new ones a person id', () => {
    const old = buildChain(2);
    const next: ChainedEvent = {
      ...draft(3, { personId: 'p-1' }),
      actor: { accountId: 'acc-1', personId: 'p-9', capacity: 'chief', side: 'worker' },
      prevHash: old[1].hash,
    };
    const chain = [...old, { ...next, hash: eventHash(next) }];
    expect(verifyChain(chain).valid).toBe(true);
    // Reading a new event back in the old shape would not verify: the shapes are not interchangeable.
    const misread = { ...chain[2], actor: { ...actor, memberRef: 'p-9' } };
    expect(verifyChain([...old, misread]).firstBreak).toEqual({ seq: 3, problem: 'hashMismatch' });
  });
});
