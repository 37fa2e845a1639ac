import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../app/api.js';
import { todayInChina } from '../app/dates.js';
import { useOpenRounds } from '../app/queries.js';
import { RefusalAlert } from '../app/refusal.js';
import { ToneTag } from '../app/ToneTag.js';
import { hasRole, useSession } from '../app/session.js';
import { idempotencyKey } from '../api/client.js';
import type { components } from '../api/schema.js';
import type { RoundView } from '../round/round-types.js';
import { processLabel, useProcessNames } from './survey-queries.js';

type Survey = components['schemas']['SurveySummary'];

// The rate surveys of my open rounds: where a representative finds the one to answer, and where the
// union chair opens a new one.
export default function SurveyListPage() {
  const { t } = useTranslation();
  const rounds = useOpenRounds();
  const list = rounds.data ?? [];
  const surveys = useQueries({
    queries: list.map((r) => ({
      queryKey: ['surveys', r.id],
      queryFn: async () =>
        (
          await unwrap(
            api.GET('/api/negotiations/{id}/surveys', { params: { path: { id: r.id } } }),
          )
        ).items,
    })),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('survey.listTitle')}
      </Typography.Title>
      <RefusalAlert error={rounds.error} />
      {!rounds.isLoading && list.length === 0 && <Empty description={t('survey.noRounds')} />}
      {list.map((r, i) => (
        <RoundSurveys key={r.id} round={r} surveys={surveys[i]?.data} error={surveys[i]?.error} />
      ))}
    </Space>
  );
}

function RoundSurveys({
  round,
  surveys,
  error,
}: {
  round: RoundView;
  surveys: Survey[] | undefined;
  error: unknown;
}) {
  const { t } = useTranslation();
  const isChair = hasRole(useSession(), 'unionChair') && round.yourSides.includes('worker');
  const [opening, setOpening] = useState(false);
  return (
    <Card
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>
          <Link to={`/rounds/${round.id}`}>{round.title}</Link>
        </h2>
      }
      extra={
        isChair && !opening ? (
          <Button onClick={() => setOpening(true)}>{t('survey.openNew')}</Button>
        ) : null
      }
    >
      <RefusalAlert error={error} />
      <Table<Survey>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={surveys ?? []}
        loading={!surveys && !error}
        locale={{ emptyText: <Empty description={t('survey.none')} /> }}
        columns={[
          {
            title: t('survey.openedOn'),
            dataIndex: 'openedOn',
            render: (d: string, s) => (
              <Link to={`/surveys/${s.id}`}>{t('survey.of', { date: d })}</Link>
            ),
          },
          {
            title: t('survey.status'),
            dataIndex: 'status',
            render: (st: Survey['status']) => (
              <ToneTag tone={st === 'open' ? 'info' : 'neutral'}>{t(`survey.${st}`)}</ToneTag>
            ),
          },
          { title: t('survey.processes'), dataIndex: 'processes' },
          { title: t('survey.respondents'), dataIndex: 'respondents' },
        ]}
      />
      {opening && <OpenSurvey round={round} onDone={() => setOpening(false)} />}
    </Card>
  );
}

function OpenSurvey({ round, onDone }: { round: RoundView; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const names = useProcessNames(round.industryCode, round.catalogVersion);
  const open = useMutation({
    mutationFn: (v: { processCodes: string[] }) =>
      unwrap(
        api.POST('/api/negotiations/{id}/surveys', {
          params: { header: idempotencyKey(), path: { id: round.id } },
          body: { processCodes: v.processCodes, openedOn: todayInChina() },
        }),
      ),
    onSuccess: (s) => {
      void client.invalidateQueries({ queryKey: ['surveys', round.id] });
      onDone();
      void navigate(`/surveys/${s.id}`);
    },
  });
  return (
    <Form
      layout="vertical"
      style={{ marginTop: 16, maxWidth: 640 }}
      onFinish={(v: { processCodes: string[] }) => open.mutate(v)}
    >
      <Form.Item
        name="processCodes"
        label={t('survey.chooseProcesses')}
        rules={[{ required: true, message: t('survey.chooseProcesses') }]}
      >
        <Select
          mode="multiple"
          showSearch
          optionFilterProp="label"
          options={[...(names.data?.keys() ?? [])].map((code) => ({
            value: code,
            label: processLabel(names.data, code, i18n.language),
          }))}
        />
      </Form.Item>
      <RefusalAlert error={open.error} />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" htmlType="submit" loading={open.isPending}>
          {t('survey.openSubmit')}
        </Button>
        <Button onClick={onDone}>{t('round.cancel')}</Button>
      </Space>
    </Form>
  );
}
