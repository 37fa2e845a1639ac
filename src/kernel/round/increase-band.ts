import { parseRateUnits } from '../rates/money.js';
import { lineKey } from '../rates/rate-table.js';
import type { IsoDate, RateItem, Side, Violation } from './round.types.js';

// An increase band (ADR 0035): a side states, before its offer, by how much it proposes to raise last
// year's rates (Hengfeng 2012: 15-20 %, domain.md §6). Once a round holds a band, every line of that
// side's offers must change last year's rate by a percentage inside the band, or carry a reason; the
// band and the reasons travel with the offer, so whoever reads an offer reads its band beside it.
// Any industry whose machine stores a band in the round's context gets the check at the door.

export interface IncreaseBand {
  // Percentages over last year's rate, exact decimal strings ("15", "17.5"), low <= high.
  lowPercent: string;
  highPercent: string;
  // The side whose offers it binds (the side that stated it).
  side: Side;
  statedOn: IsoDate;
  basis: string;
}

// A line's reason for lying outside the band; lines are named as in the offer.
export interface BandReason {
  productType?: string | null;
  processCode: string;
  reason: string;
}

// Percentages are read with 4 decimal places, like rates, so the comparison below stays in integers.
const ONE_HUNDRED_PERCENT = parseRateUnits('100');

// Is next inside [previous x (1 + low %), previous x (1 + high %)]? Exact: cross-multiplied in units.
function insideBand(previous: bigint, next: bigint, band: IncreaseBand): boolean {
  const low = ONE_HUNDRED_PERCENT + parseRateUnits(band.lowPercent);
  const high = ONE_HUNDRED_PERCENT + parseRateUnits(band.highPercent);
  return (
    next * ONE_HUNDRED_PERCENT >= previous * low && next * ONE_HUNDRED_PERCENT <= previous * high
  );
}

const lastRates = (previous: readonly RateItem[]) =>
  new Map(previous.map((l) => [lineKey(l), l.rate]));

// A product type's own line falls back to last year's rate for every product type.
const lastRateOf = (last: Map<string, string>, item: RateItem) =>
  last.get(lineKey(item)) ?? last.get(item.processCode);

/** The lines outside the band. Lines with no rate last year are not compared. */
function outsideBand(
  items: readonly RateItem[],
  previous: readonly RateItem[],
  band: IncreaseBand,
): { item: RateItem; was: string }[] {
  const last = lastRates(previous);
  return items.flatMap((item) => {
    const was = lastRateOf(last, item);
    return was !== undefined && !insideBand(parseRateUnits(was), parseRateUnits(item.rate), band)
      ? [{ item, was }]
      : [];
  });
}

/** The lines of an offer outside the band that carry no reason. */
export function bandViolations(
  items: readonly RateItem[],
  previous: readonly RateItem[],
  band: IncreaseBand,
  reasons: readonly BandReason[] = [],
): Violation[] {
  const explained = new Set(reasons.filter((r) => r.reason.trim() !== '').map(lineKey));
  return outsideBand(items, previous, band)
    .filter(({ item }) => !explained.has(lineKey(item)))
    .map(({ item, was }) => ({
      rule: 'offer.outsideIncreaseBand',
      message: `${lineKey(item)} at ${item.rate} lies outside the stated increase band of ${band.lowPercent}-${band.highPercent} % over last year's ${was}; change the rate or give the line a reason in bandReasons`,
      field: 'items',
    }));
}

/** The reasons that explain a line outside the band: the ones an offer keeps. */
export function reasonsOutsideBand(
  items: readonly RateItem[],
  previous: readonly RateItem[],
  band: IncreaseBand,
  reasons: readonly BandReason[],
): BandReason[] {
  const outside = new Set(outsideBand(items, previous, band).map(({ item }) => lineKey(item)));
  return reasons.filter((r) => outside.has(lineKey(r)));
}
