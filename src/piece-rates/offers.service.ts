import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import type { StoredResponse } from '../common/idempotency.js';
import type { AgreementTable } from '../kernel/round/agreement-table.js';
import {
  loadDraftTable,
  loadOfferTables,
  pinnedCatalog,
} from '../negotiation/negotiation.store.js';
import { NegotiationService, offerSummary, offersOf } from '../negotiation/negotiation.service.js';
import { wholeList } from '../common/api-contract.js';
import type { OfferTableRequest } from '../kernel/round/round.events.js';
import type { RoundContext, Side, TabledOffer } from '../kernel/round/round.types.js';
import { SendEventUseCase } from '../negotiation/send-event.use-case.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { SpreadsheetReader } from './spreadsheet-reader.js';
import { readUploadBody, type SheetFormat } from './spreadsheet-upload.js';
import {
  withCatalogProblems,
  writeAgreementTable,
  writeRateTable,
  type RateSheetNames,
} from './rate-table-spreadsheet.js';
import { catalogNames } from './catalog.store.js';
import {
  compareTables,
  gapByProcess,
  normaliseTable,
  type RateLine,
} from '../kernel/rates/rate-table.js';

// Reads over the offers and counteroffers of a round, whose tables live in their own rows (ADR 0013):
// list, one offer's table, compare any two line by line, the gap between the sides now and after
// each joint session; and the tables as spreadsheets, in and out.

@Injectable()
export class OffersService {
  constructor(
    private readonly negotiations: NegotiationService,
    private readonly sendEvent: SendEventUseCase,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reader: SpreadsheetReader,
  ) {}

  async list(caller: Caller, negotiationId: string) {
    const { context } = await this.negotiations.participation(caller, negotiationId);
    return wholeList(offersOf(context).map(offerSummary));
  }

  async get(caller: Caller, negotiationId: string, offerId: string) {
    const { context } = await this.negotiations.participation(caller, negotiationId);
    const offer = findOffer(context, negotiationId, offerId);
    const tables = await this.tablesOf([offer]);
    return { ...offerSummary(offer), lines: tables.get(offer.offerId)! };
  }

  async compare(caller: Caller, negotiationId: string, fromId: string, toId: string) {
    const { context } = await this.negotiations.participation(caller, negotiationId);
    const [from, to] = [fromId, toId].map((id) => findOffer(context, negotiationId, id));
    const tables = await this.tablesOf([from, to]);
    return {
      from: { id: from.offerId, side: from.side },
      to: { id: to.offerId, side: to.side },
      changes: compareTables(tables.get(from.offerId)!, tables.get(to.offerId)!),
    };
  }

  async gap(caller: Caller, negotiationId: string) {
    const { context } = await this.negotiations.participation(caller, negotiationId);
    const tables = await this.tablesOf(offersOf(context));
    const latest: Record<Side, RateLine[] | null> = { worker: null, employer: null };
    const offers = offersOf(context);
    // Until both sides have tabled an offer there is no gap: the answer says so instead of a null.
    const bySession = context.sessions.map((_, index) => {
      offers
        .filter((o) => o.sessionNumber === index + 1)
        .forEach((o) => (latest[o.side] = tables.get(o.offerId)!));
      return latest.worker && latest.employer
        ? {
            sessionNumber: index + 1,
            status: 'compared',
            gap: gapByProcess(latest.worker, latest.employer),
          }
        : { sessionNumber: index + 1, status: 'awaitingBothSides' };
    });
    const last = bySession.at(-1);
    return last?.gap
      ? { status: 'compared', current: last.gap, bySession }
      : { status: 'awaitingBothSides', bySession };
  }

  async exportOffer(
    caller: Caller,
    negotiationId: string,
    offerId: string,
    format: 'xlsx' | 'csv',
  ) {
    const { context, row } = await this.negotiations.participation(caller, negotiationId);
    const offer = findOffer(context, negotiationId, offerId);
    const lines = (await this.tablesOf([offer])).get(offer.offerId)!;
    return writeRateTable(lines, format, await this.namesOf(row.catalogId));
  }

  // The agreement's table as the draft (and so the signed agreement) commits to it: its own rows
  // (ADR 0018), or inline in drafts agreed before them.
  async agreementTable(caller: Caller, negotiationId: string) {
    const { context, row } = await this.negotiations.participation(caller, negotiationId);
    const draft = context.draft;
    const table =
      (draft?.table as AgreementTable | undefined) ??
      (draft?.draftId ? await loadDraftTable(this.dataSource, draft.draftId) : null);
    if (!table)
      throw new DomainError(
        'NOT_FOUND',
        draft
          ? // ADR 0037: a procedure whose draft is not a piece-rate table (shipbuilding's package).
            `negotiation ${negotiationId}'s draft has no piece-rate table; its procedure keeps its agreement in its terms: GET /api/negotiations/${negotiationId}/terms`
          : `negotiation ${negotiationId} has no agreed draft yet, so no agreement table; it exists once draft.agreed is accepted`,
      );
    // Drafts agreed before rate lines had product types have rows without one.
    const rows = table.rows.map((r) => ({ ...r, productType: r.productType ?? null }));
    return { table: { ...table, rows }, catalogId: row.catalogId };
  }

