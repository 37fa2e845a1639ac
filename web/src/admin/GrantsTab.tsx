import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../app/api.js';
import { formatDateTime } from '../app/dates.js';
import { RefusalAlert } from '../app/refusal.js';
import { ToneTag } from '../app/ToneTag.js';
import { idempotencyKey } from '../api/client.js';
import type { components } from '../api/schema.js';
import { partyName, SectionTitle, useAccounts, useParties } from './common.js';

type Proposal = components['schemas']['GrantProposal'];
type Role = components['schemas']['Role'];
type ProposeForm = components['schemas']['ProposeGrantDto'];

const PARTY_ROLES: Role[] = [
  'unionChair',
  'associationChief',
  'workerRepresentative',
  'employerRepresentative',
];
const ROLES: Role[] = [...PARTY_ROLES, 'recorder', 'labourOfficer', 'auditor', 'administrator'];

// Grants are proposed by an administrator and approved by someone else (ADR 0027): the party's chief
// for a representative, a second administrator for the rest. "awaitingMe" is what a chief sees.
export function GrantsTab({ mode }: { mode: 'awaitingMe' | 'all' }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <ProposalList view="awaitingMe" />
      {mode === 'all' && (
        <>
          <ProposalList view="proposedByMe" />
          <ProposeGrant />
        </>
      )}
    </Space>
  );
}

function ProposalList({ view }: { view: 'awaitingMe' | 'proposedByMe' }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const parties = useParties();
  const proposals = useQuery({
    queryKey: ['grant-proposals', view],
    queryFn: () =>
      unwrap(
        api.GET('/api/administration/grant-proposals', {
          params: { query: { view, limit: 200 } },
        }),
      ),
  });
  const decide = useMutation({
    mutationFn: ({ p, what }: { p: Proposal; what: 'approve' | 'reject' | 'withdraw' }) => {
      const params = { header: idempotencyKey(), path: { id: p.id } };
      return unwrap(
        what === 'approve'
          ? api.POST('/api/administration/grant-proposals/{id}/approve', { params })
          : what === 'reject'
            ? api.POST('/api/administration/grant-proposals/{id}/reject', { params })
            : api.POST('/api/administration/grant-proposals/{id}/withdraw', { params }),
      );
    },
    onSuccess: (p) => void message.success(t(`admin.grants.status.${p.status}`)),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['grant-proposals'] });
      void client.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
  const items = proposals.data?.items ?? [];
  return (
    <Card
      title={<SectionTitle>{t(`admin.grants.${view}`)}</SectionTitle>}
      data-testid={`proposals-${view}`}
    >
      <RefusalAlert error={proposals.error ?? decide.error} />
      <Table<Proposal>
        rowKey="id"
        size="small"
        loading={proposals.isLoading}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t('admin.grants.none')} /> }}
        columns={[
          {
            title: t('admin.grants.account'),
            key: 'grantee',
            render: (_, p) =>
              p.grantee.name ? `${p.grantee.name}（${p.grantee.username}）` : p.grantee.username,
          },
          {
            title: t('admin.grants.role'),
            dataIndex: 'role',
            render: (r: Role) => t(`roles.${r}`),
          },
          {
            title: t('admin.grants.scope'),
            key: 'scope',
            render: (_, p) =>
              p.partyId
                ? partyName(parties.data, p.partyId, i18n.language)
                : [p.industryCode, p.regionCode].filter(Boolean).join(' · ') ||
                  t('admin.grants.everywhere'),
          },
          {
            title: t('admin.grants.proposedAt'),
            dataIndex: 'proposedAt',
            render: (v: string) => formatDateTime(v, i18n.language),
          },
          {
            title: t('admin.accounts.status'),
            dataIndex: 'status',
            render: (s: Proposal['status']) => (
              <ToneTag tone={s === 'pending' ? 'warn' : s === 'approved' ? 'good' : 'neutral'}>
                {t(`admin.grants.status.${s}`)}
              </ToneTag>
            ),
          },
          {
            title: t('admin.actions'),
            key: 'actions',
            render: (_, p) =>
              p.status !== 'pending' ? null : view === 'awaitingMe' ? (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => decide.mutate({ p, what: 'approve' })}
                  >
                    {t('admin.grants.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => decide.mutate({ p, what: 'reject' })}>
                    {t('admin.grants.reject')}
                  </Button>
                </Space>
              ) : (
                <Button size="small" onClick={() => decide.mutate({ p, what: 'withdraw' })}>
                  {t('admin.grants.withdraw')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

function ProposeGrant() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const accounts = useAccounts();
  const parties = useParties();
  const [form] = Form.useForm<ProposeForm>();
  const role = Form.useWatch('role', form);
  const partyRole = role !== undefined && PARTY_ROLES.includes(role);
  const propose = useMutation({
    mutationFn: (v: ProposeForm) =>
      unwrap(
        api.POST('/api/administration/grant-proposals', {
          params: { header: idempotencyKey() },
          body: Object.fromEntries(
            Object.entries(v).filter(([, x]) => x !== undefined && x !== ''),
          ) as ProposeForm,
        }),
      ),
    onSuccess: () => {
      void message.success(t('admin.grants.proposed'));
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['grant-proposals'] });
    },
  });
  return (
    <Card title={<SectionTitle>{t('admin.grants.propose')}</SectionTitle>}>
      <Form<ProposeForm>
        form={form}
        layout="vertical"
        onFinish={(v) => propose.mutate(v)}
        style={{ maxWidth: 520 }}
      >
        <Form.Item
          name="accountId"
          label={t('admin.grants.account')}
          rules={[{ required: true, message: t('admin.required') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={(accounts.data ?? []).map((a) => ({
              value: a.id,
              label: `${a.username} (${a.displayName})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('admin.grants.role')}
          rules={[{ required: true, message: t('admin.required') }]}
        >
          <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        {partyRole ? (
          <Form.Item
            name="partyId"
            label={t('admin.people.organisation')}
            rules={[{ required: true, message: t('admin.required') }]}
          >
            <Select
              options={(parties.data ?? []).map((p) => ({
                value: p.id,
                label: partyName(parties.data, p.id, i18n.language),
              }))}
            />
          </Form.Item>
        ) : (
          <Space wrap>
            <Form.Item name="industryCode" label={t('admin.grants.industry')}>
              <Input placeholder={t('admin.grants.everywhere')} />
            </Form.Item>
            <Form.Item name="regionCode" label={t('admin.grants.region')}>
              <Input placeholder={t('admin.grants.everywhere')} />
            </Form.Item>
          </Space>
        )}
        <RefusalAlert error={propose.error} />
        <Button
          type="primary"
          htmlType="submit"
          loading={propose.isPending}
          style={{ marginTop: 12 }}
        >
          {t('admin.grants.proposeSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
