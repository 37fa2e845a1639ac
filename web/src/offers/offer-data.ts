import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../app/api.js';
import type { components } from '../api/schema.js';
import type { RoundView } from '../round/round-types.js';

export type CatalogVersion = components['schemas']['CatalogVersion'];
export type OfferSummary = components['schemas']['OfferSummary'];
export type RateGap = components['schemas']['RateGap'];
export type RateChange = components['schemas']['RateChange'];
type RateLine = components['schemas']['RateLine'];

// The reads of the offers and convergence tabs, shared through react-query's cache: both tabs read
// the same gap, and the catalog version a round pins never changes (versions are immutable).
const catalogQuery = (round: Pick<RoundView, 'industryCode' | 'catalogVersion'>) => {
  const industry = round.industryCode;
  const version = round.catalogVersion;
  return queryOptions({
    queryKey: ['catalog', industry, version],
    enabled: version !== null,
    staleTime: Infinity,
    queryFn: () =>
      unwrap(
        api.GET('/api/catalogs/{industry}/{version}', {
          params: { path: { industry, version: version! } },
        }),
      ),
  });
};

const offersQuery = (roundId: string) =>
  queryOptions({
    queryKey: ['round', roundId, 'offers'],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/negotiations/{id}/offers', { params: { path: { id: roundId } } }),
        )
      ).items,
  });

const gapQuery = (roundId: string) =>
  queryOptions({
    queryKey: ['round', roundId, 'gap'],
    queryFn: () =>
      unwrap(api.GET('/api/negotiations/{id}/offers/gap', { params: { path: { id: roundId } } })),
  });

export const useCatalog = (round: RoundView) => useQuery(catalogQuery(round));
export const useOffers = (roundId: string) => useQuery(offersQuery(roundId));
export const useGap = (roundId: string) => useQuery(gapQuery(roundId));

// Started as soon as a round with offers is open, beside its history and procedure, so that the
// offers tab (the table a negotiation is argued over, issue 11's 1.5-second target) finds its chunk
// and its three reads under way instead of starting them on the click.
export function prefetchOffersTab(client: QueryClient, round: RoundView): void {
  if (!round.latestOffers.worker && !round.latestOffers.employer) return;
  void import('./OffersTab.js');
  if (round.catalogVersion !== null) void client.prefetchQuery(catalogQuery(round));
  void client.prefetchQuery(gapQuery(round.id));
  void client.prefetchQuery(offersQuery(round.id));
}

// One side's offer with its lines: shown alone while the other side has not tabled one yet.
export function useOffer(roundId: string, offerId: string | null | undefined) {
  return useQuery({
    queryKey: ['round', roundId, 'offer', offerId],
    enabled: !!offerId,
    staleTime: Infinity,
    queryFn: () =>
      unwrap(
        api.GET('/api/negotiations/{id}/offers/{offerId}', {
          params: { path: { id: roundId, offerId: offerId! } },
        }),
      ),
  });
}

// A line of the side-by-side table, with the catalog's names joined in once, so that filtering
// 2,106 lines is a plain scan over prepared strings.
export interface OfferRow {
  key: string;
  productType: string | null;
  productTypeName: string;
  processCode: string;
  processName: string;
  sectionCode: string;
  sectionName: string;
  unit: string;
  worker: string | null;
  employer: string | null;
  absolute: string | null;
  percent: string | null;
  differs: boolean;
  // lower-case code and names, for the process search
  search: string;
}

export interface CatalogIndex {
  process: Map<string, { name: string; sectionCode: string; unit: string }>;
  section: Map<string, string>;
  productType: Map<string, string>;
}

export function indexCatalog(catalog: CatalogVersion | undefined, language: string): CatalogIndex {
  const name = (g: { nameZh: string; nameEn: string | null }) =>
    language === 'en' ? (g.nameEn ?? g.nameZh) : g.nameZh;
  return {
    process: new Map(
      (catalog?.processes ?? []).map((p) => [
        p.code,
        { name: name(p), sectionCode: p.sectionCode, unit: p.unit },
      ]),
    ),
    section: new Map((catalog?.sections ?? []).map((s) => [s.code, name(s)])),
    productType: new Map((catalog?.productTypes ?? []).map((s) => [s.code, name(s)])),
  };
}

function describe(
  index: CatalogIndex,
  line: { productType: string | null; processCode: string },
  everyProductType: string,
) {
  const process = index.process.get(line.processCode);
  const sectionCode = process?.sectionCode ?? '';
  const productTypeName =
    line.productType === null
      ? everyProductType
      : (index.productType.get(line.productType) ?? line.productType);
  const processName = process?.name ?? line.processCode;
  return {
    key: `${line.productType ?? '*'}:${line.processCode}`,
    productType: line.productType,
    productTypeName,
    processCode: line.processCode,
    processName,
    sectionCode,
    sectionName: index.section.get(sectionCode) ?? sectionCode,
    unit: process?.unit ?? '',
    search: `${line.processCode} ${processName}`.toLowerCase(),
  };
}

// Rates are exact decimal strings with four places; two rates differ when their strings do (the
// server writes them canonically), so no float ever decides a difference.
export function gapRows(
  lines: RateGap[],
  index: CatalogIndex,
  everyProductType: string,
): OfferRow[] {
  return lines.map((l) => ({
    ...describe(index, l, everyProductType),
    worker: l.worker,
    employer: l.employer,
    absolute: l.absolute,
    percent: l.percent,
    differs: l.worker !== l.employer,
  }));
}

export function oneSideRows(
  lines: RateLine[],
  side: 'worker' | 'employer',
  index: CatalogIndex,
  everyProductType: string,
): OfferRow[] {
  return lines.map((l) => ({
    ...describe(index, l, everyProductType),
    worker: side === 'worker' ? l.rate : null,
    employer: side === 'employer' ? l.rate : null,
    absolute: null,
    percent: null,
    differs: false,
  }));
}

export interface OfferFilter {
  section?: string;
  productType?: string;
  text?: string;
  onlyDiffering?: boolean;
}

export function filterRows<
  T extends Pick<OfferRow, 'sectionCode' | 'productType' | 'search' | 'differs'>,
>(rows: T[], f: OfferFilter): T[] {
  const text = f.text?.trim().toLowerCase();
  if (!f.section && !f.productType && !text && !f.onlyDiffering) return rows;
  return rows.filter(
    (r) =>
      (!f.section || r.sectionCode === f.section) &&
      (!f.productType || r.productType === f.productType || r.productType === null) &&
      (!text || r.search.includes(text)) &&
      (!f.onlyDiffering || r.differs),
  );
}
