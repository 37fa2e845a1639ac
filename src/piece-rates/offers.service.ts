import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { NegotiationService } from '../negotiation/negotiation.service.js';
import type { RoundContext, Side, TabledOffer } from '../negotiation/round/round.types.js';
import { compareTables, gapByProcess } from './rate-table.js';

// Reads over the offers and counteroffers a round's `offer.tabled` events carry: list, compare any two
// process by process, and the gap between the sides now and after each joint session.
const offerId = (o: TabledOffer, index: number) => `s${o.sessionNumber}-${index + 1}`;

function allOffers(ctx: RoundContext) {
  return ctx.sessions.flatMap((s) => s.offers.map((o, i) => ({ id: offerId(o, i), ...o })));
}

@Injectable()
export class OffersService {
  constructor(private readonly negotiations: NegotiationService) {}

  async list(caller: Caller, negotiationId: string) {
    const { context } = await this.negotiations.participation(caller, negotiationId);
    return allOffers(context).map(({ items, ...o }) => ({ ...o, processes: items.length }));
  }

  async compare(caller: Caller, negotiationId: string, fromId: string, toId: string) {
    const { context } = await this.negotiations.participation(caller, negotiationId);
    const offers = allOffers(context);
    const find = (id: string) => {
      const o = offers.find((x) => x.id === id);
      if (!o)
        throw new DomainError(
          'NOT_FOUND',
          `no offer ${id} in this round; list them at GET /negotiations/${negotiationId}/offers`,
        );
      return o;
    };
    const [from, to] = [find(fromId), find(toId)];
    return {
      from: { id: from.id, side: from.side },
      to: { id: to.id, side: to.side },
      changes: compareTables(from.items, to.items),
    };
  }

  async gap(caller: Caller, negotiationId: string) {
    const { context } = await this.negotiations.participation(caller, negotiationId);
    const latest: Record<Side, TabledOffer | null> = { worker: null, employer: null };
    const bySession = context.sessions.map((s) => {
      for (const o of s.offers) latest[o.side] = o;
      return {
        sessionNumber: s.number,
        gap:
          latest.worker && latest.employer
            ? gapByProcess(latest.worker.items, latest.employer.items)
            : null,
      };
    });
    const w = context.latestOffers.worker;
    const e = context.latestOffers.employer;
    return { current: w && e ? gapByProcess(w.items, e.items) : null, bySession };
  }
}
