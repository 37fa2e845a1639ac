import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/App.js';
import { api, unwrap } from '../../app/api.js';
import { formatDateTime } from '../../app/dates.js';
import { ScrollRegion } from '../../app/ScrollRegion.js';
import { RefusalAlert } from '../../app/refusal.js';
import { ToneTag } from '../../app/ToneTag.js';
import type { components } from '../../api/schema.js';
import type { RoundView } from '../../round/round-types.js';
import { clauseTone, gridRows, minimumRows, type MinimumRow, type Terms } from './package-rows.js';

type Clause = components['schemas']['ClauseStateTerms'];
type SurveyedTrade = components['schemas']['SurveyedTradeDto'];
type PayImpactTrade = components['schemas']['PayImpactTrade'];

const heading = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);
const DIFFERS = '#fff1e6';

// The shipbuilding package (一揽子方案) side by side, from GET …/terms: the wage survey by trade, the
// monthly minimum per trade (last year's, each side's, the agreed one), the skill-level grid per trade,
// and each non-wage clause with its status; on an agreed draft, the agreement's terms and pay impact.
export default function PackageTab({ round }: { round: RoundView }) {
  const { t } = useTranslation();
  const terms = useQuery({
    // The revision in the key: the terms are re-read whenever the round changes.
    queryKey: ['round', round.id, 'terms', round.revision],
    queryFn: () =>
      unwrap(api.GET('/api/negotiations/{id}/terms', { params: { path: { id: round.id } } })),
  });
  if (terms.isLoading) return <Loading />;
  if (!terms.data) return <RefusalAlert error={terms.error} />;
  const p = terms.data.terms;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="package">
      <Typography.Text type="secondary">{t('shipbuilding.illustrative')}</Typography.Text>
      <WageSurvey terms={p} />
      <Minimums terms={p} />
      <Grids terms={p} />
      <Clauses clauses={p.clauses} />
      {p.agreement && <AgreementTerms terms={p} />}
    </Space>
  );
}

function useTradeName(terms: Terms) {
  const { i18n } = useTranslation();
  const names = new Map<string, { nameZh: string; nameEn?: string | null }>();
  terms.survey?.trades.forEach((tr) => names.set(tr.trade, tr));
  terms.agreement?.trades.forEach((tr) => names.set(tr.trade, tr));
  return (trade: string) => {
    const n = names.get(trade);
    if (!n) return trade;
    return `${trade} ${i18n.language === 'en' ? (n.nameEn ?? n.nameZh) : n.nameZh}`;
  };
}

function WageSurvey({ terms }: { terms: Terms }) {
  const { t } = useTranslation();
  const name = useTradeName(terms);
  const s = terms.survey;
  return (
    <Card title={heading(t('shipbuilding.survey'))} data-testid="wage-survey">
      {s ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('shipbuilding.surveyIntro', { date: s.surveyedOn, source: s.source })}
          </Typography.Paragraph>
          <ScrollRegion label={t('shipbuilding.survey')}>
            <Table<SurveyedTrade>
              rowKey="trade"
              size="small"
              bordered
              pagination={false}
              dataSource={s.trades}
              columns={[
                { title: t('shipbuilding.trade'), key: 'trade', render: (_, r) => name(r.trade) },
                { title: t('shipbuilding.highest'), dataIndex: 'highest', align: 'right' },
                { title: t('shipbuilding.average'), dataIndex: 'average', align: 'right' },
                { title: t('shipbuilding.lowest'), dataIndex: 'lowest', align: 'right' },
                { title: t('shipbuilding.enterprises'), dataIndex: 'enterprises', align: 'right' },
                { title: t('shipbuilding.workers'), dataIndex: 'workers', align: 'right' },
              ]}
            />
          </ScrollRegion>
        </>
      ) : (
        <Empty description={t('shipbuilding.noSurvey')} />
      )}
    </Card>
  );
}

