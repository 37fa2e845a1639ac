import { canonicalJson, sha256Hex } from '../common/canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

// Exactly the fields that are hashed, in the shape an offline verifier rebuilds from the history
// export (docs/architecture.md, "Verifying a history").
export interface ChainedEvent {
  negotiationId: string;
  seq: number;
  type: string;
  payload: unknown;
  actor: ChainedActor;
  stateBefore: string | null;
  stateAfter: string;
  machine: string;
  occurredAt: string;
  prevHash: string;
}

// The chain names the sender by account and person id (ADR 0025). Events recorded before it name a
// member handle instead; they are read back in that shape, so their hashes still verify.
export type ChainedActor =
  | { accountId: string; personId: string | null; capacity: string; side: string | null }
  | { accountId: string; memberRef: string; capacity: string; side: string | null };

export const eventHash = (event: ChainedEvent): string => sha256Hex(canonicalJson(event));

export interface ChainBreak {
  seq: number;
  problem: 'gap' | 'prevHashMismatch' | 'hashMismatch';
}

// Walks a history in order and reports the first place where it does not hold together.
export function verifyChain(events: readonly (ChainedEvent & { hash: string })[]): {
  valid: boolean;
  headHash: string;
  firstBreak: ChainBreak | null;
} {
  let prev = GENESIS_HASH;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1)
      return { valid: false, headHash: prev, firstBreak: { seq: e.seq, problem: 'gap' } };
    if (e.prevHash !== prev)
      return {
        valid: false,
        headHash: prev,
        firstBreak: { seq: e.seq, problem: 'prevHashMismatch' },
      };
    const { hash, ...hashed } = e;
    if (eventHash(hashed) !== hash)
      return { valid: false, headHash: prev, firstBreak: { seq: e.seq, problem: 'hashMismatch' } };
    prev = hash;
  }
  return { valid: true, headHash: prev, firstBreak: null };
}
