import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { api, unwrap } from '../app/api.js';
import type { components } from '../api/schema.js';

export type Party = components['schemas']['Party'];

// Headings of the administration's cards: the page's h1, then one h2 per part.
export function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
      {children}
    </Typography.Title>
  );
}

export function useParties() {
  return useQuery({
    queryKey: ['parties'],
    queryFn: async () => (await unwrap(api.GET('/api/parties'))).items,
    staleTime: 5 * 60_000,
  });
}

export function partyName(
  parties: Party[] | undefined,
  id: string | null | undefined,
  lang: string,
) {
  if (!id) return '—';
  const p = parties?.find((x) => x.id === id);
  if (!p) return id.slice(0, 8);
  return lang === 'en' ? (p.nameEn ?? p.nameZh) : p.nameZh;
}

// Only administrators may list accounts (a chief deciding a proposal sees the account's id).
export function useAccounts(enabled = true) {
  return useQuery({
    queryKey: ['accounts'],
    enabled,
    queryFn: async () =>
      (await unwrap(api.GET('/api/accounts', { params: { query: { limit: 1000 } } }))).items,
  });
}

// A spreadsheet or CSV sent as the request's body, as the API takes it (no multipart).
export function fileBody(file: File) {
  return {
    body: file as unknown as string,
    bodySerializer: (b: unknown) => b as BodyInit,
    headers: {
      'content-type': file.name.toLowerCase().endsWith('.csv')
        ? 'text/csv'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  };
}
