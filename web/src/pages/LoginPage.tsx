import { Button, Card, Form, Input, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { api, unwrap } from '../app/api.js';
import { LanguageSwitch } from '../app/LanguageSwitch.js';
import { RefusalAlert } from '../app/refusal.js';
import { session, useSession } from '../app/session.js';

// Sign in with a password, or with a one-time code (first sign-in, a reset, a representative on a
// phone): the code is redeemed for a password the person chooses, and the answer is a login.
export function LoginPage() {
  const { t } = useTranslation();
  const current = useSession();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (current) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  const run = async (call: () => Promise<Parameters<typeof session.signIn>[0]>) => {
    setBusy(true);
    setError(null);
    try {
      session.signIn(await call());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const usernameField = (
    <Form.Item
      label={t('login.username')}
      name="username"
      rules={[{ required: true, message: t('login.usernameRequired') }]}
    >
      <Input autoComplete="username" autoCapitalize="none" />
    </Form.Item>
  );

  const passwordForm = (
    <Form
      layout="vertical"
      name="password-login"
      onFinish={(v: { username: string; password: string }) =>
        run(() => unwrap(api.POST('/api/auth/login', { body: v })))
      }
    >
      {usernameField}
      <Form.Item
        label={t('login.password')}
        name="password"
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.submit')}
      </Button>
    </Form>
  );

  const codeForm = (
    <Form
      layout="vertical"
      name="code-login"
      onFinish={(v: { username: string; code: string; newPassword: string }) =>
        run(() => unwrap(api.POST('/api/auth/code', { body: v })))
      }
    >
      <Typography.Paragraph type="secondary">{t('login.codeHint')}</Typography.Paragraph>
      {usernameField}
      <Form.Item
        label={t('login.code')}
        name="code"
        rules={[{ required: true, message: t('login.codeRequired') }]}
      >
        <Input autoComplete="one-time-code" autoCapitalize="characters" />
      </Form.Item>
      <Form.Item
        label={t('login.newPassword')}
        name="newPassword"
        rules={[{ required: true, min: 10, message: t('login.newPasswordTooShort') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.submitCode')}
      </Button>
    </Form>
  );

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: '#f5f5f5',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('login.title')}</Typography.Paragraph>
        <div style={{ marginBottom: 12 }}>
          <RefusalAlert error={error} />
        </div>
        <Tabs
          items={[
            { key: 'password', label: t('login.withPassword'), children: passwordForm },
            { key: 'code', label: t('login.withCode'), children: codeForm },
          ]}
        />
      </Card>
    </main>
  );
}
