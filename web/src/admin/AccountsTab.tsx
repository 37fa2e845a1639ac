import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../app/api.js';
import { formatDateTime } from '../app/dates.js';
import { RefusalAlert } from '../app/refusal.js';
import { ToneTag } from '../app/ToneTag.js';
import { idempotencyKey } from '../api/client.js';
import type { components } from '../api/schema.js';
import { partyName, PersonSelect, SectionTitle, useAccounts, useParties } from './common.js';

type Account = components['schemas']['AccountRecord'];
type IssuedCode = components['schemas']['IssuedCode'];
interface CreateForm {
  username: string;
  who: 'existing' | 'new';
  personId?: string;
  fullName?: string;
  organisationPartyId?: string;
  position?: string;
  phone?: string;
}

// The one-time code, shown once: the administrator hands it to the person, who redeems it on the
// sign-in page (一次性验证码) and chooses a password. The server never shows it again (ADR 0026).
export function CodeShown({
  issued,
  username,
  onClose,
}: {
  issued: { code: IssuedCode; purpose: 'activation' | 'reset' } | null;
  username: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Modal
      open={issued !== null}
      title={t(issued?.purpose === 'reset' ? 'admin.code.resetTitle' : 'admin.code.title')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('admin.code.handedOver')}
        </Button>
      }
    >
      {issued?.code.code ? (
        <>
          <Typography.Paragraph>{t('admin.code.handTo', { username })}</Typography.Paragraph>
          <Typography.Paragraph
            copyable
            data-testid="one-time-code"
            style={{ fontSize: 24, fontFamily: 'monospace', letterSpacing: 2 }}
          >
            {issued.code.code}
          </Typography.Paragraph>
          <Alert
            type="warning"
            showIcon
            role="status"
            title={t('admin.code.once', {
              expires: formatDateTime(issued.code.expiresAt, i18n.language),
            })}
          />
        </>
      ) : (
        <Alert type="info" showIcon role="status" title={t('admin.code.withheld')} />
      )}
    </Modal>
  );
}

