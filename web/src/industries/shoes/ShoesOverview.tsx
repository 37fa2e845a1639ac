import { Alert, Card, Descriptions, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/dates.js';
import { ToneTag } from '../../app/ToneTag.js';
import { OfferBand } from '../../offers/OfferBand.js';
import type { RoundView } from '../../round/round-types.js';
import { hearingOf, minAttendance } from './hearing.js';

const heading = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;
const SIDES = ['worker', 'employer'] as const;

// The shoes round's own part of the overview: the union's increase band beside the latest offers,
// and the public hearing (听证会) that comes before the joint sessions.
export function ShoesOverview({ round }: { round: RoundView }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <BandCard round={round} />
      <HearingCard round={round} />
    </Space>
  );
}

function BandCard({ round: r }: { round: RoundView }) {
  const { t } = useTranslation();
  const band = r.increaseBand;
  const side = (s: 'worker' | 'employer') => t(`offers.${s}`);
  return (
    <Card title={heading(t('band.latestOffers'))} data-testid="band-card">
      {band ? (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('band.band')}>
            <strong data-testid="increase-band">
              {t('band.bandOf', {
                side: side(band.side),
                low: band.lowPercent,
                high: band.highPercent,
              })}
            </strong>{' '}
            <Typography.Text type="secondary">
              {t('band.bandStatedOn', { date: band.statedOn })}
            </Typography.Text>
            <div>{t('band.bandBasis', { basis: band.basis })}</div>
          </Descriptions.Item>
          {SIDES.map((s) => {
            const o = r.latestOffers[s];
            return (
              <Descriptions.Item key={s} label={side(s)}>
                {o ? (
                  <div data-testid={`overview-offer-${s}`}>
                    {t('offers.offerOf', {
                      side: side(s),
                      session: o.sessionNumber,
                      date: o.tabledAt.slice(0, 10),
                    })}
                    <OfferBand offer={o} />
                  </div>
                ) : (
                  t('offers.noOffer')
                )}
              </Descriptions.Item>
            );
          })}
        </Descriptions>
      ) : (
        <Empty description={t('band.noBand')} />
      )}
    </Card>
  );
}

function HearingCard({ round: r }: { round: RoundView }) {
  const { t, i18n } = useTranslation();
  const hearing = hearingOf(r);
  const min = minAttendance(r);
  const side = (s: 'worker' | 'employer') => t(`offers.${s}`);
  if (!hearing)
    return (
      <Card title={heading(t('shoes.hearing'))} data-testid="hearing">
        <Empty description={t('shoes.noHearing')} />
      </Card>
    );
  const signedByBoth = hearing.minutesSignedBy.length === 2;
  return (
    <Card title={heading(t('shoes.hearing'))} data-testid="hearing">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('shoes.heldOn')}>{hearing.heldOn}</Descriptions.Item>
        <Descriptions.Item label={t('shoes.place')}>{hearing.place}</Descriptions.Item>
        <Descriptions.Item label={t('shoes.attendance')}>
          {hearing.attendance ? (
            <Space orientation="vertical" size={2} data-testid="hearing-attendance">
              {SIDES.map((s) => {
                const count = hearing.attendance![s];
                return (
                  <span key={s}>
                    {t('shoes.attendanceOf', { side: side(s), count, min })}{' '}
                    <ToneTag tone={count >= min ? 'good' : 'bad'}>
                      {count >= min ? t('shoes.enough') : t('shoes.tooFew')}
                    </ToneTag>
                  </span>
                );
              })}
            </Space>
          ) : (
            t('shoes.attendanceNotYet', { min })
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('shoes.minutes')}>
          {hearing.minutes ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {hearing.minutes}
            </Typography.Paragraph>
          ) : (
            t('shoes.noMinutes')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('shoes.signedBy')}>
          <Space wrap data-testid="hearing-signatures">
            {SIDES.map((s) =>
              hearing.minutesSignedBy.includes(s) ? (
                <ToneTag key={s} tone="good">
                  {t('shoes.signed', { side: side(s) })}
                </ToneTag>
              ) : (
                <ToneTag key={s} tone="neutral">
                  {t('shoes.notSigned', { side: side(s) })}
                </ToneTag>
              ),
            )}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('shoes.opinions')}
      </Typography.Title>
      <List
        size="small"
        bordered
        data-testid="hearing-opinions"
        dataSource={hearing.opinions}
        locale={{ emptyText: t('shoes.noOpinions') }}
        renderItem={(o) => (
          <List.Item>
            <span>
              <ToneTag tone={o.side === 'worker' ? 'bad' : 'info'}>{side(o.side)}</ToneTag>
              {o.opinion}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(o.recordedAt, i18n.language)}
            </Typography.Text>
          </List.Item>
        )}
      />
      <Alert
        style={{ marginTop: 16 }}
        type={signedByBoth ? 'success' : 'info'}
        showIcon
        role="status"
        title={signedByBoth ? t('shoes.jointSessionsOpen') : t('shoes.jointSessionsWait')}
      />
    </Card>
  );
}
