import { useInfiniteQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Row, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../app/api.js';
import { DaysLeft } from '../app/DaysLeft.js';
import { formatDateTime } from '../app/dates.js';
import { useRound } from '../app/queries.js';
import { RefusalAlert } from '../app/refusal.js';
import { pick } from '../i18n/index.js';
import { Loading } from '../app/App.js';

// Each tab is its own chunk: the offers (2,106 lines) and the charts load when opened.
const OffersTab = lazy(() => import('../offers/OffersTab.js'));
const ConvergenceTab = lazy(() => import('../offers/ConvergenceTab.js'));
const CaucusTab = lazy(() => import('../round/CaucusTab.js'));
const AgreementTab = lazy(() => import('../audit/AgreementTab.js'));

// A round: where it stands in plain language, its deadlines, its history, and what I may do now.
export default function RoundPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const round = useRound(id);
  const history = useInfiniteQuery({
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
  if (round.isLoading) return <Loading />;
  if (!round.data) return <RefusalAlert error={round.error} />;
  const r = round.data;
  const events = history.data?.pages.flatMap((p) => p.items) ?? [];
  const tab = (node: React.ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;
  const overview = (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('round.mayDoNow')}</h2>}>
          {r.youMaySend.length === 0 ? (
            <Empty description={t('round.nothingToDo')} />
          ) : (
            <ul data-testid="may-send">
              {r.youMaySend.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </Card>
        <Card
          style={{ marginTop: 16 }}
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('round.deadlines')}</h2>}
        >
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={r.deadlines}
            columns={[
              { title: t('myWork.rule'), dataIndex: 'rule' },
              {
                title: t('myWork.dueOn'),
                dataIndex: 'dueOn',
                render: (dueOn: string, d) => (
                  <>
                    {dueOn} <DaysLeft dueOn={dueOn} status={d.status} />
                  </>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('round.history')}</h2>}>
          <RefusalAlert error={history.error} />
          <Timeline
            items={events.map((e) => ({
              key: e.seq,
              content: (
                <>
                  <Typography.Text strong>{e.type}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">
                    #{e.seq} · {formatDateTime(e.occurredAt, i18n.language)}
                  </Typography.Text>
                </>
              ),
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {r.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label={t('round.state')}>
          <Tag color={r.outcome === 'open' ? 'blue' : r.outcome === 'agreed' ? 'green' : 'red'}>
            {pick(r.description, i18n.language)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('rounds.year')}>{r.year}</Descriptions.Item>
        <Descriptions.Item label={t('round.revision')}>{r.revision}</Descriptions.Item>
      </Descriptions>
      <Tabs
        style={{ marginTop: 16 }}
        destroyOnHidden
        items={[
          { key: 'overview', label: t('round.overview'), children: overview },
          { key: 'offers', label: t('round.offers'), children: tab(<OffersTab round={r} />) },
          {
            key: 'convergence',
            label: t('round.convergence'),
            children: tab(<ConvergenceTab round={r} />),
          },
          { key: 'caucus', label: t('round.caucus'), children: tab(<CaucusTab round={r} />) },
          {
            key: 'agreement',
            label: t('round.agreement'),
            children: tab(<AgreementTab round={r} />),
          },
        ]}
      />
    </>
  );
}
