import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Result,
  Space,
  Table,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../app/App.js';
import { api, unwrap } from '../app/api.js';
import { todayInChina } from '../app/dates.js';
import { useRound } from '../app/queries.js';
import { RefusalAlert } from '../app/refusal.js';
import { ToneTag } from '../app/ToneTag.js';
import { hasRole, useSession } from '../app/session.js';
import { idempotencyKey } from '../api/client.js';
import type { components } from '../api/schema.js';
import { processLabel, useProcessNames } from './survey-queries.js';

type Statistics = components['schemas']['SurveyStatistics'];
type ProcessStatistics = components['schemas']['ProcessStatistics'];
type SideStatistics = components['schemas']['SideStatistics'];

const RATE = /^\d{1,8}(\.\d{1,4})?$/;

// A rate survey (工价征求表, ADR 0011/0015): a representative of either side quotes rates once,
// anonymously, process by process, on a phone; the union chair closes it, and only then the figures
// per side appear, none for a side with fewer than k answers.
export default function SurveyPage() {
  const { surveyId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const current = useSession();
  const stats = useQuery({
    queryKey: ['survey', surveyId],
    queryFn: () =>
      unwrap(api.GET('/api/surveys/{surveyId}/statistics', { params: { path: { surveyId } } })),
  });
  const round = useRound(stats.data?.negotiationId ?? '');
  const names = useProcessNames(round.data?.industryCode, round.data?.catalogVersion);
  if (stats.isLoading) return <Loading />;
  if (!stats.data) return <RefusalAlert error={stats.error} />;
  const s = stats.data;
  const sides = round.data?.yourSides ?? [];
  const mayAnswer = s.status === 'open' && sides.length === 1;
  const isChair = hasRole(current, 'unionChair') && sides.includes('worker');
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 960 }} size={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, marginBottom: 4 }}>
          {t('survey.title')}
        </Typography.Title>
        {round.data && <Link to={`/rounds/${round.data.id}`}>{round.data.title}</Link>}
      </div>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('survey.status')}>
          <ToneTag tone={s.status === 'open' ? 'info' : 'neutral'}>
            {t(`survey.${s.status}`)}
          </ToneTag>
        </Descriptions.Item>
        <Descriptions.Item label={t('survey.openedOn')}>{s.openedOn}</Descriptions.Item>
        <Descriptions.Item label={t('survey.respondents')}>{s.respondents}</Descriptions.Item>
      </Descriptions>
      {mayAnswer && (
        <AnswerForm survey={s} label={(code) => processLabel(names.data, code, i18n.language)} />
      )}
      {s.status === 'open' && !mayAnswer && round.data && (
        <Alert type="info" showIcon role="status" title={t('survey.notARepresentative')} />
      )}
      <StatisticsCard
        survey={s}
        isChair={isChair}
        label={(code) => processLabel(names.data, code, i18n.language)}
      />
    </Space>
  );
}

function AnswerForm({ survey, label }: { survey: Statistics; label: (code: string) => string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const answer = useMutation({
    mutationFn: (values: Record<string, string | undefined>) =>
      unwrap(
        api.POST('/api/surveys/{surveyId}/responses', {
          params: { header: idempotencyKey(), path: { surveyId: survey.id } },
          body: {
            quotes: survey.processCodes
              .filter((code) => values[code]?.trim())
              .map((code) => ({ processCode: code, rate: values[code]!.trim() })),
          },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['survey', survey.id] }),
  });
  if (answer.data)
    return (
      <Result
        status="success"
        title={t('survey.thanks')}
        subTitle={t('survey.accepted', { count: answer.data.accepted })}
      />
    );
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('survey.yourQuotes')}</h2>}>
      <Typography.Paragraph type="secondary">{t('survey.anonymityHint')}</Typography.Paragraph>
      <Form
        layout="vertical"
        onFinish={(v: Record<string, string | undefined>) => answer.mutate(v)}
        requiredMark={false}
      >
        {survey.processCodes.map((code) => (
          <Form.Item
            key={code}
            name={code}
            label={label(code)}
            rules={[{ pattern: RATE, message: t('survey.rateFormat') }]}
          >
            <Input inputMode="decimal" suffix={t('survey.yuan')} placeholder="0.0000" />
          </Form.Item>
        ))}
        <RefusalAlert error={answer.error} />
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={answer.isPending}
          style={{ marginTop: 12 }}
        >
          {t('survey.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function StatisticsCard({
  survey,
  isChair,
  label,
}: {
  survey: Statistics;
  isChair: boolean;
  label: (code: string) => string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const close = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/surveys/{surveyId}/close', {
          params: { header: idempotencyKey(), path: { surveyId: survey.id } },
          body: { closedOn: todayInChina() },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['survey', survey.id] }),
  });
  const side = (which: 'worker' | 'employer') => ({
    title: t(`survey.${which}`),
    children: [
      {
        title: t('survey.count'),
        key: `${which}-count`,
        render: (_: unknown, p: ProcessStatistics) => p[which].count,
      },
      ...(['low', 'median', 'high', 'mean'] as const).map((k) => ({
        title: t(`survey.${k}`),
        key: `${which}-${k}`,
        render: (_: unknown, p: ProcessStatistics) => figure(p[which], k),
      })),
    ],
  });
  const figure = (s: SideStatistics, k: 'low' | 'median' | 'high' | 'mean') =>
    s.suppressed ? (
      <Typography.Text type="secondary">{t('survey.suppressed')}</Typography.Text>
    ) : (
      s[k]
    );
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('survey.statistics')}</h2>}
      data-testid="survey-statistics"
      extra={
        isChair && survey.status === 'open' ? (
          <Popconfirm title={t('survey.closeConfirm')} onConfirm={() => close.mutate()}>
            <Button danger loading={close.isPending}>
              {t('survey.close')}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      <RefusalAlert error={close.error} />
      {survey.status === 'open' ? (
        <>
          <Typography.Paragraph>
            {t('survey.answeredBySide', {
              worker: survey.respondentsBySide?.worker ?? 0,
              employer: survey.respondentsBySide?.employer ?? 0,
            })}
          </Typography.Paragraph>
          <Alert
            type="info"
            showIcon
            role="status"
            title={t('survey.withheldWhileOpen', { k: survey.minQuotes })}
          />
        </>
      ) : (
        <>
          <Typography.Paragraph>
            {t('survey.closedOn', { date: survey.closedOn, k: survey.minQuotes })}
          </Typography.Paragraph>
          <Table<ProcessStatistics>
            rowKey="processCode"
            size="small"
            bordered
            pagination={false}
            scroll={{ x: true }}
            dataSource={survey.processes}
            columns={[
              {
                title: t('survey.process'),
                dataIndex: 'processCode',
                fixed: 'left',
                render: (code: string) => label(code),
              },
              side('worker'),
              side('employer'),
              {
                title: t('survey.gap'),
                key: 'gap',
                render: (_, p) =>
                  p.gap
                    ? `${p.gap.absolute}${p.gap.percent !== null ? ` (${p.gap.percent}%)` : ''}`
                    : '—',
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
