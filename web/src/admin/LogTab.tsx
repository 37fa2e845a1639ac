import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../app/api.js';
import { formatDateTime } from '../app/dates.js';
import { RefusalAlert } from '../app/refusal.js';
import type { components } from '../api/schema.js';
import { SectionTitle, useAccounts } from './common.js';

type Entry = components['schemas']['AdministrationLogEntry'];

// The administration log: every administrative write as a past-tense fact with ids only, hash-chained
// (ADR 0022); the server re-computes the chain on request and says where it first breaks.
export function LogTab() {
  const { t, i18n } = useTranslation();
  const accounts = useAccounts();
  const log = useInfiniteQuery({
    queryKey: ['administration-log'],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/administration/log', {
          params: { query: { afterSeq: pageParam, limit: 500 } },
        }),
      ),
    getNextPageParam: (last) => last.page?.next ?? undefined,
  });
  const verify = useMutation({
    mutationFn: () => unwrap(api.GET('/api/administration/log/verify')),
  });
  const entries = (log.data?.pages.flatMap((p) => p.items) ?? []).slice().reverse();
  const who = (id: string | null) =>
    id === null
      ? t('admin.log.system')
      : (accounts.data?.find((a) => a.id === id)?.username ?? id.slice(0, 8));
  const v = verify.data;
  return (
    <Card
      title={<SectionTitle>{t('admin.log.title')}</SectionTitle>}
      extra={
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('admin.log.verify')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <RefusalAlert error={log.error ?? verify.error} />
        {v &&
          (v.valid ? (
            <Alert
              type="success"
              showIcon
              role="status"
              data-testid="log-chain"
              title={t('admin.log.chainOk', { count: v.entries })}
              description={<Typography.Text code>{v.headHash}</Typography.Text>}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="log-chain"
              title={t('admin.log.chainBroken', {
                seq: v.firstBreak?.seq,
                problem: t(`audit.problem.${v.firstBreak?.problem ?? 'gap'}`),
              })}
            />
          ))}
        <Table<Entry>
          rowKey="seq"
          size="small"
          loading={log.isLoading}
          dataSource={entries}
          pagination={{ pageSize: 25 }}
          scroll={{ x: true }}
          columns={[
            { title: '#', dataIndex: 'seq', width: 60 },
            {
              title: t('admin.log.when'),
              dataIndex: 'occurredAt',
              render: (x: string) => formatDateTime(x, i18n.language),
            },
            { title: t('admin.log.actor'), dataIndex: 'actorAccountId', render: who },
            { title: t('admin.log.action'), dataIndex: 'action' },
            {
              title: t('admin.log.subject'),
              key: 'subject',
              render: (_, e) => `${e.subject.type} ${e.subject.id.slice(0, 12)}`,
            },
            {
              title: t('admin.log.hash'),
              dataIndex: 'hash',
              render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text>,
            },
          ]}
        />
        {log.hasNextPage && (
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('admin.more')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
