import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../app/ScrollRegion.js';
import { api, ApiRefusal, unwrap } from '../app/api.js';
import { formatDateTime } from '../app/dates.js';
import { RefusalAlert } from '../app/refusal.js';
import { ToneTag } from '../app/ToneTag.js';
import type { components } from '../api/schema.js';
import type { RoundView } from '../round/round-types.js';

type AgreementRow = components['schemas']['AgreementRow'];

// The agreement of a round: the workers' congress ballot that ratified the draft, the signatures, and
// the agreed rate table with its summary and the monthly pay it makes (what the API computes).
export default function AgreementTab({ round }: { round: RoundView }) {
  const { t, i18n } = useTranslation();
  const hasDraft = !!round.draft?.draftId;
  const table = useQuery({
    queryKey: ['round', round.id, 'agreement-table', round.draft?.draftId],
    enabled: hasDraft,
    queryFn: async () => {
      // The same route answers XLSX (its default) or CSV; the console asks for JSON.
      const body = await unwrap(
        api.GET('/api/negotiations/{id}/agreement-table', {
          params: { path: { id: round.id }, query: { format: 'json' } },
        }),
      );
      if (typeof body === 'string') throw new TypeError('the agreement table came back as text');
      return body;
    },
    retry: (n, e) => !(e instanceof ApiRefusal) && n < 2,
  });
  const h2 = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;
  const side = (s: 'worker' | 'employer') => t(`survey.${s}`);
  const ballot = round.ballots.at(-1);
  const pay = table.data?.monthlyPay;
  const summary = table.data?.summary;
  const pct = (p: string | null | undefined) => (p === null || p === undefined ? '—' : `${p}%`);
  if (!round.draft && !round.agreement && round.ballots.length === 0)
    return (
      <Card data-testid="AgreementTab">
        <Empty description={t('audit.noAgreementYet')} />
      </Card>
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16} data-testid="AgreementTab">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={h2(t('audit.ratification'))} style={{ height: '100%' }}>
            {round.ratification && (
              <Typography.Paragraph>
                {t('audit.submittedTo', {
                  body: round.ratification.body,
                  date: round.ratification.meetingOn,
                  total: round.ratification.totalMembers,
                })}
              </Typography.Paragraph>
            )}
            {ballot ? (
              <Descriptions size="small" bordered column={2} data-testid="ballot">
                <Descriptions.Item label={t('audit.outcome')} span={2}>
                  <ToneTag tone={ballot.outcome === 'passed' ? 'good' : 'bad'}>
                    {t(`audit.ballot.${ballot.outcome}`)}
                  </ToneTag>
                  {ballot.closedOn}
                </Descriptions.Item>
                <Descriptions.Item label={t('audit.members')}>
                  {ballot.totalMembers}
                </Descriptions.Item>
                <Descriptions.Item label={t('audit.present')}>
                  {ballot.present} {ballot.hasQuorum ? `(${t('audit.quorum')})` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('audit.yes')}>{ballot.yes}</Descriptions.Item>
                <Descriptions.Item label={t('audit.no')}>{ballot.no}</Descriptions.Item>
                <Descriptions.Item label={t('audit.abstain')}>{ballot.abstain}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">{t('audit.noBallot')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={h2(t('audit.signatures'))} style={{ height: '100%' }}>
            <Descriptions size="small" bordered column={1}>
              {round.draft && (
                <Descriptions.Item label={t('audit.draftAgreed')}>
                  {formatDateTime(round.draft.agreedAt, i18n.language)}
                  {round.draft.signedBy.length > 0 &&
                    ` · ${t('audit.draftSignedBy', { sides: round.draft.signedBy.map(side).join('、') })}`}
                </Descriptions.Item>
              )}
              {(['worker', 'employer'] as const).map((s) => (
                <Descriptions.Item key={s} label={t('audit.signedBySide', { side: side(s) })}>
                  {round.agreement?.signatures[s] ?? (
                    <Typography.Text type="secondary">{t('audit.notSigned')}</Typography.Text>
                  )}
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={t('audit.signedOn')}>
                {round.agreement?.signedOn ?? '—'}
              </Descriptions.Item>
              {round.draft?.sha256 && (
                <Descriptions.Item label={t('audit.tableDigest')}>
                  <Typography.Text code style={{ wordBreak: 'break-all' }}>
                    {round.draft.sha256}
                  </Typography.Text>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
      </Row>
      {hasDraft && (
        <Card title={h2(t('audit.table'))}>
          <RefusalAlert error={table.error} />
          {summary && (
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col xs={12} md={4}>
                <Statistic title={t('audit.processes')} value={summary.processes} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('audit.meanRise')} value={pct(summary.meanPercent)} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('audit.medianRise')} value={pct(summary.medianPercent)} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic
                  title={t('audit.range')}
                  value={`${pct(summary.lowestPercent)} ~ ${pct(summary.highestPercent)}`}
                />
              </Col>
              {pay && (
                <Col xs={24} md={5}>
                  <Statistic
                    title={t('audit.monthlyPay')}
                    value={`${pay.before} → ${pay.after}`}
                    suffix={t('survey.yuan')}
                  />
                  <Typography.Text type="secondary">
                    {t('audit.payChange', { absolute: pay.absolute, percent: pct(pay.percent) })}
                  </Typography.Text>
                </Col>
              )}
            </Row>
          )}
          {table.data && (
            <Typography.Paragraph type="secondary">
              {t(`audit.previousFrom.${table.data.previousFrom}`)}
            </Typography.Paragraph>
          )}
          <ScrollRegion label={t('round.agreement')}>
            <Table<AgreementRow>
              rowKey={(r) => `${r.productType ?? '*'}:${r.processCode}`}
              size="small"
              loading={table.isLoading}
              dataSource={table.data?.rows ?? []}
              pagination={{ pageSize: 50, showSizeChanger: false }}
              columns={[
                {
                  title: t('audit.productType'),
                  dataIndex: 'productType',
                  render: (p) => p ?? t('audit.allTypes'),
                },
                { title: t('survey.process'), dataIndex: 'processCode' },
                {
                  title: t('audit.previous'),
                  dataIndex: 'previous',
                  align: 'right',
                  render: (v) => v ?? '—',
                },
                { title: t('audit.agreed'), dataIndex: 'agreed', align: 'right' },
                {
                  title: t('audit.change'),
                  dataIndex: 'absolute',
                  align: 'right',
                  render: (v) => v ?? '—',
                },
                { title: '%', dataIndex: 'percent', align: 'right', render: pct },
                {
                  title: t('audit.notes'),
                  key: 'flags',
                  render: (_, r) => (
                    <>
                      {r.isIndustryMinimum && (
                        <ToneTag tone="info">{t('audit.industryMinimum')}</ToneTag>
                      )}
                      {r.isCut && <ToneTag tone="bad">{t('audit.cut')}</ToneTag>}
                    </>
                  ),
                },
              ]}
            />
          </ScrollRegion>
        </Card>
      )}
    </Space>
  );
}
