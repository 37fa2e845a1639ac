import { useQuery } from '@tanstack/react-query';
import { OfferBand } from './OfferBand.js';
import { Card, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../app/api.js';
import { RefusalAlert } from '../app/refusal.js';
import type { RoundView } from '../round/round-types.js';
import {
  filterRows,
  indexCatalog,
  type CatalogVersion,
  type OfferFilter,
  type OfferSummary,
  type RateChange,
} from './offer-data.js';
import { lineColumns } from './line-columns.js';
import { OfferFilters } from './OfferFilters.js';

const STATUS_COLOR: Record<RateChange['status'], string> = {
  raised: 'green',
  cut: 'red',
  unchanged: 'default',
  added: 'blue',
  removed: 'orange',
};
const STATUS_KEY = {
  raised: 'offers.statusRaised',
  cut: 'offers.statusCut',
  unchanged: 'offers.statusUnchanged',
  added: 'offers.statusAdded',
  removed: 'offers.statusRemoved',
} as const;

interface ChangeRow extends RateChange {
  key: string;
  productTypeName: string;
  processName: string;
  sectionCode: string;
  search: string;
  differs: boolean;
}

// Any two offers of the round, line by line: old, new, absolute and % change (the server compares;
// the console only names and filters the lines).
export function CompareOffers({
  round,
  offers,
  catalog,
}: {
  round: RoundView;
  offers: OfferSummary[];
  catalog: CatalogVersion | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  const [filter, setFilter] = useState<OfferFilter>({});
  const comparison = useQuery({
    queryKey: ['round', round.id, 'compare', from, to],
    enabled: !!from && !!to,
    staleTime: Infinity,
    queryFn: () =>
      unwrap(
        api.GET('/api/negotiations/{id}/offers/compare', {
          params: { path: { id: round.id }, query: { from: from!, to: to! } },
        }),
      ),
  });
  const index = useMemo(() => indexCatalog(catalog, i18n.language), [catalog, i18n.language]);
  const rows = useMemo<ChangeRow[]>(
    () =>
      (comparison.data?.changes ?? []).map((c) => {
        const p = index.process.get(c.processCode);
        const processName = p?.name ?? c.processCode;
        return {
          ...c,
          key: `${c.productType ?? '*'}:${c.processCode}`,
          productTypeName:
            c.productType === null
              ? t('offers.everyProductType')
              : (index.productType.get(c.productType) ?? c.productType),
          processName,
          sectionCode: p?.sectionCode ?? '',
          search: `${c.processCode} ${processName}`.toLowerCase(),
          differs: c.status !== 'unchanged',
        };
      }),
    [comparison.data, index, t],
  );
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const label = (o: OfferSummary) =>
    t('offers.offerOf', {
      side: t(`offers.${o.side}`),
      session: o.sessionNumber,
      date: o.tabledAt.slice(0, 10),
    });
  const options = offers.map((o, i) => ({ value: o.id, label: `#${i + 1} ${label(o)}` }));
  const columns: ColumnsType<ChangeRow> = [
    ...lineColumns<ChangeRow>(t),
    { title: t('offers.old'), dataIndex: 'from', width: 100, align: 'right' },
    { title: t('offers.new'), dataIndex: 'to', width: 100, align: 'right' },
    { title: t('offers.change'), dataIndex: 'absolute', width: 100, align: 'right' },
    { title: t('offers.changePercent'), dataIndex: 'percent', width: 110, align: 'right' },
    {
      title: t('offers.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: RateChange['status']) => <Tag color={STATUS_COLOR[s]}>{t(STATUS_KEY[s])}</Tag>,
    },
  ];
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('offers.compare')}
        </Typography.Title>
      }
      data-testid="compare-offers"
    >
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        {(
          [
            ['compareFrom', 'compare-from', from, setFrom],
            ['compareTo', 'compare-to', to, setTo],
          ] as const
        ).map(([key, testId, value, set]) => (
          <Select
            key={key}
            aria-label={t(`offers.${key}`)}
            data-testid={testId}
            placeholder={t(`offers.${key}`)}
            style={{ minWidth: 280 }}
            value={value}
            onChange={set}
            options={options}
          />
        ))}
      </Flex>
      {[from, to].map((id) => {
        const o = offers.find((x) => x.id === id);
        return o?.increaseBand ? (
          <div key={o.id} style={{ marginBottom: 8 }}>
            <Typography.Text strong>{label(o)}：</Typography.Text>
            <OfferBand offer={o} />
          </div>
        ) : null;
      })}
      <RefusalAlert error={comparison.error} />
      {from && to ? (
        <>
          <OfferFilters catalog={catalog} value={filter} onChange={setFilter} />
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
            {t('offers.lines', { shown: shown.length, total: rows.length })}
          </Typography.Paragraph>
          <Table<ChangeRow>
            data-testid="compare-table"
            virtual
            size="small"
            rowKey="key"
            loading={comparison.isLoading}
            columns={columns}
            dataSource={shown}
            pagination={false}
            scroll={{ x: 790, y: 360 }}
          />
        </>
      ) : (
        <Empty description={t('offers.compareChoose')} />
      )}
    </Card>
  );
}
