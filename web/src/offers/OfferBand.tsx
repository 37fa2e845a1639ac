import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema.js';

type OfferSummary = components['schemas']['OfferSummary'];

// The increase band an offer was tabled under (ADR 0035: a kernel feature any industry's procedure
// may use) and the reasons of its lines outside it, shown beside the offer wherever it is listed.
export function OfferBand({
  offer,
}: {
  offer: Pick<OfferSummary, 'increaseBand' | 'bandReasons'>;
}) {
  const { t } = useTranslation();
  const band = offer.increaseBand;
  if (!band) return null;
  const reasons = offer.bandReasons ?? [];
  return (
    <div data-testid="offer-band">
      <Typography.Text>
        {t('band.bandBeside', { low: band.lowPercent, high: band.highPercent })}
      </Typography.Text>
      {reasons.length > 0 && (
        <>
          <Typography.Text type="secondary"> · {t('band.bandReasons')}：</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="band-reasons">
            {reasons.map((r) => (
              <li key={`${r.processCode}-${r.productType ?? ''}`}>
                <code>
                  {r.productType ? `${r.productType}:` : ''}
                  {r.processCode}
                </code>{' '}
                {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
