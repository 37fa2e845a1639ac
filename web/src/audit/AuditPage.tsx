import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Result, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../app/App.js';
import { api, unwrap } from '../app/api.js';
import { pageWindow, serverPagination } from '../app/paging.js';
import { formatDateTime } from '../app/dates.js';
import { useRound } from '../app/queries.js';
import { RefusalAlert } from '../app/refusal.js';
import { ToneTag } from '../app/ToneTag.js';
import { hasRole, useSession } from '../app/session.js';
import type { components } from '../api/schema.js';
import { pick } from '../i18n/index.js';
import AgreementTab from './AgreementTab.js';
import { ChainCheck } from './ChainCheck.js';

type Summary = components['schemas']['NegotiationSummary'];
type HistoryEvent = components['schemas']['History']['items'][number];

// The auditor's view (/audit, auditors and labour officers): signed agreements, each with its history
// and the server's verification of its chain.
export default function AuditPage() {
  const { t } = useTranslation();
  const current = useSession();
  const { '*': rest = '' } = useParams();
  if (!hasRole(current, 'auditor', 'labourOfficer'))
    return (
      <Result
        status="403"
        title={<h1 style={{ fontSize: 22 }}>{t('app.forbidden')}</h1>}
        subTitle={t('audit.forbiddenHint')}
      />
    );
  const id = rest.split('/')[0];
  return id ? <AuditedRound id={id} /> : <SignedAgreements />;
}

function SignedAgreements() {
  const { t, i18n } = useTranslation();
  // Paged on the server: every industry's signed agreements of every year accumulate here.
  const [page, setPage] = useState(1);
  const rounds = useQuery({
    queryKey: ['rounds', 'agreed', page],
    queryFn: () =>
      unwrap(
        api.GET('/api/negotiations', {
          params: { query: { outcome: 'agreed', ...pageWindow(page) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('audit.signed')}</h2>}>
        <RefusalAlert error={rounds.error} />
        <Table<Summary>
          rowKey="id"
          size="small"
          loading={rounds.isLoading}
          dataSource={rounds.data?.items ?? []}
          pagination={serverPagination(page, rounds.data?.total, setPage, t, 'rounds.total')}
          scroll={{ x: true }}
          locale={{ emptyText: <Empty description={t('audit.none')} /> }}
          columns={[
            {
              title: t('audit.agreement'),
              dataIndex: 'title',
              render: (title: string, r) => <Link to={`/audit/${r.id}`}>{title}</Link>,
            },
            { title: t('rounds.year'), dataIndex: 'year' },
            { title: t('rounds.industry'), dataIndex: 'industryCode' },
            { title: t('rounds.region'), dataIndex: 'regionCode' },
            { title: t('audit.events'), dataIndex: 'revision' },
            {
              title: t('rounds.updatedAt'),
              dataIndex: 'updatedAt',
              render: (x: string) => formatDateTime(x, i18n.language),
            },
          ]}
        />
      </Card>
    </>
  );
}

function AuditedRound({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const round = useRound(id);
  const history = useInfiniteQuery({
    queryKey: ['round', id, 'history'],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/negotiations/{id}/history', {
          params: { path: { id }, query: { afterSeq: pageParam, limit: 500 } },
        }),
      ),
    getNextPageParam: (last) => last.page?.next ?? undefined,
  });
  if (round.isLoading) return <Loading />;
  if (!round.data) return <RefusalAlert error={round.error} />;
  const r = round.data;
  const people = Object.assign({}, ...(history.data?.pages.map((p) => p.people) ?? [])) as Record<
    string,
    { name: string | null; erased: boolean }
  >;
  const events = history.data?.pages.flatMap((p) => p.items) ?? [];
  const sender = (e: HistoryEvent) => {
    const person = e.actor.personId ? people[e.actor.personId] : undefined;
    const name = person ? (person.erased ? t('audit.erased') : person.name) : e.actor.memberRef;
    const side = e.actor.side ? t(`survey.${e.actor.side}`) : '';
    return [name, side, t(`audit.capacity.${e.actor.capacity}`)].filter(Boolean).join(' · ');
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <div>
        <Link to="/audit">{t('audit.backToList')}</Link>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 8 }}>
          {r.title}
        </Typography.Title>
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('round.state')}>
            <ToneTag tone={r.outcome === 'agreed' ? 'good' : 'info'}>
              {pick(r.description, i18n.language)}
            </ToneTag>
          </Descriptions.Item>
          <Descriptions.Item label={t('rounds.year')}>{r.year}</Descriptions.Item>
          <Descriptions.Item label={t('audit.signedOn')}>
            {r.agreement?.signedOn ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </div>
      <ChainCheck roundId={r.id} />
      <AgreementTab round={r} />
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('round.history')}</h2>}>
        <RefusalAlert error={history.error} />
        <Table<HistoryEvent>
          rowKey="seq"
          size="small"
          loading={history.isLoading}
          dataSource={events}
          pagination={{ pageSize: 25 }}
          scroll={{ x: true }}
          columns={[
            { title: '#', dataIndex: 'seq', width: 60 },
            {
              title: t('admin.log.when'),
              dataIndex: 'occurredAt',
              render: (x: string) => formatDateTime(x, i18n.language),
            },
            { title: t('audit.event'), dataIndex: 'type' },
            { title: t('audit.sender'), key: 'actor', render: (_, e) => sender(e) },
            { title: t('audit.stateAfter'), dataIndex: 'stateAfter' },
            {
              title: t('admin.log.hash'),
              dataIndex: 'hash',
              render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text>,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
