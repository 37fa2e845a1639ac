import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Row,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema.js';
import { DaysLeft } from '../app/DaysLeft.js';
import { formatDateTime } from '../app/dates.js';
import { RefusalAlert } from '../app/refusal.js';
import { pick } from '../i18n/index.js';
import { DeadlineRule } from './DeadlineRule.js';
import { ActionPanel } from './ActionPanel.js';
import { eventsByType, type Procedure } from './procedure.js';
import type { RoundView } from './round-types.js';
import { useFieldLabel } from './schema-form/SchemaForm.js';
import type { Schemas } from './schema-form/schema.js';

type History = components['schemas']['History'];
type HistoryEvent = History['items'][number];
type Actor = components['schemas']['Actor'];

const RECENT = 12;

const heading = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

export function RoundOverview({
  round: r,
  procedure,
  schemas,
  events,
  people,
  historyError,
  openTab,
  industryOverview,
}: {
  round: RoundView;
  procedure: Procedure | undefined;
  schemas: Schemas | undefined;
  events: HistoryEvent[];
  people: History['people'];
  historyError: unknown;
  openTab: (key: string) => void;
  // the cards the round's industry adds (web/src/industries/registry.ts), below what I may do now
  industryOverview?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [allHistory, setAllHistory] = useState(false);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title={heading(t('round.mayDoNow'))}>
          <ActionPanel round={r} procedure={procedure} schemas={schemas} openTab={openTab} />
        </Card>
        {industryOverview && <div style={{ marginTop: 16 }}>{industryOverview}</div>}
        <Card style={{ marginTop: 16 }} title={heading(t('round.deadlines'))}>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={r.deadlines}
            scroll={{ x: true }}
            locale={{ emptyText: <Empty description={t('round.noDeadlines')} /> }}
            columns={[
              {
                title: t('myWork.rule'),
                dataIndex: 'rule',
                render: (_: string, d) => <DeadlineRule deadline={d} policy={r.policy.deadlines} />,
              },
              {
                title: t('myWork.dueOn'),
                dataIndex: 'dueOn',
                render: (dueOn: string, d) => (
                  <>
                    {dueOn} <DaysLeft dueOn={dueOn} status={d.status} />
                    {d.yourMove && (
                      <Tag color="blue" data-testid="your-move">
                        {t('round.yourMove')}
                      </Tag>
                    )}
                  </>
                ),
              },
            ]}
          />
        </Card>
        <Delegations round={r} />
      </Col>
      <Col xs={24} lg={10}>
        <Card title={heading(t('round.history'))}>
          <RefusalAlert error={historyError} />
          <Timeline
            data-testid="timeline"
            items={[...events]
              .reverse()
              .slice(0, allHistory ? undefined : RECENT)
              .map((e) => ({
                key: e.seq,
                content: (
                  <HistoryItem
                    event={e}
                    procedure={procedure}
                    people={people}
                    language={i18n.language}
                  />
                ),
              }))}
          />
          {events.length > RECENT && (
            <Button type="link" onClick={() => setAllHistory(!allHistory)}>
              {allHistory
                ? t('round.historyRecent', { count: RECENT })
                : t('round.historyAll', { count: events.length })}
            </Button>
          )}
        </Card>
      </Col>
    </Row>
  );
}

export function actorText(t: TFunction, actor: Actor, people: History['people']): string {
  const who = actor.personId ? people[actor.personId]?.name : null;
  const role = [
    actor.side ? t(`round.side.${actor.side}`) : null,
    t(`round.capacity.${actor.capacity}`),
  ]
    .filter(Boolean)
    .join(' · ');
  return who ? `${who}（${role}）` : role;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function HistoryItem({
  event: e,
  procedure,
  people,
  language,
}: {
  event: HistoryEvent;
  procedure: Procedure | undefined;
  people: History['people'];
  language: string;
}) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const described = eventsByType(procedure).get(e.type);
  // Business dates the event carries (openedOn, signedOn, …): the day it happened at the table,
  // which may differ from when it was recorded.
  const dates = Object.entries((e.payload ?? {}) as Record<string, unknown>).filter(
    ([, v]) => typeof v === 'string' && ISO_DATE.test(v),
  ) as [string, string][];
  return (
    <div data-seq={e.seq} data-type={e.type}>
      <Typography.Text strong>
        {described
          ? pick(described.description, language)
          : t(`round.otherEvent.${e.type.replace('.', '_')}`, { defaultValue: e.type })}
      </Typography.Text>
      <br />
      <Typography.Text>{actorText(t, e.actor, people)}</Typography.Text>
      {dates.length > 0 && (
        <>
          <br />
          <Typography.Text>{dates.map(([k, v]) => `${label(k)} ${v}`).join(' · ')}</Typography.Text>
        </>
      )}
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        #{e.seq} · {formatDateTime(e.occurredAt, language)}
      </Typography.Text>
    </div>
  );
}

// Both sides' delegations: chiefs first, experts marked, the recorder, and the seats left vacant.
function Delegations({ round: r }: { round: RoundView }) {
  const { t } = useTranslation();
  const side = (s: 'worker' | 'employer') => {
    const members = [...r.delegations[s]].sort((a, b) => Number(b.isChief) - Number(a.isChief));
    const vacant = r.vacancies.filter((v) => v.side === s);
    return (
      <Col xs={24} md={12} key={s}>
        <Typography.Title level={3} style={{ fontSize: 15 }}>
          {t(`round.side.${s}`)} · {r.parties[s].name}
        </Typography.Title>
        <div data-testid={`delegation-${s}`}>
          <List
            size="small"
            bordered
            dataSource={members}
            locale={{ emptyText: t('round.noDelegates') }}
            renderItem={(d) => (
              <List.Item>
                <span>
                  {d.name ?? t('round.erased')}{' '}
                  {d.isChief && <Tag color="blue">{t('round.chief')}</Tag>}
                  {d.isExpert && <Tag color="purple">{t('round.expert')}</Tag>}
                  {!d.isChief && !d.isExpert && <Tag>{t('round.member')}</Tag>}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('round.appointedOn', { date: d.appointedOn })}
                </Typography.Text>
              </List.Item>
            )}
          />
        </div>
        {vacant.map((v) => (
          <Typography.Paragraph key={v.personId} type="danger" style={{ marginTop: 8 }}>
            {t('round.vacancy', { date: v.vacatedOn, reason: v.reason })}
          </Typography.Paragraph>
        ))}
      </Col>
    );
  };
  return (
    <Card style={{ marginTop: 16 }} title={heading(t('round.delegations'))}>
      <Row gutter={[16, 16]}>{(['worker', 'employer'] as const).map(side)}</Row>
      <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('round.recorder')}>
          {r.recorder ? (r.recorder.name ?? t('round.erased')) : t('round.noRecorder')}
        </Descriptions.Item>
        <Descriptions.Item label={t('round.delegationsConfirmedOn')}>
          {r.delegationsConfirmedOn ?? t('round.notYet')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