  async exportAgreement(caller: Caller, negotiationId: string, format: 'xlsx' | 'csv') {
    const { table, catalogId } = await this.agreementTable(caller, negotiationId);
    return writeAgreementTable(table.rows, format, await this.namesOf(catalogId), table.summary);
  }

  // An offer tabled from a spreadsheet goes through the same door as one sent as JSON, but is
  // admitted first (scope 404, revision 409, sender 403, state 409) so that no byte of the file is
  // read for a caller the door would refuse anyway (ADR 0016). The door checks everything again.
  async importOffer(
    caller: Caller,
    negotiationId: string,
    upload: Parameters<typeof readUploadBody>[0],
    format: SheetFormat,
    params: { expectedRevision: number } & Omit<OfferTableRequest, 'items'>,
    idempotencyFor: (file: Buffer) => { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    const catalogId = await this.admitOffer(
      caller,
      negotiationId,
      params.expectedRevision,
      upload.headers,
    );
    // Reading and parsing happen under the upload bound, the parse itself in a worker thread.
    const { file, read } = await this.reader.upload(async () => {
      const file = await readUploadBody(upload, {
        limitBytes: this.config.spreadsheet.uploadLimitBytes,
        timeoutMs: this.config.spreadsheet.readTimeoutMs,
      });
      return { file, read: await this.reader.read('rateTable', format, file) };
    });
    const idempotency = idempotencyFor(file);
    // A file refused for its format is refused for its unknown codes in the same answer (issue 10),
    // so one round of corrections fixes it; a well-formed file's codes are checked by the door.
    const problems =
      read.problems.length > 0 && catalogId
        ? withCatalogProblems(read, await this.pinned(catalogId))
        : read.problems;
    if (problems.length > 0)
      throw new DomainError(
        'RATE_TABLE_FILE_INVALID',
        `the file has ${problems.length} problem(s); nothing was stored: ${problems
          .slice(0, 5)
          .map((p) => `row ${p.row}${p.column ? ` ${p.column}` : ''}: ${p.reason}`)
          .join('; ')}`,
        { problems },
      );
    const { expectedRevision, ...offer } = params;
    return this.sendEvent.execute(caller, {
      negotiationId,
      expectedRevision,
      type: 'offer.tabled',
      body: { ...offer, items: read.lines! },
      idempotency,
    });
  }

  private async admitOffer(
    caller: Caller,
    negotiationId: string,
    expectedRevision: number,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<string | null> {
    const key = headers['idempotency-key'];
    const { catalogId } = await this.sendEvent.admitOnly(caller, {
      negotiationId,
      expectedRevision,
      type: 'offer.tabled',
      idempotencyKey: (Array.isArray(key) ? key[0] : key) ?? null,
    });
    return catalogId;
  }

  private async pinned(catalogId: string) {
    const qr = this.dataSource.createQueryRunner();
    try {
      return await pinnedCatalog(qr, catalogId);
    } finally {
      await qr.release();
    }
  }

  private async tablesOf(offers: TabledOffer[]): Promise<Map<string, RateLine[]>> {
    const stored = offers.filter((o) => !o.items).map((o) => o.offerId);
    const tables = await loadOfferTables(this.dataSource, [...new Set(stored)]);
    for (const o of offers) if (o.items) tables.set(o.offerId, normaliseTable(o.items));
    return tables;
  }

  private async namesOf(catalogId: string | null): Promise<RateSheetNames | undefined> {
    if (!catalogId) return undefined;
    const { groups, processes } = await catalogNames(this.dataSource, catalogId);
    const of = (kind: string) =>
      groups.filter((g) => g.kind === kind).map(({ code, nameZh }) => ({ code, nameZh }));
    return { productTypes: of('productType'), sections: of('section'), processes };
  }
}

function findOffer(context: RoundContext, negotiationId: string, id: string) {
  const offer = offersOf(context).find((o) => o.offerId === id);
  if (!offer)
    throw new DomainError(
      'NOT_FOUND',
      `no offer ${id} in this round; list them at GET /negotiations/${negotiationId}/offers`,
    );
  return offer;
}
