import { Typography } from 'antd';
import type { TFunction } from 'i18next';

// The columns that name a line (product type, then the process with its code), shared by the
// side-by-side table and the comparison.
export function lineColumns<R extends { productTypeName: string; processCode: string }>(
  t: TFunction,
) {
  return [
    { title: t('offers.productType'), dataIndex: 'productTypeName', width: 120, ellipsis: true },
    {
      title: t('offers.process'),
      dataIndex: 'processName',
      width: 170,
      ellipsis: true,
      render: (name: string, r: R) => (
        <>
          <Typography.Text type="secondary">{r.processCode}</Typography.Text> {name}
        </>
      ),
    },
  ];
}
