import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { NegotiationService } from './negotiation.service.js';
import type { Side } from './round/round.types.js';

// 背靠背 caucus notes are confidential to their side: not the other side, not the recorder, not the
// auditor, not an administrator (domain.md §4).
@Injectable()
export class CaucusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly negotiations: NegotiationService,
  ) {}

  async insertNote(
    qr: QueryRunner,
    note: {
      id: string;
      negotiationId: string;
      side: Side;
      heldOn: string;
      body: string;
      sha256: string;
      authorAccountId: string;
    },
  ): Promise<void> {
    await qr.query(
      `INSERT INTO caucus_note (id, negotiation_id, side, held_on, body, sha256, author_account_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        note.id,
        note.negotiationId,
        note.side,
        note.heldOn,
        note.body,
        note.sha256,
        note.authorAccountId,
      ],
    );
  }

  async ownSideNotes(caller: Caller, negotiationId: string) {
    const { sides } = await this.negotiations.participation(caller, negotiationId);
    if (sides.length === 0)
      throw new DomainError(
        'CAUCUS_CONFIDENTIAL',
        'caucus notes are confidential to the members of each side; you are on neither side of this round',
      );
    const notes = await this.dataSource.query(
      `SELECT id, side, held_on AS "heldOn", body, sha256, created_at AS "createdAt" FROM caucus_note WHERE negotiation_id = $1 AND side = ANY($2) ORDER BY held_on, created_at`,
      [negotiationId, sides],
    );
    return { negotiationId, sides, notes };
  }
}