function Minimums({ terms }: { terms: Terms }) {
  const { t, i18n } = useTranslation();
  const name = useTradeName(terms);
  const rows = minimumRows(terms);
  const differs = (r: MinimumRow) => (r.differs ? { style: { background: DIFFERS } } : {});
  const amount = (v: string | null) => v ?? '—';
  const statutory = terms.statutoryMinimum;
  return (
    <Card title={heading(t('shipbuilding.minimums'))} data-testid="trade-minimums">
      <Typography.Paragraph>
        {statutory.monthlyYuan
          ? t('shipbuilding.statutory', { amount: statutory.monthlyYuan })
          : t('shipbuilding.statutoryNone')}
        {(['worker', 'employer'] as const).map((s) => {
          const at = terms.positions[s].tabledAt;
          return at ? (
            <span key={s}>
              {' · '}
              {t('shipbuilding.tabledAt', {
                side: t(`offers.${s}`),
                at: formatDateTime(at, i18n.language),
              })}
            </span>
          ) : null;
        })}
      </Typography.Paragraph>
      <ScrollRegion label={t('shipbuilding.minimums')}>
        <Table<MinimumRow>
          rowKey="trade"
          size="small"
          bordered
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t('shipbuilding.notTabled')} /> }}
          columns={[
            { title: t('shipbuilding.trade'), key: 'trade', render: (_, r) => name(r.trade) },
            {
              title: t('shipbuilding.previous'),
              dataIndex: 'previous',
              align: 'right',
              render: amount,
            },
            {
              title: t('shipbuilding.workerSide'),
              dataIndex: 'worker',
              align: 'right',
              onCell: differs,
              render: amount,
            },
            {
              title: t('shipbuilding.employerSide'),
              dataIndex: 'employer',
              align: 'right',
              onCell: differs,
              render: amount,
            },
            {
              title: t('shipbuilding.agreed'),
              dataIndex: 'agreed',
              align: 'right',
              render: (v: string | null) => (v ? <strong>{v}</strong> : '—'),
            },
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}

function Grids({ terms }: { terms: Terms }) {
  const { t } = useTranslation();
  const name = useTradeName(terms);
  const { rows, grades } = gridRows(terms);
  const sideLabel = (s: string) =>
    s === 'agreed' ? t('shipbuilding.agreed') : t(`shipbuilding.${s}Side`);
  return (
    <Card title={heading(t('shipbuilding.grids'))} data-testid="skill-grids">
      <ScrollRegion label={t('shipbuilding.grids')}>
        <Table
          rowKey="key"
          size="small"
          bordered
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t('shipbuilding.noGrid')} /> }}
          columns={[
            {
              title: t('shipbuilding.trade'),
              key: 'trade',
              onCell: (r, i) => {
                // One cell per trade over its rows (they are grouped by trade).
                const first = i === 0 || rows[(i ?? 0) - 1]?.trade !== r.trade;
                return { rowSpan: first ? rows.filter((x) => x.trade === r.trade).length : 0 };
              },
              render: (_, r) => name(r.trade),
            },
            { title: '', key: 'side', render: (_, r) => sideLabel(r.side) },
            ...grades.map((g) => ({
              title: t('shipbuilding.grade', { grade: g }),
              key: `g${g}`,
              align: 'right' as const,
              render: (_: unknown, r: (typeof rows)[number]) => r.allowances[g] ?? '—',
            })),
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}

function Clauses({ clauses }: { clauses: Clause[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={heading(t('shipbuilding.clauses'))} data-testid="clauses">
      <ScrollRegion label={t('shipbuilding.clauses')}>
        <Table<Clause>
          rowKey="clause"
          size="small"
          bordered
          pagination={false}
          dataSource={clauses}
          locale={{ emptyText: <Empty description={t('shipbuilding.noClauses')} /> }}
          columns={[
            {
              title: t('shipbuilding.clause'),
              dataIndex: 'clause',
              render: (c: Clause['clause']) => t(`shipbuilding.clause_${c}`),
            },
            {
              title: t('shipbuilding.status'),
              dataIndex: 'status',
              render: (s: Clause['status'], c) => (
                <span data-testid={`clause-${c.clause}`} data-status={s}>
                  <ToneTag tone={clauseTone(s)}>{t(`shipbuilding.status_${s}`)}</ToneTag>
                </span>
              ),
            },
            { title: t('shipbuilding.text'), key: 'text', render: (_, c) => c.terms.text },
            {
              title: t('shipbuilding.proposer'),
              dataIndex: 'proposer',
              render: (s: 'worker' | 'employer') => t(`offers.${s}`),
            },
            {
              title: t('shipbuilding.history'),
              key: 'history',
              render: (_, c) =>
                c.changes
                  .map(
                    (ch) =>
                      `${formatDateTime(ch.at, i18n.language)} ${t(`offers.${ch.side}`)} ${t(`shipbuilding.status_${ch.status}`)}`,
                  )
                  .join('；'),
            },
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}

function AgreementTerms({ terms }: { terms: Terms }) {
  const { t, i18n } = useTranslation();
  const name = useTradeName(terms);
  const a = terms.agreement!;
  const impact = a.payImpact;
  return (
    <Card
      title={heading(t('shipbuilding.agreement'))}
      extra={t('shipbuilding.agreedAt', { at: formatDateTime(a.agreedAt, i18n.language) })}
      data-testid="package-agreement"
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.text}</Typography.Paragraph>
      <ScrollRegion label={t('shipbuilding.agreement')}>
        <Table
          rowKey="trade"
          size="small"
          bordered
          pagination={false}
          dataSource={a.trades}
          columns={[
            { title: t('shipbuilding.trade'), key: 'trade', render: (_, r) => name(r.trade) },
            {
              title: t('shipbuilding.previous'),
              dataIndex: 'previousMinimum',
              align: 'right',
              render: (v: string | null) => v ?? '—',
            },
            { title: t('shipbuilding.agreed'), dataIndex: 'agreedMinimum', align: 'right' },
            {
              title: t('shipbuilding.change'),
              key: 'change',
              align: 'right',
              render: (_, r) =>
                r.change === null
                  ? '—'
                  : `${r.change}${r.changePercent ? ` (${r.changePercent}%)` : ''}`,
            },
            {
              title: t('shipbuilding.grids'),
              key: 'grid',
              render: (_, r) =>
                r.grid
                  .map(
                    (g) => `${t('shipbuilding.grade', { grade: g.grade })} ${g.monthlyAllowance}`,
                  )
                  .join('，'),
            },
          ]}
        />
      </ScrollRegion>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('shipbuilding.payImpact')}
      </Typography.Title>
      {impact ? (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('shipbuilding.totalMonthly')}>
              <span data-testid="pay-impact-monthly">{impact.totalMonthly}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('shipbuilding.totalYearly')}>
              {impact.totalYearly}
            </Descriptions.Item>
          </Descriptions>
          <ScrollRegion label={t('shipbuilding.payImpact')}>
            <Table<PayImpactTrade>
              style={{ marginTop: 8 }}
              rowKey="trade"
              size="small"
              bordered
              pagination={false}
              dataSource={impact.trades}
              columns={[
                { title: t('shipbuilding.trade'), key: 'trade', render: (_, r) => name(r.trade) },
                { title: t('shipbuilding.workers'), dataIndex: 'workers', align: 'right' },
                {
                  title: t('shipbuilding.totalMonthly'),
                  dataIndex: 'totalMonthly',
                  align: 'right',
                },
              ]}
            />
          </ScrollRegion>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {impact.basis}
          </Typography.Paragraph>
        </>
      ) : (
        <Typography.Paragraph type="secondary">
          {t('shipbuilding.payImpactNone')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
