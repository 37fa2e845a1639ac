import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Transactional } from '../common/transactional.js';
import * as notes from './caucus-note.store.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { seal, sealingKey, unseal } from '../common/sealing.js';
import { DEPLOYMENT_KEYS, type DeploymentKeys } from '../config/deployment-keys.js';
import { NOTE_COMMITMENT_SCHEME } from '../kernel/round/caucus-commitment.js';
import { NegotiationService } from './negotiation.service.js';
import type { Side } from '../kernel/round/round.types.js';

// What is sealed: the note and the salt of its commitment. The salt is secret too: with it, the
// commitment would again be open to guessing.
interface SealedNote {
  body: string;
  salt: string | null;
}

const boundTo = (n: { id: string; negotiationId: string; side: Side }) =>
  `caucus_note:${n.id}:${n.negotiationId}:${n.side}`;

// 背靠背 caucus notes are confidential to their side: not the other side, not the recorder, not the
// auditor, not an administrator (domain.md §4), and not whoever holds a database dump (ADR 0014).
@Injectable()
export class CaucusService implements OnApplicationBootstrap {
  private readonly key: Buffer;
  private readonly requestKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly negotiations: NegotiationService,
    @Inject(DEPLOYMENT_KEYS) keys: DeploymentKeys,
  ) {
    this.key = sealingKey(keys.notes, 'caucus-note/v1');
    this.requestKey = sealingKey(keys.notes, 'caucus-request/v1');
  }

  // What an Idempotency-Key's record may keep of a note: a keyed digest. A plain hash of the request
  // sits beside the sender's account in every dump and would open to the same guessing as ADR 0014's
  // old payload; keyed, a retry still matches and a dump says nothing.
  requestFingerprint(note: string): string {
    return createHmac('sha256', this.requestKey).update(note, 'utf8').digest('hex');
  }

  // Notes written before ADR 0014 are plain text: seal them at the first start after the upgrade.
  async onApplicationBootstrap(): Promise<void> {
    const legacy = await notes.plainTextNotes(this.dataSource);
    for (const n of legacy)
      await notes.replaceWithSealed(
        this.dataSource,
        n.id,
        this.sealNote(n, { body: n.body, salt: null }),
      );
  }

  private sealNote(n: { id: string; negotiationId: string; side: Side }, note: SealedNote): Buffer {
    return seal(this.key, JSON.stringify(note), boundTo(n));
  }

  async insertNote(
    qr: Transactional,
    note: {
      id: string;
      negotiationId: string;
      side: Side;
      heldOn: string;
      body: string;
      salt: Buffer;
      commitment: string;
      authorAccountId: string;
    },
  ): Promise<void> {
    const sealed = this.sealNote(note, { body: note.body, salt: note.salt.toString('hex') });
    await notes.insertSealedNote(qr, { ...note, sealed });
  }

  async ownSideNotes(caller: Caller, negotiationId: string) {
    const { sides } = await this.negotiations.participation(caller, negotiationId);
    // Exactly one side: an account that reads as a member of both is not trusted with either.
    if (sides.length !== 1)
      throw new DomainError(
        'CAUCUS_CONFIDENTIAL',
        'caucus notes are confidential to the members of each side; you are on neither side of this round',
      );
    const rows = await notes.notesOfSide(this.dataSource, negotiationId, sides[0]);
    const items = rows.map((r) => {
      const note = JSON.parse(
        unseal(this.key, r.sealed, boundTo({ id: r.id, negotiationId, side: r.side })),
      ) as SealedNote;
      return {
        id: r.id,
        side: r.side,
        heldOn: r.heldOn,
        body: note.body,
        // What a side needs to disclose a note later and let anyone check it against the chain.
        commitment:
          note.salt && r.commitment
            ? { scheme: NOTE_COMMITMENT_SCHEME, value: r.commitment, salt: note.salt }
            : { scheme: 'sha256', value: r.sha256, salt: null },
        createdAt: r.createdAt,
      };
    });
    return { items, page: { limit: items.length, next: null }, side: sides[0] };
  }
}
