import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../app/App.js';
import { api, unwrap } from '../app/api.js';
import { todayInChina } from '../app/dates.js';
import { ScrollRegion } from '../app/ScrollRegion.js';
import { RefusalAlert } from '../app/refusal.js';
import { ToneTag } from '../app/ToneTag.js';
import { hasRole, useSession } from '../app/session.js';
import { idempotencyKey } from '../api/client.js';
import type { components } from '../api/schema.js';
import type { RoundView } from '../round/round-types.js';
import { processLabel, useProcessNames } from './survey-queries.js';

type Summary = components['schemas']['EnterpriseSurveySummary'];
type Statistics = components['schemas']['EnterpriseSurveyStatistics'];
type Figures = components['schemas']['FigureStatistics'];

const RATE = /^\d{1,8}(\.\d{1,4})?$/;
const heading = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

// The enterprise rate survey (ADR 0036, a kernel feature a procedure may use): the union chair opens
// one for the round, records what each enterprise pays per item (sealed at once: the form it is typed
// into is the only screen it ever appears on), and closes it; then everyone in the round sees the
// high / median / low / mean per item, overall and by type of enterprise, none where fewer than k
// enterprises answered.
export default function EnterpriseSurveyTab({ round }: { round: RoundView }) {
  const { t, i18n } = useTranslation();
  const names = useProcessNames(round.industryCode, round.catalogVersion);
  const list = useQuery({
    queryKey: ['round', round.id, 'enterprise-surveys'],
    queryFn: () =>
      unwrap(
        api.GET('/api/negotiations/{id}/enterprise-surveys', {
          params: { path: { id: round.id } },
        }),
      ),
  });
  // The union chair records for the mediation committee (the API refuses anyone else).
  const isUnionChief = hasRole(useSession(), 'unionChair') && round.yourSides.includes('worker');
  const label = (code: string) => processLabel(names.data, code, i18n.language);
  if (list.isLoading) return <Loading />;
  const surveys = [...(list.data?.items ?? [])].sort((a, b) => (a.openedOn < b.openedOn ? 1 : -1));
  return (
    <Space
      orientation="vertical"
      size={16}
      style={{ width: '100%' }}
      data-testid="enterprise-surveys"
    >
      <RefusalAlert error={list.error} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('enterpriseSurvey.intro', { k: surveys[0]?.minEnterprises ?? 3 })}{' '}
        {t('enterpriseSurvey.illustrative')}
      </Typography.Paragraph>
      {isUnionChief && round.outcome === 'open' && (
        <OpenSurvey round={round} options={names.data} label={label} />
      )}
      {surveys.length === 0 ? (
        <Empty description={t('enterpriseSurvey.none')} />
      ) : (
        surveys.map((s) => (
          <SurveyCard
            key={s.id}
            survey={s}
            roundId={round.id}
            mayRecord={isUnionChief}
            label={s.itemKind === 'process' ? label : (code) => code}
          />
        ))
      )}
    </Space>
  );
}

function OpenSurvey({
  round,
  options,
  label,
}: {
  round: RoundView;
  options: Map<string, unknown> | undefined;
  label: (code: string) => string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [codes, setCodes] = useState<string[]>([]);
  const open = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/negotiations/{id}/enterprise-surveys', {
          params: { header: idempotencyKey(), path: { id: round.id } },
          body: { itemKind: 'process', itemCodes: codes, openedOn: todayInChina() },
        }),
      ),
    onSuccess: () => {
      setCodes([]);
      void client.invalidateQueries({ queryKey: ['round', round.id, 'enterprise-surveys'] });
    },
  });
  return (
    <Card title={heading(t('enterpriseSurvey.openNew'))} size="small">
      <Space.Compact style={{ width: '100%' }}>
        <Select
          mode="multiple"
          aria-label={t('enterpriseSurvey.chooseItems')}
          placeholder={t('enterpriseSurvey.chooseItems')}
          style={{ width: '100%' }}
          value={codes}
          onChange={setCodes}
          optionFilterProp="label"
          options={[...(options?.keys() ?? [])].map((code) => ({
            value: code,
            label: label(code),
          }))}
        />
        <Button
          type="primary"
          disabled={codes.length === 0}
          loading={open.isPending}
          onClick={() => open.mutate()}
        >
          {t('enterpriseSurvey.openSubmit')}
        </Button>
      </Space.Compact>
      <RefusalAlert error={open.error} />
    </Card>
  );
}

