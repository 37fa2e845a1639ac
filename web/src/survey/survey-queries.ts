import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../app/api.js';
import type { components } from '../api/schema.js';

export type CatalogProcess = components['schemas']['CatalogProcess'];

// The process names of a round's catalog version, by code (a survey names processes by code only).
export function useProcessNames(industry: string | undefined, version: number | null | undefined) {
  return useQuery({
    // Its own key: the offers tab caches the whole catalog under ['catalog', industry, version].
    queryKey: ['catalog', industry, version, 'process-names'],
    enabled: !!industry && !!version,
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const c = await unwrap(
        api.GET('/api/catalogs/{industry}/{version}', {
          params: { path: { industry: industry!, version: version! } },
        }),
      );
      return new Map(c.processes.map((p) => [p.code, p]));
    },
  });
}

export function processLabel(
  names: Map<string, CatalogProcess> | undefined,
  code: string,
  language: string,
): string {
  const p = names?.get(code);
  if (!p) return code;
  return `${code} ${language === 'en' ? (p.nameEn ?? p.nameZh) : p.nameZh}`;
}
