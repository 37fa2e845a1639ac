import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../app/api.js';
import { pageWindow, serverPagination } from '../app/paging.js';
import { formatDateTime } from '../app/dates.js';
import { useIndustries } from '../app/queries.js';
import { RefusalAlert } from '../app/refusal.js';
import { pick } from '../i18n/index.js';

const OUTCOME_COLOR = { open: 'blue', agreed: 'green', failed: 'red' } as const;

// Every round I may see, by industry, year and outcome; the filters live in the address, so a
// filtered list can be bookmarked and a reload keeps it.
export default function RoundsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const industry = params.get('industry') ?? undefined;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const outcome = (params.get('outcome') ?? undefined) as 'open' | 'agreed' | 'failed' | undefined;
  const page = Number(params.get('page') ?? '1');
  const industries = useIndustries();
  const rounds = useQuery({
    queryKey: ['rounds', industry, year, outcome, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/negotiations', {
          params: { query: { industry, year, outcome, ...pageWindow(page) } },
        }),
      ),
  });
  // The state in plain language, from the procedure each round follows (a few versions, cached).
  const versions = [
    ...new Set((rounds.data?.items ?? []).map((r) => `${r.industryCode}@${r.machineVersion}`)),
  ];
  const procedures = useQueries({
    queries: versions.map((v) => {
      const [code, version] = v.split('@');
      return {
        queryKey: ['procedure', code, Number(version)],
        staleTime: Infinity,
        queryFn: () =>
          unwrap(
            api.GET('/api/industries/{code}/procedure', {
              params: { path: { code }, query: { version: Number(version) } },
            }),
          ),
      };
    }),
  });
  const stateText = (r: { industryCode: string; machineVersion: number; state: string }) => {
    const procedure = procedures[versions.indexOf(`${r.industryCode}@${r.machineVersion}`)]?.data;
    const state = procedure?.states.find((s) => s.id === r.state);
    return state ? pick(state.description, i18n.language) : r.state;
  };
  const set = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    if (key !== 'page') next.delete('page');
    setParams(next);
  };
  const industryName = (code: string) => {
    const found = industries.data?.find((i) => i.code === code);
    return found ? (i18n.language === 'en' ? (found.nameEn ?? found.code) : found.nameZh) : code;
  };
  const thisYear = new Date().getFullYear();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('rounds.title')}
      </Typography.Title>
      <RefusalAlert error={rounds.error} />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('rounds.industry')}
            style={{ minWidth: 160 }}
            allowClear
            placeholder={t('rounds.industry')}
            value={industry}
            onChange={(v) => set('industry', v)}
            options={(industries.data ?? []).map((i) => ({
              value: i.code,
              label: industryName(i.code),
            }))}
          />
          <Select
            aria-label={t('rounds.year')}
            style={{ minWidth: 110 }}
            allowClear
            placeholder={t('rounds.year')}
            value={year}
            onChange={(v) => set('year', v)}
            options={Array.from({ length: 6 }, (_, i) => thisYear + 1 - i).map((y) => ({
              value: y,
              label: y,
            }))}
          />
          <Select
            aria-label={t('rounds.outcome')}
            style={{ minWidth: 130 }}
            allowClear
            placeholder={t('rounds.outcome')}
            value={outcome}
            onChange={(v) => set('outcome', v)}
            options={(['open', 'agreed', 'failed'] as const).map((o) => ({
              value: o,
              label: t(`rounds.${o}`),
            }))}
          />
        </Space>
        <Table
          rowKey="id"
          size="small"
          loading={rounds.isLoading}
          dataSource={rounds.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('rounds.empty')} /> }}
          pagination={serverPagination(
            page,
            rounds.data?.total,
            (p) => set('page', p),
            t,
            'rounds.total',
          )}
          columns={[
            {
              title: t('myWork.round'),
              dataIndex: 'title',
              render: (title: string, r) => <Link to={`/rounds/${r.id}`}>{title}</Link>,
            },
            { title: t('rounds.industry'), dataIndex: 'industryCode', render: industryName },
            { title: t('rounds.year'), dataIndex: 'year' },
            { title: t('rounds.region'), dataIndex: 'regionCode' },
            {
              title: t('rounds.state'),
              dataIndex: 'state',
              render: (state: string, r) => <span data-state={state}>{stateText(r)}</span>,
            },
            {
              title: t('rounds.outcome'),
              dataIndex: 'outcome',
              render: (o: keyof typeof OUTCOME_COLOR) => (
                <Tag color={OUTCOME_COLOR[o]}>{t(`rounds.${o}`)}</Tag>
              ),
            },
            {
              title: t('rounds.updatedAt'),
              dataIndex: 'updatedAt',
              render: (at: string) => formatDateTime(at, i18n.language),
            },
          ]}
        />
      </Card>
    </>
  );
}
