import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { daysBetween, todayInChina } from './dates.js';

// Days left to a due date; overdue in red, today in orange. Solid dark colours: antd's light
// presets (green, gold) fall below AA contrast (axe).
export function DaysLeft({ dueOn, status }: { dueOn: string; status: string }) {
  const { t } = useTranslation();
  if (status !== 'open') return <Tag>{t(`deadline.${status}`, { defaultValue: status })}</Tag>;
  const left = daysBetween(todayInChina(), dueOn);
  if (left < 0)
    return (
      <Tag color="#a8071a" data-overdue="true">
        {t('myWork.overdue', { count: -left })}
      </Tag>
    );
  if (left === 0) return <Tag color="#ad4e00">{t('myWork.dueToday')}</Tag>;
  return (
    <Tag color={left <= 3 ? '#874d00' : '#237804'}>{t('myWork.daysLeft', { count: left })}</Tag>
  );
}
