import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { daysBetween, todayInChina } from './dates.js';

// Days left to a due date; overdue in red, today in orange.
export function DaysLeft({ dueOn, status }: { dueOn: string; status: string }) {
  const { t } = useTranslation();
  if (status !== 'open') return <Tag>{t(`deadline.${status}`, { defaultValue: status })}</Tag>;
  const left = daysBetween(todayInChina(), dueOn);
  if (left < 0)
    return (
      <Tag color="red" data-overdue="true">
        {t('myWork.overdue', { count: -left })}
      </Tag>
    );
  if (left === 0) return <Tag color="orange">{t('myWork.dueToday')}</Tag>;
  return <Tag color={left <= 3 ? 'gold' : 'green'}>{t('myWork.daysLeft', { count: left })}</Tag>;
}
