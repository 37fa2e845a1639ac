import { canonicalJson, sha256Hex } from '../common/canonical-json.js';

export const ADMINISTRATION_GENESIS_HASH = '0'.repeat(64);

// Exactly the fields that are hashed: what an auditor rebuilds from the log export to check it.
export interface ChainedAdministrationEntry {
  seq: number;
  occurredAt: string;
  actorAccountId: string | null;
  action: string;
  subject: { type: string; id: string };
  details: Record<string, unknown>;
  prevHash: string;
}

export const administrationEntryHash = (e: ChainedAdministrationEntry): string =>
  sha256Hex(canonicalJson({ log: 'administration', ...e }));

export interface AdministrationChainCheck {
  valid: boolean;
  entries: number;
  headHash: string;
  firstBreak: { seq: number; problem: 'gap' | 'prevHashMismatch' | 'hashMismatch' } | null;
}

// Walks the log in order and reports the first place where it does not hold together.
export function verifyAdministrationChain(
  entries: readonly (ChainedAdministrationEntry & { hash: string })[],
): AdministrationChainCheck {
  let prev = ADMINISTRATION_GENESIS_HASH;
  for (const [i, e] of entries.entries()) {
    const broken = (problem: 'gap' | 'prevHashMismatch' | 'hashMismatch') => ({
      valid: false,
      entries: entries.length,
      headHash: prev,
      firstBreak: { seq: e.seq, problem },
    });
    if (e.seq !== i + 1) return broken('gap');
    if (e.prevHash !== prev) return broken('prevHashMismatch');
    const { hash, ...hashed } = e;
    if (administrationEntryHash(hashed) !== hash) return broken('hashMismatch');
    prev = hash;
  }
  return { valid: true, entries: entries.length, headHash: prev, firstBreak: null };
}
