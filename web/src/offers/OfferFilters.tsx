import { Flex, Input, Select, Switch, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogVersion, OfferFilter } from './offer-data.js';

// The filters of an offers table: section (车间/工种), product type (品种) and a process search, from
// the round's catalog version; the side-by-side table adds "only lines that differ".
export function OfferFilters({
  catalog,
  value,
  onChange,
  withDiffering = false,
}: {
  catalog: CatalogVersion | undefined;
  value: OfferFilter;
  onChange: (f: OfferFilter) => void;
  withDiffering?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const name = (g: { nameZh: string; nameEn: string | null }) =>
    i18n.language === 'en' ? (g.nameEn ?? g.nameZh) : g.nameZh;
  const disabled = !catalog;
  return (
    <Flex wrap gap={12} align="center">
      <Select
        aria-label={t('offers.section')}
        data-testid="filter-section"
        style={{ minWidth: 180 }}
        disabled={disabled}
        allowClear
        placeholder={t('offers.allSections')}
        value={value.section}
        onChange={(section?: string) => onChange({ ...value, section })}
        options={(catalog?.sections ?? []).map((s) => ({ value: s.code, label: name(s) }))}
      />
      <Select
        aria-label={t('offers.productType')}
        data-testid="filter-product-type"
        style={{ minWidth: 180 }}
        disabled={disabled || !catalog?.productTypes.length}
        allowClear
        placeholder={t('offers.allProductTypes')}
        value={value.productType}
        onChange={(productType?: string) => onChange({ ...value, productType })}
        options={(catalog?.productTypes ?? []).map((p) => ({ value: p.code, label: name(p) }))}
      />
      <Input
        aria-label={t('offers.processSearch')}
        placeholder={t('offers.processSearch')}
        style={{ width: 200 }}
        allowClear
        disabled={disabled}
        value={value.text ?? ''}
        onChange={(e) => onChange({ ...value, text: e.target.value })}
      />
      {withDiffering ? (
        <Flex gap={6} align="center">
          <Switch
            id={id}
            size="small"
            disabled={disabled}
            checked={!!value.onlyDiffering}
            onChange={(onlyDiffering) => onChange({ ...value, onlyDiffering })}
          />
          <Typography.Text>
            <label htmlFor={id}>{t('offers.onlyDiffering')}</label>
          </Typography.Text>
        </Flex>
      ) : null}
    </Flex>
  );
}
