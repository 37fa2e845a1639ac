import type { TFunction } from 'i18next';

// Lists paged on the server: twenty to a page, the server's count always shown, a page at a time
// (the rounds, the people registry, the auditor's signed agreements).
export const PAGE = 20;

// The antd Table `pagination` for such a list; `totalKey` words the count ("共 N 个").
export function serverPagination(
  page: number,
  total: number | undefined,
  onChange: (page: number) => void,
  t: TFunction,
  totalKey: string,
) {
  return {
    current: page,
    pageSize: PAGE,
    total: total ?? 0,
    onChange,
    showSizeChanger: false,
    showTotal: (count: number) => t(totalKey, { count }),
  };
}

// The query's window onto the list for a 1-based page.
export const pageWindow = (page: number) => ({ offset: (page - 1) * PAGE, limit: PAGE });
