import type { Transactional } from '../common/transactional.js';
import type { Side } from '../kernel/round/round.types.js';

// The one owner of caucus_note: hand-written SQL, run inside the caller's transaction where it passes
// one. The notes arrive sealed (caucus.service.ts seals and unseals them; ADR 0014).

export const plainTextNotes = (
  tx: Transactional,
): Promise<{ id: string; negotiationId: string; side: Side; body: string }[]> =>
  tx.query(
    `SELECT id, negotiation_id AS "negotiationId", side, body FROM caucus_note WHERE body IS NOT NULL`,
  ) as Promise<{ id: string; negotiationId: string; side: Side; body: string }[]>;

export async function replaceWithSealed(
  tx: Transactional,
  id: string,
  sealed: Buffer,
): Promise<void> {
  await tx.query(
    `UPDATE caucus_note SET sealed = $2, body = NULL WHERE id = $1 AND body IS NOT NULL`,
    [id, sealed],
  );
}

export async function insertSealedNote(
  tx: Transactional,
  note: {
    id: string;
    negotiationId: string;
    side: Side;
    heldOn: string;
    sealed: Buffer;
    commitment: string;
    authorAccountId: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO caucus_note (id, negotiation_id, side, held_on, sealed, commitment, author_account_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      note.id,
      note.negotiationId,
      note.side,
      note.heldOn,
      note.sealed,
      note.commitment,
      note.authorAccountId,
    ],
  );
}

export interface StoredNote {
  id: string;
  side: Side;
  heldOn: string;
  sealed: Buffer;
  commitment: string | null;
  sha256: string | null;
  createdAt: Date;
}

export const notesOfSide = (
  tx: Transactional,
  negotiationId: string,
  side: Side,
): Promise<StoredNote[]> =>
  tx.query(
    `SELECT id, side, held_on AS "heldOn", sealed, commitment, sha256, created_at AS "createdAt" FROM caucus_note WHERE negotiation_id = $1 AND side = $2 ORDER BY held_on, created_at`,
    [negotiationId, side],
  ) as Promise<StoredNote[]>;
