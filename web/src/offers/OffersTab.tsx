import { Card, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RefusalAlert } from '../app/refusal.js';
import type { RoundView } from '../round/round-types.js';
import { CompareOffers } from './CompareOffers.js';
import { OfferBand } from './OfferBand.js';
import { OfferFiles } from './OfferFiles.js';
import {
  filterRows,
  gapRows,
  indexCatalog,
  oneSideRows,
  useCatalog,
  useGap,
  useOffer,
  useOffers,
  type OfferFilter,
  type OfferRow,
} from './offer-data.js';
import { lineColumns } from './line-columns.js';
import { OfferFilters } from './OfferFilters.js';

const DIFFERS = '#fff1e6';

// Offers side by side: the latest worker and employer tables of the round, line by line, with the
// lines where they differ highlighted, filtered by section (车间/工种), product type and process.
// 2,106 lines are rendered virtually: only the rows in view are in the DOM.
export default function OffersTab({ round }: { round: RoundView }) {
  const { t, i18n } = useTranslation();
  const catalog = useCatalog(round);
  const gap = useGap(round.id);
  const offers = useOffers(round.id);
  const latest = round.latestOffers;
  // While only one side has tabled, its own table is shown (the gap has no lines yet).
  const alone =
    gap.data?.status === 'awaitingBothSides' ? (latest.worker ?? latest.employer) : null;
  const aloneOffer = useOffer(round.id, alone?.id);
  const [filter, setFilter] = useState<OfferFilter>({});

  const index = useMemo(
    () => indexCatalog(catalog.data, i18n.language),
    [catalog.data, i18n.language],
  );
  // Lines are shown once the catalog has named them (a round without a catalog shows bare codes).
  const named = round.catalogVersion === null || !!catalog.data;
  const rows = useMemo<OfferRow[]>(() => {
    if (!named) return [];
    const every = t('offers.everyProductType');
    if (gap.data?.current) return gapRows(gap.data.current, index, every);
    if (aloneOffer.data && alone)
      return oneSideRows(aloneOffer.data.lines, alone.side, index, every);
    return [];
  }, [named, gap.data, aloneOffer.data, alone, index, t]);
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const differing = useMemo(() => rows.filter((r) => r.differs).length, [rows]);

  // The rates and the gap of a line where the sides differ are tinted (and the gap in bold).
  const differs = (r: OfferRow) => (r.differs ? { style: { background: DIFFERS } } : {});
  const columns: ColumnsType<OfferRow> = [
    { title: t('offers.section'), dataIndex: 'sectionName', width: 110, ellipsis: true },
    ...lineColumns<OfferRow>(t),
    {
      title: t('offers.unit'),
      dataIndex: 'unit',
      width: 64,
      render: (u: string) => (u ? t(`offers.unit_${u}`) : ''),
    },
    {
      title: t('offers.workerRate'),
      dataIndex: 'worker',
      width: 120,
      align: 'right',
      onCell: differs,
    },
    {
      title: t('offers.employerRate'),
      dataIndex: 'employer',
      width: 120,
      align: 'right',
      onCell: differs,
    },
    {
      title: t('offers.gap'),
      dataIndex: 'absolute',
      width: 110,
      align: 'right',
      onCell: differs,
      render: (v: string | null, r) =>
        r.differs ? <strong data-differs="true">{v ?? '—'}</strong> : (v ?? ''),
    },
    {
      title: t('offers.gapPercent'),
      dataIndex: 'percent',
      width: 100,
      align: 'right',
      onCell: differs,
      render: (v: string | null, r) => (r.differs ? <strong>{v ?? '—'}</strong> : (v ?? '')),
    },
  ];

  const error = catalog.error ?? gap.error ?? offers.error ?? aloneOffer.error;
  const loading = gap.isLoading || catalog.isLoading || (!!alone && aloneOffer.isLoading);
  const sideLabel = (s: 'worker' | 'employer') => t(`offers.${s}`);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="OffersTab">
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('offers.latest')}
          </Typography.Title>
        }
        extra={<OfferFiles round={round} />}
      >
        <RefusalAlert error={error} />
        <Flex wrap gap={8} style={{ marginBottom: 8 }}>
          {(['worker', 'employer'] as const).map((s) => {
            const o = latest[s];
            return (
              <Tag key={s} color={s === 'worker' ? 'red' : 'blue'} data-testid={`latest-${s}`}>
                {o
                  ? t('offers.offerOf', {
                      side: sideLabel(s),
                      session: o.sessionNumber,
                      date: o.tabledAt.slice(0, 10),
                    })
                  : `${sideLabel(s)} · ${t('offers.noOffer')}`}
              </Tag>
            );
          })}
        </Flex>
        {(['worker', 'employer'] as const).map((s) => {
          const o = latest[s];
          return o?.increaseBand ? (
            <div key={s} style={{ marginBottom: 8 }} data-testid={`latest-band-${s}`}>
              <Typography.Text strong>{sideLabel(s)}：</Typography.Text>
              <OfferBand offer={o} />
            </div>
          ) : null;
        })}
        {gap.data?.status === 'awaitingBothSides' ? (
          <Typography.Paragraph type="secondary">
            {t('offers.awaitingBothSides')}
          </Typography.Paragraph>
        ) : null}
        <OfferFilters catalog={catalog.data} value={filter} onChange={setFilter} withDiffering />
        <Typography.Paragraph
          type="secondary"
          style={{ margin: '8px 0' }}
          data-testid="offer-count"
        >
          {t('offers.lines', { shown: shown.length, total: rows.length })}
          {rows.length && differing ? ` · ${t('offers.linesDiffering', { count: differing })}` : ''}
        </Typography.Paragraph>
        <Table<OfferRow>
          data-testid="offers-table"
          virtual
          size="small"
          rowKey="key"
          loading={loading}
          columns={columns}
          dataSource={shown}
          pagination={false}
          scroll={{ x: 914, y: 480 }}
          locale={{ emptyText: <Empty description={t('offers.noOffer')} /> }}
        />
      </Card>
      <CompareOffers round={round} offers={offers.data ?? []} catalog={catalog.data} />
    </Space>
  );
}
