import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../app/api.js';
import { RefusalAlert } from '../app/refusal.js';

// The server re-computes the round's hash chain and the digests of its offers and drafts
// (ADR 0010); the answer is shown as it is: whole, or broken at a named event.
export function ChainCheck({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const verify = useQuery({
    queryKey: ['round', roundId, 'verify'],
    queryFn: () =>
      unwrap(
        api.GET('/api/negotiations/{id}/history/verify', { params: { path: { id: roundId } } }),
      ),
  });
  const v = verify.data;
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('audit.chain')}</h2>}
      extra={
        <Button onClick={() => void verify.refetch()} loading={verify.isFetching}>
          {t('audit.verifyAgain')}
        </Button>
      }
    >
      <RefusalAlert error={verify.error} />
      {v &&
        (v.valid ? (
          <Alert
            type="success"
            showIcon
            role="status"
            data-testid="chain-result"
            data-valid="true"
            title={t('audit.chainOk', { count: v.revision })}
            description={t('audit.contentsOk', {
              offers: v.offersChecked,
              drafts: v.draftsChecked,
            })}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="chain-result"
            data-valid="false"
            title={t('audit.chainBroken')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {v.firstBreak && (
                  <li>
                    {t('audit.breakAt', {
                      seq: v.firstBreak.seq,
                      problem: t(`audit.problem.${v.firstBreak.problem}`),
                    })}
                  </li>
                )}
                {v.alteredOffers.map((o) => (
                  <li key={`o${o.seq}`}>
                    {t('audit.offerAltered', { seq: o.seq, id: o.offerId })}
                  </li>
                ))}
                {v.alteredDrafts.map((d) => (
                  <li key={`d${d.seq}`}>
                    {t('audit.draftAltered', { seq: d.seq, id: d.draftId })}
                  </li>
                ))}
              </ul>
            }
          />
        ))}
      {v && (
        <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('audit.headHash')}>
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {v.headHash}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.recomputed')}>
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {v.recomputedHeadHash}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
