import { describe, expect, it } from '@jest/globals';
import {
  ADMINISTRATION_GENESIS_HASH,
  administrationEntryHash,
  verifyAdministrationChain,
  type ChainedAdministrationEntry,
} from './administration-chain.js';

const chain = (n: number) => {
  const out: (ChainedAdministrationEntry & { hash: string })[] = [];
  let prev = ADMINISTRATION_GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e: ChainedAdministrationEntry = {
      seq,
      occurredAt: `2026-12-01T10:00:0${seq}.000Z`,
      actorAccountId: seq === 1 ? null : '00000000-0000-4000-8000-000000000001',
      action: 'account.created',
      subject: { type: 'account', id: `a-${seq}` },
      details: { username: `u${seq}` },
      prevHash: prev,
    };
    prev = administrationEntryHash(e);
    out.push({ ...e, hash: prev });
  }
  return out;
};

describe('the administration chain', () => {
  it('holds for an untouched log and ends at the last hash', () => {
    const log = chain(4);
    expect(verifyAdministrationChain(log)).toEqual({
      valid: true,
      entries: 4,
      headHash: log[3].hash,
      firstBreak: null,
    });
    expect(verifyAdministrationChain([]).headHash).toBe(ADMINISTRATION_GENESIS_HASH);
  });

  it('finds a rewritten detail, a removed entry and a relinked entry', () => {
    const rewritten = chain(3);
    rewritten[1] = { ...rewritten[1], details: { username: 'someone-else' } };
    expect(verifyAdministrationChain(rewritten).firstBreak).toEqual({
      seq: 2,
      problem: 'hashMismatch',
    });

    const removed = chain(3).filter((e) => e.seq !== 2);
    expect(verifyAdministrationChain(removed).firstBreak).toEqual({ seq: 3, problem: 'gap' });

    const relinked = chain(3);
    relinked[2] = { ...relinked[2], prevHash: relinked[0].hash };
    expect(verifyAdministrationChain(relinked).firstBreak).toEqual({
      seq: 3,
      problem: 'prevHashMismatch',
    });
  });

  it('commits to the actor as well as the details', () => {
    const [e] = chain(1);
    const { hash, ...fields } = e;
    expect(hash).toBe(administrationEntryHash(fields));
    expect(hash).not.toBe(administrationEntryHash({ ...fields, actorAccountId: 'x' }));
  });
});
