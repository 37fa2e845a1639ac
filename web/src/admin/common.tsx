import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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

// A person picked from the registry by name, searched on the server as one types (the registry may
// hold thousands: a list loaded up front would be cut off). Erased people are not offered.
export function PersonSelect({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (personId: string) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [name, setName] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setName(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({
    queryKey: ['people', 'pick', name],
    queryFn: () =>
      unwrap(
        api.GET('/api/people', { params: { query: { limit: 20, ...(name ? { name } : {}) } } }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = (found.data?.items ?? []).filter((p) => !p.erased);
  const more = (found.data?.total ?? 0) - (found.data?.items.length ?? 0);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder={t('admin.people.pickPlaceholder')}
      notFoundContent={found.isFetching ? null : t('admin.people.noneFound')}
      options={items.map((p) => ({
        value: p.id,
        label: p.position ? `${p.fullName ?? p.id} · ${p.position}` : (p.fullName ?? p.id),
      }))}
      popupRender={(menu) => (
        <>
          {menu}
          {more > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 12px' }}>
              {t('admin.people.more', { count: more })}
            </Typography.Text>
          )}
        </>
      )}
    />
  );
}
