import { Button, Grid, Layout, Menu, Space, Typography } from 'antd';
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
  // On a phone the header takes two rows: who I am and the way out above, the menu below in full
  // width (squeezed into one row, the menu folded into an ellipsis and the username was cut).
  const narrow = !Grid.useBreakpoint().md;
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
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          flexWrap: narrow ? 'wrap' : 'nowrap',
          columnGap: 16,
          paddingInline: narrow ? 8 : 16,
          ...(narrow ? { height: 'auto', lineHeight: '44px' } : {}),
        }}
      >
        <Typography.Text
          strong
          style={{ color: '#fff', whiteSpace: 'nowrap', flex: narrow ? 1 : undefined, minWidth: 0 }}
          ellipsis
        >
          {t('app.title')}
        </Typography.Text>
        <nav
          aria-label={t('app.subtitle')}
          style={narrow ? { order: 1, flexBasis: '100%' } : { flex: 1, minWidth: 0 }}
        >
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={[selected]}
            items={items}
            style={narrow ? { lineHeight: '44px' } : undefined}
          />
        </nav>
        <Space size={narrow ? 4 : 8}>
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
