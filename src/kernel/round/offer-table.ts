import {
  normaliseTable,
  overlayTable,
  tableDigest,
  uncoveredLines,
  type RateLine,
} from '../rates/rate-table.js';
import type { ClientRequest, EventRequest } from './round.events.js';
import { agreementTable, resolveDraft } from './agreement-table.js';
import type { DraftRequest, OfferTableRequest, RoundPayloads } from './round.events.js';
import { rateItemViolations } from './round.rules.js';
import type { RateItem, Violation } from './round.types.js';

// The pure half of tabling an offer (ADR 0013): check the table against the round's pinned catalog,
// resolve a subset against the table it amends, and commit to the result by digest. The write path
// supplies the data (catalog, base table) and stores the lines; the event carries the digest.

export interface PinnedCatalog {
  processes: string[];
  productTypes: string[];
}

const SHOWN = 20;
const listed = (codes: string[]) =>
  codes.length > SHOWN
    ? `${codes.slice(0, SHOWN).join(', ')} and ${codes.length - SHOWN} more`
    : codes.join(', ');

/** Lines naming a process or product type the pinned catalog version does not have. */
export function catalogViolations(items: readonly RateItem[], catalog: PinnedCatalog): Violation[] {
  const processes = new Set(catalog.processes);
  const types = new Set(catalog.productTypes);
  const unknown = [
    ...new Set(items.filter((i) => !processes.has(i.processCode)).map((i) => i.processCode)),
  ];
  const unknownTypes = [
    ...new Set(
      items.flatMap((i) => (i.productType && !types.has(i.productType) ? [i.productType] : [])),
    ),
  ];
  return [
    ...unknown.map((code) => ({
      rule: 'rates.unknownProcess',
      message: `${code} is not in the round's catalog (unknown, retired, or from another version)`,
      field: 'items',
    })),
    ...unknownTypes.map((code) => ({
      rule: 'rates.unknownProductType',
      message: `product type ${code} is not in the round's catalog version`,
      field: 'items',
    })),
  ];
}

export interface ResolvedOffer {
  lines: RateLine[];
  payload: RoundPayloads['offer.tabled'];
  violations: Violation[];
}

/**
 * The offer's full table: a full offer as sent, which must cover the catalog; a subset laid over the
 * table it amends (`base`), or standing alone when there is none. Lines carried over from the base
 * are checked against the catalog too, so a stored offer never names a retired process.
 */
export function resolveOffer(
  offerId: string,
  request: OfferTableRequest,
  base: { offerId: string | null; lines: readonly RateItem[] } | null,
  catalog: PinnedCatalog | null,
): ResolvedOffer {
  const scope = request.scope ?? 'subset';
  const own = rateItemViolations(request.items, 'items');
  const payload = (lines: RateLine[]) => ({
    offerId,
    sha256: tableDigest(lines),
    lineCount: lines.length,
    scope,
    basedOn: scope === 'subset' ? (base?.offerId ?? null) : null,
    note: request.note ?? null,
  });
  if (own.length > 0) return { lines: [], payload: payload([]), violations: own };
  const items =
    scope === 'subset' && base ? overlayTable(base.lines, request.items) : request.items;
  const merged = items === request.items ? [] : rateItemViolations(items, 'items');
  const violations = [...merged, ...(catalog ? catalogViolations(items, catalog) : [])];
  if (violations.length > 0) return { lines: [], payload: payload([]), violations };
  const lines = normaliseTable(items);
  if (scope === 'full' && catalog) {
    const missing = uncoveredLines(lines, catalog);
    if (missing.length > 0)
      violations.push({
        rule: 'rates.incomplete',
        message: `a full offer needs a rate for every line of the catalog; ${missing.length} missing: ${listed(missing)} (or send scope "subset")`,
        field: 'items',
      });
  }
  return { lines, payload: payload(lines), violations };
}

/**
 * A request as the machine sees it when no data is at hand (unit tests, the script's dry runs): an
 * offer's or a draft's table stands alone, unchecked against a catalog or a previous round, with the
 * id given.
 */
export function standaloneRequest(request: ClientRequest, offerId: string): EventRequest {
  if (request.type === 'draft.agreed') {
    const draft = request.payload as DraftRequest;
    const { payload } = resolveDraft(offerId, draft.text, agreementTable(draft, null).table);
    return { type: 'draft.agreed', payload };
  }
  if (request.type !== 'offer.tabled') return request as EventRequest;
  const { payload } = resolveOffer(offerId, request.payload as OfferTableRequest, null, null);
  return { type: 'offer.tabled', payload };
}