function SurveyCard({
  survey,
  roundId,
  mayRecord,
  label,
}: {
  survey: Summary;
  roundId: string;
  mayRecord: boolean;
  label: (code: string) => string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const stats = useQuery({
    // Keyed by its status too: when the round's list (refreshed with the round) shows it closed, the
    // statistics are read again rather than kept from while it was open.
    queryKey: ['enterprise-survey', survey.id, survey.status],
    queryFn: () =>
      unwrap(
        api.GET('/api/enterprise-surveys/{surveyId}/statistics', {
          params: { path: { surveyId: survey.id } },
        }),
      ),
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['enterprise-survey', survey.id] });
    void client.invalidateQueries({ queryKey: ['round', roundId, 'enterprise-surveys'] });
  };
  const close = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/enterprise-surveys/{surveyId}/close', {
          params: { header: idempotencyKey(), path: { surveyId: survey.id } },
          body: { closedOn: todayInChina() },
        }),
      ),
    onSuccess: refresh,
  });
  const s = stats.data;
  return (
    <Card
      title={heading(t('enterpriseSurvey.of', { date: survey.openedOn }))}
      data-testid={`enterprise-survey-${survey.status}`}
      extra={
        mayRecord && survey.status === 'open' ? (
          <Popconfirm title={t('enterpriseSurvey.closeConfirm')} onConfirm={() => close.mutate()}>
            <Button danger loading={close.isPending}>
              {t('enterpriseSurvey.close')}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      <Descriptions size="small" bordered column={{ xs: 1, md: 4 }}>
        <Descriptions.Item label={t('enterpriseSurvey.status')}>
          <ToneTag tone={survey.status === 'open' ? 'info' : 'neutral'}>
            {t(`enterpriseSurvey.${survey.status}`)}
          </ToneTag>
        </Descriptions.Item>
        <Descriptions.Item label={t('enterpriseSurvey.openedOn')}>
          {survey.openedOn}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterpriseSurvey.items')}>{survey.items}</Descriptions.Item>
        <Descriptions.Item label={t('enterpriseSurvey.enterprises')}>
          <span data-testid="enterprise-count">{survey.enterprises}</span>
        </Descriptions.Item>
      </Descriptions>
      <RefusalAlert error={close.error ?? stats.error} />
      {mayRecord && survey.status === 'open' && s && (
        <Collapse
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'record',
              label: t('enterpriseSurvey.record'),
              children: <RecordEnterprise survey={s} label={label} onRecorded={refresh} />,
            },
          ]}
        />
      )}
      {s && <StatisticsTable survey={s} label={label} />}
    </Card>
  );
}

