import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api.js';

// Shared reads, cached by react-query under stable keys so every screen sees one copy.
export function useIndustries() {
  return useQuery({
    queryKey: ['industries'],
    queryFn: async () => (await unwrap(api.GET('/api/industries'))).items,
    staleTime: 10 * 60_000,
  });
}

export function useRound(id: string) {
  return useQuery({
    queryKey: ['round', id],
    queryFn: () => unwrap(api.GET('/api/negotiations/{id}', { params: { path: { id } } })),
  });
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
