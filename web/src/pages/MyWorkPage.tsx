import { Card, Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DaysLeft } from '../app/DaysLeft.js';
import { useOpenRounds } from '../app/queries.js';
import { RefusalAlert } from '../app/refusal.js';
import { pick } from '../i18n/index.js';
import { DeadlineRule } from '../round/DeadlineRule.js';

// My work: the open deadlines of the rounds I sit in that are mine to act on, soonest first, and
// those rounds with what I may do in each.
export default function MyWorkPage() {
  const { t, i18n } = useTranslation();
  const rounds = useOpenRounds();
  // Only the deadlines that are this person's to act on (the server says whose move each is); the
  // rest are counted, and each round's page lists them all.
  const othersOpen = (rounds.data ?? [])
    .flatMap((r) => r.deadlines)
    .filter((d) => d.status === 'open' && !d.yourMove).length;
  const deadlines = (rounds.data ?? [])
    .flatMap((r) =>
      r.deadlines
        .filter((d) => d.status === 'open' && d.yourMove)
        .map((d) => ({
          ...d,
          roundId: r.id,
          roundTitle: r.title,
          youMaySend: r.youMaySend,
          policy: r.policy.deadlines,
        })),
    )
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('myWork.title')}
      </Typography.Title>
      <RefusalAlert error={rounds.error} />
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('myWork.deadlines')}</h2>}>
        <Table
          rowKey={(d) => `${d.roundId}:${d.key}`}
          loading={rounds.isLoading}
          dataSource={deadlines}
          pagination={false}
          size="small"
          locale={{ emptyText: <Empty description={t('myWork.noDeadlines')} /> }}
          columns={[
            {
              title: t('myWork.dueOn'),
              dataIndex: 'dueOn',
              render: (dueOn: string, d) => (
                <>
                  {dueOn} <DaysLeft dueOn={dueOn} status={d.status} />
                  {d.calendarMissingYear ? (
                    <Tag color="warning">
                      {t('myWork.calendarMissing', { year: d.calendarMissingYear })}
                    </Tag>
                  ) : null}
                </>
              ),
            },
            {
              title: t('myWork.round'),
              dataIndex: 'roundTitle',
              render: (title: string, d) => <Link to={`/rounds/${d.roundId}`}>{title}</Link>,
            },
            {
              title: t('myWork.rule'),
              dataIndex: 'rule',
              render: (_: string, d) => <DeadlineRule deadline={d} policy={d.policy} />,
            },
          ]}
        />
        {othersOpen > 0 && (
          <Typography.Paragraph
            type="secondary"
            style={{ margin: '12px 0 0' }}
            data-testid="others-open"
          >
            {t('myWork.othersOpen', { count: othersOpen })}
          </Typography.Paragraph>
        )}
      </Card>
      <Card
        style={{ marginTop: 16 }}
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('myWork.myRounds')}</h2>}
      >
        <Table
          rowKey="id"
          loading={rounds.isLoading}
          dataSource={rounds.data ?? []}
          pagination={false}
          size="small"
          locale={{ emptyText: <Empty description={t('rounds.empty')} /> }}
          columns={[
            {
              title: t('myWork.round'),
              dataIndex: 'title',
              render: (title: string, r) => <Link to={`/rounds/${r.id}`}>{title}</Link>,
            },
            { title: t('rounds.year'), dataIndex: 'year' },
            {
              title: t('rounds.state'),
              render: (_: unknown, r) => pick(r.description, i18n.language),
            },
            {
              title: t('round.mayDoNow'),
              render: (_: unknown, r) =>
                r.youMaySend.length ? <Tag color="blue">{r.youMaySend.length}</Tag> : '—',
            },
          ]}
        />
      </Card>
    </>
  );
}
