import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../app/api.js';
import { formatDateTime } from '../app/dates.js';
import { RefusalAlert } from '../app/refusal.js';
import { ToneTag } from '../app/ToneTag.js';
import { idempotencyKey } from '../api/client.js';
import type { components } from '../api/schema.js';
import { SectionTitle } from './common.js';

type Profile = components['schemas']['PolicyProfileEntry'];
type Propose = components['schemas']['ProposePolicyProfileDto'];
interface VersionForm {
  basedOnId: string;
  id: string;
  name: string;
  changes?: string;
}

// Policy profiles (docs/policy-profiles.md): versions never change; a new version revises a base, and
// a retired one can no longer be pinned by a new round (rounds that pinned it keep it).
export function ProfilesTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [viewing, setViewing] = useState<Profile | null>(null);
  const [adding, setAdding] = useState(false);
  const [retiring, setRetiring] = useState<Profile | null>(null);
  const [reason, setReason] = useState('');
  const profiles = useQuery({
    queryKey: ['policy-profiles'],
    queryFn: async () => (await unwrap(api.GET('/api/policy-profiles'))).items,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['policy-profiles'] });
  const add = useMutation({
    mutationFn: (v: VersionForm) => {
      // The changed values as the contract names them (deadlines, ratification, …); the rest is
      // taken from the base.
      // The contract asks for the whole rule set: the base's rules with the changes laid over them
      // (citations are the server's: unchanged values keep the base's, changed ones are marked).
      const base = profiles.data?.find((p) => p.id === v.basedOnId)?.body;
      const changes = v.changes?.trim() ? (JSON.parse(v.changes) as object) : {};
      const rules = Object.fromEntries(
        Object.entries(base ?? {}).filter(
          ([k]) => !['id', 'name', 'family', 'version', 'sources'].includes(k),
        ),
      );
      const body = { ...overlay(rules, changes), basedOnId: v.basedOnId, id: v.id, name: v.name };
      return unwrap(
        api.POST('/api/policy-profiles', {
          params: { header: idempotencyKey() },
          body: body as Propose,
        }),
      );
    },
    onSuccess: () => {
      void message.success(t('admin.saved'));
      setAdding(false);
      refresh();
    },
  });
  const retire = useMutation({
    mutationFn: (p: Profile) =>
      unwrap(
        api.POST('/api/policy-profiles/{id}/retire', {
          params: { header: idempotencyKey(), path: { id: p.id } },
          body: { reason },
        }),
      ),
    onSuccess: () => {
      setRetiring(null);
      refresh();
    },
  });
  return (
    <Card
      title={<SectionTitle>{t('admin.profiles.title')}</SectionTitle>}
      extra={
        <Button type="primary" onClick={() => (add.reset(), setAdding(true))}>
          {t('admin.profiles.addVersion')}
        </Button>
      }
    >
      <RefusalAlert error={profiles.error} />
      <Table<Profile>
        rowKey="id"
        size="small"
        loading={profiles.isLoading}
        dataSource={profiles.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('admin.profiles.id'), dataIndex: 'id' },
          { title: t('admin.profiles.name'), dataIndex: 'name' },
          { title: t('admin.profiles.family'), dataIndex: 'family' },
          { title: t('admin.profiles.version'), dataIndex: 'version' },
          { title: t('admin.profiles.basedOn'), dataIndex: 'basedOnId' },
          {
            title: t('admin.accounts.status'),
            dataIndex: 'retiredAt',
            render: (r: string | null) =>
              r ? (
                <Tag>{t('admin.profiles.retiredOn', { at: formatDateTime(r, i18n.language) })}</Tag>
              ) : (
                <ToneTag tone="good">{t('admin.profiles.active')}</ToneTag>
              ),
          },
          {
            title: t('admin.actions'),
            key: 'actions',
            render: (_, p) => (
              <Space size={4}>
                <Button size="small" onClick={() => setViewing(p)}>
                  {t('admin.view')}
                </Button>
                {!p.retiredAt && (
                  <Button
                    size="small"
                    danger
                    onClick={() => (retire.reset(), setReason(''), setRetiring(p))}
                  >
                    {t('admin.profiles.retire')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={viewing !== null}
        size="large"
        title={viewing ? `${viewing.name} (${viewing.id})` : ''}
        onClose={() => setViewing(null)}
      >
        <pre style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
          {viewing ? JSON.stringify(viewing.body, null, 2) : ''}
        </pre>
      </Drawer>
      <Modal
        open={adding}
        title={t('admin.profiles.addVersion')}
        onCancel={() => setAdding(false)}
        footer={null}
        destroyOnHidden
      >
        <Form<VersionForm> layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item
            name="basedOnId"
            label={t('admin.profiles.basedOn')}
            rules={[{ required: true, message: t('admin.required') }]}
          >
            <Select options={(profiles.data ?? []).map((p) => ({ value: p.id, label: p.id }))} />
          </Form.Item>
          <Form.Item
            name="id"
            label={t('admin.profiles.id')}
            extra={t('admin.profiles.idHint')}
            rules={[
              { required: true, message: t('admin.required') },
              { pattern: /^[a-z0-9-]{2,60}$/, message: t('admin.profiles.idHint') },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('admin.profiles.name')}
            rules={[{ required: true, message: t('admin.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="changes"
            label={t('admin.profiles.changes')}
            extra={t('admin.profiles.changesHint')}
            rules={[
              {
                validator: async (_, v?: string) => {
                  if (v?.trim()) JSON.parse(v);
                },
                message: t('admin.profiles.changesInvalid'),
              },
            ]}
          >
            <Input.TextArea rows={6} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <RefusalAlert error={add.error} />
          <Button
            type="primary"
            htmlType="submit"
            loading={add.isPending}
            style={{ marginTop: 12 }}
          >
            {t('admin.save')}
          </Button>
        </Form>
      </Modal>
      <Modal
        open={retiring !== null}
        title={t('admin.profiles.retireTitle', { id: retiring?.id })}
        okText={t('admin.profiles.retire')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: retire.isPending }}
        onOk={() => retiring && retire.mutate(retiring)}
        onCancel={() => setRetiring(null)}
      >
        <label htmlFor="retire-reason">{t('admin.profiles.reason')}</label>
        <Input.TextArea
          id="retire-reason"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <RefusalAlert error={retire.error} />
      </Modal>
    </Card>
  );
}

// Values of `changes` replace those of `base`, object by object.
function overlay(base: Record<string, unknown>, changes: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(changes))
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object'
        ? overlay(base[k] as Record<string, unknown>, v as object)
        : v;
  return out;
}
