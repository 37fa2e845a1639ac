import { useQuery } from '@tanstack/react-query';
import type { components } from '../api/schema.js';
import { api, unwrap } from '../app/api.js';
import type { Schemas } from './schema-form/schema.js';

export type Procedure = components['schemas']['ProcedureDto'];
export type ProcedureEvent = components['schemas']['ProcedureEventDto'];

// The procedure the round follows: the machine version it was opened under, not the industry's
// current one (a v1 round keeps v1's events and texts after v2 is released). Released versions never
// change, so it is cached for the session.
export function useProcedure(industryCode: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['procedure', industryCode, version],
    enabled: !!industryCode,
    staleTime: Infinity,
    queryFn: () =>
      unwrap(
        api.GET('/api/industries/{code}/procedure', {
          params: { path: { code: industryCode! }, query: { version } },
        }),
      ),
  });
}

// The whole contract, for the payload schemas the procedure names (components.schemas). It is a
// document, not an operation of the contract, so it is read with a plain GET.
export function useContractSchemas() {
  return useQuery({
    queryKey: ['openapi', 'schemas'],
    staleTime: Infinity,
    queryFn: async () => {
      const res = await fetch('/api/openapi.json');
      if (!res.ok) throw new Error(`GET /api/openapi.json answered ${res.status}`);
      const doc = (await res.json()) as { components?: { schemas?: Schemas } };
      return doc.components?.schemas ?? {};
    },
  });
}

export function eventsByType(procedure: Procedure | undefined): Map<string, ProcedureEvent> {
  return new Map((procedure?.events ?? []).map((e) => [e.type, e]));
}