export function AccountsTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const accounts = useAccounts();
  const parties = useParties();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<{
    code: IssuedCode;
    purpose: 'activation' | 'reset';
    username: string;
  } | null>(null);
  const [form] = Form.useForm<CreateForm>();
  const who = Form.useWatch('who', form);
  const refresh = () => void client.invalidateQueries({ queryKey: ['accounts'] });

  const create = useMutation({
    mutationFn: (v: CreateForm) =>
      unwrap(
        api.POST('/api/accounts', {
          params: { header: idempotencyKey() },
          body:
            v.who === 'existing'
              ? { username: v.username, personId: v.personId }
              : {
                  username: v.username,
                  person: {
                    fullName: v.fullName ?? '',
                    ...(v.organisationPartyId
                      ? { organisationPartyId: v.organisationPartyId }
                      : {}),
                    ...(v.position ? { position: v.position } : {}),
                    ...(v.phone ? { phone: v.phone } : {}),
                  },
                },
        }),
      ),
    onSuccess: (out) => {
      setCreating(false);
      setIssued({
        code: out.activationCode,
        purpose: 'activation',
        username: out.account.username,
      });
      refresh();
      void client.invalidateQueries({ queryKey: ['people'] });
    },
  });
  const act = useMutation({
    mutationFn: async ({ a, what }: { a: Account; what: 'disable' | 'enable' | 'reset' }) => {
      const params = { header: idempotencyKey(), path: { id: a.id } };
      if (what === 'reset') {
        const out = await unwrap(api.POST('/api/accounts/{id}/password-reset', { params }));
        setIssued({ code: out.resetCode, purpose: 'reset', username: a.username });
        return;
      }
      await unwrap(
        what === 'disable'
          ? api.POST('/api/accounts/{id}/disable', { params })
          : api.POST('/api/accounts/{id}/enable', { params }),
      );
      void message.success(t('admin.saved'));
    },
    onSettled: refresh,
  });

  return (
    <Card
      title={<SectionTitle>{t('admin.accounts.title')}</SectionTitle>}
      extra={
        <Button
          type="primary"
          onClick={() => {
            create.reset();
            form.resetFields();
            setCreating(true);
          }}
        >
          {t('admin.accounts.create')}
        </Button>
      }
    >
      <RefusalAlert error={accounts.error ?? act.error} />
      <Table<Account>
        rowKey="id"
        size="small"
        loading={accounts.isLoading}
        dataSource={accounts.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          { title: t('admin.accounts.username'), dataIndex: 'username' },
          { title: t('admin.accounts.displayName'), dataIndex: 'displayName' },
          {
            title: t('admin.accounts.roles'),
            key: 'grants',
            render: (_, a) =>
              a.grants.map((g, i) => (
                <Tag key={i}>
                  {t(`roles.${g.role}`)}
                  {g.partyId ? ` · ${partyName(parties.data, g.partyId, i18n.language)}` : ''}
                </Tag>
              )),
          },
          {
            title: t('admin.accounts.status'),
            key: 'status',
            render: (_, a) => (
              <Space size={4} wrap>
                {a.disabled ? (
                  <ToneTag tone="bad">{t('admin.accounts.disabled')}</ToneTag>
                ) : (
                  <ToneTag tone="good">{t('admin.accounts.enabled')}</ToneTag>
                )}
                {!a.hasPassword && <ToneTag tone="warn">{t('admin.accounts.noPassword')}</ToneTag>}
                {a.openCode && <Tag>{t('admin.accounts.openCode')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('admin.actions'),
            key: 'actions',
            render: (_, a) => (
              <Space size={4} wrap>
                {a.disabled ? (
                  <Button size="small" onClick={() => act.mutate({ a, what: 'enable' })}>
                    {t('admin.accounts.enable')}
                  </Button>
                ) : (
                  <Popconfirm
                    title={t('admin.accounts.disableConfirm', { username: a.username })}
                    onConfirm={() => act.mutate({ a, what: 'disable' })}
                  >
                    <Button size="small" danger>
                      {t('admin.accounts.disable')}
                    </Button>
                  </Popconfirm>
                )}
                <Popconfirm
                  title={t('admin.accounts.resetConfirm', { username: a.username })}
                  onConfirm={() => act.mutate({ a, what: 'reset' })}
                >
                  <Button
                    size="small"
                    aria-label={t('admin.accounts.resetFor', { username: a.username })}
                  >
                    {t('admin.accounts.reset')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('admin.accounts.create')}
        onCancel={() => setCreating(false)}
        footer={null}
        forceRender
      >
        <Form<CreateForm>
          form={form}
          layout="vertical"
          initialValues={{ who: 'new' }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item
            name="username"
            label={t('admin.accounts.username')}
            extra={t('admin.accounts.usernameHint')}
            rules={[
              { required: true, message: t('admin.required') },
              { pattern: /^[a-z0-9._-]{3,80}$/, message: t('admin.accounts.usernameHint') },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="who" label={t('admin.accounts.person')}>
            <Radio.Group
              options={[
                { value: 'new', label: t('admin.accounts.newPerson') },
                { value: 'existing', label: t('admin.accounts.existingPerson') },
              ]}
            />
          </Form.Item>
          {who === 'existing' ? (
            <Form.Item
              name="personId"
              label={t('admin.accounts.existingPerson')}
              rules={[{ required: true, message: t('admin.required') }]}
            >
              <PersonSelect />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="fullName"
                label={t('admin.people.fullName')}
                rules={[{ required: true, message: t('admin.required') }]}
              >
                <Input />
              </Form.Item>
              <Form.Item name="organisationPartyId" label={t('admin.people.organisation')}>
                <Select
                  allowClear
                  options={(parties.data ?? []).map((p) => ({
                    value: p.id,
                    label: partyName(parties.data, p.id, i18n.language),
                  }))}
                />
              </Form.Item>
              <Form.Item name="position" label={t('admin.people.position')}>
                <Input />
              </Form.Item>
              <Form.Item name="phone" label={t('admin.people.phone')}>
                <Input inputMode="tel" />
              </Form.Item>
            </>
          )}
          <RefusalAlert error={create.error} />
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending}
            style={{ marginTop: 12 }}
          >
            {t('admin.accounts.createSubmit')}
          </Button>
        </Form>
      </Modal>
      <CodeShown
        issued={issued}
        username={issued?.username ?? ''}
        onClose={() => setIssued(null)}
      />
    </Card>
  );
}
