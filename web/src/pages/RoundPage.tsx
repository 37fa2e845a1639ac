import { ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { historyQuery, useRound } from '../app/queries.js';
import { RefusalAlert } from '../app/refusal.js';
import { pick } from '../i18n/index.js';
import { Loading } from '../app/App.js';
import { useContractSchemas, useProcedure } from '../round/procedure.js';
import { RoundOverview } from '../round/RoundOverview.js';
import { prefetchOffersTab } from '../offers/offer-data.js';
import { industryScreens } from '../industries/registry.js';

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
  const queryClient = useQueryClient();
  const history = useInfiniteQuery(historyQuery(id));
  const procedure = useProcedure(round.data?.industryCode, round.data?.machine.version);
  const schemas = useContractSchemas();
  const [tabKey, setTabKey] = useState('overview');
  // Once per round opened, not per revision: a refresh refetches what a tab shows, and prefetching the
  // gap again on every new revision would download the largest read for a tab nobody opened.
  const loaded = round.data;
  const loadedId = loaded?.id;
  useEffect(() => {
    if (loaded) prefetchOffersTab(queryClient, loaded);
  }, [queryClient, loadedId]);
  if (round.isLoading) return <Loading />;
  if (!round.data) return <RefusalAlert error={round.error} />;
  const r = round.data;
  // What the round's industry adds (its own tabs and overview cards), by its code alone.
  const own = industryScreens(r.industryCode);
  const pages = history.data?.pages ?? [];
  const events = pages.flatMap((p) => p.items);
  const people = Object.assign(
    {},
    ...pages.map((p) => p.people),
  ) as (typeof pages)[number]['people'];
  const tab = (node: React.ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;
  const overview = (
    <>
      <RefusalAlert error={procedure.error ?? schemas.error} />
      <RoundOverview
        round={r}
        procedure={procedure.data}
        schemas={schemas.data}
        events={events}
        people={people}
        historyError={history.error}
        openTab={setTabKey}
        industryOverview={own.Overview ? <own.Overview round={r} /> : null}
      />
    </>
  );
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {r.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label={t('round.state')}>
          <Tag
            color={r.outcome === 'open' ? 'blue' : r.outcome === 'agreed' ? '#237804' : '#a8071a'}
          >
            {pick(r.description, i18n.language)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('rounds.year')}>{r.year}</Descriptions.Item>
        <Descriptions.Item label={t('round.revision')}>
          <span data-testid="revision">{r.revision}</span>{' '}
          <Button
            size="small"
            icon={<ReloadOutlined />}
            loading={round.isFetching}
            onClick={() => void queryClient.invalidateQueries({ queryKey: ['round', id] })}
          >
            {t('round.refresh')}
          </Button>
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        style={{ marginTop: 16 }}
        destroyOnHidden
        // Narrow gutters: the five tabs (six with an industry's own) fit a 375-pixel phone without an
        // overflow menu (whose button axe-core flags inside the tab list).
        tabBarGutter={own.tabs?.length ? 8 : 16}
        activeKey={tabKey}
        onChange={setTabKey}
        items={[
          { key: 'overview', label: t('round.overview'), children: overview },
          { key: 'offers', label: t('round.offers'), children: tab(<OffersTab round={r} />) },
          {
            key: 'convergence',
            label: t('round.convergence'),
            children: tab(<ConvergenceTab round={r} />),
          },
          ...(own.tabs ?? []).map(({ key, label, Component }) => ({
            key,
            label: t(label),
            children: tab(<Component round={r} />),
          })),
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
