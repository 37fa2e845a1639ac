import { Button, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from './api.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { hasRole, session, useSession } from './session.js';

// The frame of every signed-in page: where I am, who I am, the language, and the way out.
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const current = useSession();
  const location = useLocation();
  const items = [
    { key: '/', label: <Link to="/">{t('nav.myWork')}</Link> },
    { key: '/rounds', label: <Link to="/rounds">{t('nav.rounds')}</Link> },
    ...(hasRole(
      current,
      'unionChair',
      'associationChief',
      'workerRepresentative',
      'employerRepresentative',
    )
      ? [{ key: '/surveys', label: <Link to="/surveys">{t('nav.surveys')}</Link> }]
      : []),
    ...(hasRole(current, 'administrator')
      ? [{ key: '/admin', label: <Link to="/admin">{t('nav.administration')}</Link> }]
      : hasRole(current, 'unionChair', 'associationChief')
        ? // Chiefs approve their representatives' grants (ADR 0027).
          [{ key: '/admin', label: <Link to="/admin/approvals">{t('nav.approvals')}</Link> }]
        : []),
    ...(hasRole(current, 'auditor', 'labourOfficer')
      ? [{ key: '/audit', label: <Link to="/audit">{t('nav.audit')}</Link> }]
      : []),
  ];
  const selected = '/' + (location.pathname.split('/')[1] ?? '');
  const signOut = async () => {
    await api.POST('/api/auth/logout').catch(() => undefined);
    session.signOut();
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography.Text>
        <nav aria-label={t('app.subtitle')} style={{ flex: 1, minWidth: 0 }}>
          <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items} />
        </nav>
        <Space>
          <LanguageSwitch />
          <Typography.Text style={{ color: '#fff' }} data-testid="who">
            {current?.username}
          </Typography.Text>
          <Button size="small" onClick={signOut}>
            {t('app.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 1600, width: '100%', margin: '0 auto' }}>
        <main>{children}</main>
      </Layout.Content>
    </Layout>
  );
}