// The only screen an enterprise's own figures appear on: typed in, sent, and the form emptied.
function RecordEnterprise({
  survey,
  label,
  onRecorded,
}: {
  survey: Statistics;
  label: (code: string) => string;
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [saved, setSaved] = useState<number | null>(null);
  const record = useMutation({
    mutationFn: (v: Record<string, string | undefined>) => {
      const figures = survey.itemCodes
        .filter((code) => v[`item:${code}`]?.trim())
        .map((code) => ({ itemCode: code, value: v[`item:${code}`]!.trim() }));
      return unwrap(
        api.POST('/api/enterprise-surveys/{surveyId}/enterprises', {
          params: { header: idempotencyKey(), path: { surveyId: survey.id } },
          body: {
            enterprise: { name: v.enterpriseName!.trim() },
            enterpriseType: v.enterpriseType!.trim(),
            figures,
          },
        }),
      );
    },
    onSuccess: (answer) => {
      form.resetFields();
      setSaved(answer.recorded);
      onRecorded();
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(v: Record<string, string | undefined>) => {
        setSaved(null);
        record.mutate(v);
      }}
      data-testid="record-enterprise"
    >
      <Typography.Paragraph type="secondary">
        {t('enterpriseSurvey.recordHint')}
      </Typography.Paragraph>
      <Form.Item
        name="enterpriseName"
        label={t('enterpriseSurvey.enterpriseName')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('enterpriseSurvey.enterpriseNameRequired'),
          },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="enterpriseType"
        label={t('enterpriseSurvey.enterpriseType')}
        extra={t('enterpriseSurvey.enterpriseTypeHint')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('enterpriseSurvey.enterpriseTypeRequired'),
          },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      {survey.itemCodes.map((code) => (
        <Form.Item
          key={code}
          name={`item:${code}`}
          label={label(code)}
          rules={[{ pattern: RATE, message: t('enterpriseSurvey.rateFormat') }]}
        >
          <Input inputMode="decimal" suffix={t('enterpriseSurvey.yuan')} placeholder="0.0000" />
        </Form.Item>
      ))}
      <RefusalAlert error={record.error} />
      {saved !== null && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('enterpriseSurvey.saved', { count: saved })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Button type="primary" htmlType="submit" loading={record.isPending}>
        {t('enterpriseSurvey.save')}
      </Button>
    </Form>
  );
}

interface StatRow {
  key: string;
  item: string;
  group: string;
  first: boolean;
  span: number;
  figures: Figures | null;
  withheld?: string;
}

function StatisticsTable({
  survey,
  label,
}: {
  survey: Statistics;
  label: (code: string) => string;
}) {
  const { t } = useTranslation();
  if (survey.status === 'open')
    return (
      <Alert
        style={{ marginTop: 16 }}
        type="info"
        showIcon
        role="status"
        title={t('enterpriseSurvey.withheldWhileOpen')}
      />
    );
  // One row for all enterprises, then one per type of enterprise (or one saying why there are none).
  const rows: StatRow[] = survey.items.flatMap((it) => {
    const byType: StatRow[] = it.byType
      ? it.byType.map((g) => ({
          key: `${it.itemCode}:${g.enterpriseType}`,
          item: it.itemCode,
          group: g.enterpriseType,
          first: false,
          span: 0,
          figures: g.statistics,
        }))
      : it.overall.suppressed
        ? []
        : [
            {
              key: `${it.itemCode}:withheld`,
              item: it.itemCode,
              group: '',
              first: false,
              span: 0,
              figures: null,
              withheld: t('enterpriseSurvey.byTypeWithheld', { k: survey.minEnterprises }),
            },
          ];
    return [
      {
        key: it.itemCode,
        item: it.itemCode,
        group: t('enterpriseSurvey.allEnterprises'),
        first: true,
        span: 1 + byType.length,
        figures: it.overall,
      },
      ...byType,
    ];
  });
  const figure = (k: 'high' | 'median' | 'low' | 'mean') => ({
    title: t(`enterpriseSurvey.${k}`),
    key: k,
    align: 'right' as const,
    onCell: (r: StatRow) =>
      r.withheld || r.figures?.suppressed ? { colSpan: k === 'high' ? 4 : 0 } : {},
    render: (_: unknown, r: StatRow) =>
      r.withheld ? (
        <Typography.Text type="secondary">{r.withheld}</Typography.Text>
      ) : r.figures?.suppressed ? (
        <Typography.Text type="secondary" data-testid="too-few">
          {t('enterpriseSurvey.tooFew')}
        </Typography.Text>
      ) : (
        r.figures?.[k]
      ),
  });
  return (
    <>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        <strong>{t('enterpriseSurvey.statistics')}</strong> ·{' '}
        {t('enterpriseSurvey.closedNote', { date: survey.closedOn, k: survey.minEnterprises })}
      </Typography.Paragraph>
      <ScrollRegion label={t('enterpriseSurvey.statistics')}>
        <Table<StatRow>
          data-testid="enterprise-statistics"
          rowKey="key"
          size="small"
          bordered
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: t('enterpriseSurvey.item'),
              key: 'item',
              onCell: (r) => ({ rowSpan: r.first ? r.span : 0 }),
              render: (_, r) => label(r.item),
            },
            { title: t('enterpriseSurvey.group'), dataIndex: 'group' },
            {
              title: t('enterpriseSurvey.count'),
              key: 'count',
              align: 'right',
              render: (_, r) => r.figures?.count ?? '',
            },
            figure('high'),
            figure('median'),
            figure('low'),
            figure('mean'),
          ]}
        />
      </ScrollRegion>
    </>
  );
}
