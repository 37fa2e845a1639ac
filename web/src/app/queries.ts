import {
  infiniteQueryOptions,
  queryOptions,
  useQuery,
  type QueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from './api.js';

// Shared reads, cached by react-query under stable keys so every screen sees one copy.
export function useIndustries() {
  return useQuery({
    queryKey: ['industries'],
    queryFn: async () => (await unwrap(api.GET('/api/industries'))).items,
    staleTime: 10 * 60_000,
  });
}

const roundQuery = (id: string) =>
  queryOptions({
    queryKey: ['round', id],
    queryFn: () => unwrap(api.GET('/api/negotiations/{id}', { params: { path: { id } } })),
  });

export const useRound = (id: string) => useQuery(roundQuery(id));

// A round's history, 200 events a page.
export const historyQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: ['round', id, 'history'],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/negotiations/{id}/history', {
          params: { path: { id }, query: { afterSeq: pageParam, limit: 200 } },
        }),
      ),
    getNextPageParam: (last) => last.page?.next ?? undefined,
  });

// Asked for by the route, while the round page's own code is still loading: the two reads the page
// cannot show anything without run beside the download instead of after it.
export function prefetchRound(client: QueryClient, id: string): void {
  void client.prefetchQuery(roundQuery(id));
  void client.prefetchInfiniteQuery(historyQuery(id));
}

export function useOpenRounds() {
  return useQuery({
    queryKey: ['rounds', 'open-with-deadlines'],
    queryFn: async () => {
      const list = await unwrap(
        api.GET('/api/negotiations', { params: { query: { outcome: 'open', limit: 50 } } }),
      );
      // Deadlines are in each round's view; a person sits in a handful of open rounds at a time.
      return Promise.all(
        list.items.map((r) =>
          unwrap(api.GET('/api/negotiations/{id}', { params: { path: { id: r.id } } })),
        ),
      );
    },
  });
}
