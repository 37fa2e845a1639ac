import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

// A console route that does not exist. Its own chunk: antd's Result carries large illustrations.
export default function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={<Link to="/">{t('app.backHome')}</Link>}
    />
  );
}
