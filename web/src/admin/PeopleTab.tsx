import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../app/api.js';
import { pageWindow, serverPagination } from '../app/paging.js';
import { RefusalAlert } from '../app/refusal.js';
import { idempotencyKey } from '../api/client.js';
import type { components } from '../api/schema.js';
import { partyName, SectionTitle, useParties } from './common.js';

type Person = components['schemas']['PersonRecord'];
type PersonForm = components['schemas']['CreatePersonDto'];

// The people registry (PIPL): administrators read every field, register and correct people.
export function PeopleTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const parties = useParties();
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  // Paged on the server: the registry of a county's industries holds thousands of people.
  const [page, setPage] = useState(1);
  const people = useQuery({
    queryKey: ['people', name, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/people', {
          params: {
            query: { ...pageWindow(page), ...(name ? { name } : {}) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const save = useMutation({
    mutationFn: async (values: PersonForm) => {
      const header = idempotencyKey();
      const clean = Object.fromEntries(
        Object.entries(values).filter(([, v]) => v !== undefined && v !== ''),
      ) as PersonForm;
      if (editing === 'new' || !editing)
        return unwrap(api.POST('/api/people', { params: { header }, body: clean }));
      return unwrap(
        api.PATCH('/api/people/{personId}', {
          params: { header, path: { personId: editing.id } },
          body: clean,
        }),
      );
    },
    onSuccess: () => {
      void message.success(t('admin.saved'));
      setEditing(null);
      void client.invalidateQueries({ queryKey: ['people'] });
    },
  });
  const partyOptions = (parties.data ?? []).map((p) => ({
    value: p.id,
    label: partyName(parties.data, p.id, i18n.language),
  }));
  return (
    <Card
      title={<SectionTitle>{t('admin.people.title')}</SectionTitle>}
      extra={
        <Button type="primary" onClick={() => (save.reset(), setEditing('new'))}>
          {t('admin.people.create')}
        </Button>
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('admin.people.search')}
          placeholder={t('admin.people.search')}
          allowClear
          onSearch={(v) => {
            setName(v);
            setPage(1);
          }}
        />
      </Space>
      <RefusalAlert error={people.error} />
      <Table<Person>
        rowKey="id"
        size="small"
        loading={people.isLoading}
        dataSource={people.data?.items ?? []}
        pagination={serverPagination(page, people.data?.total, setPage, t, 'admin.people.total')}
        scroll={{ x: true }}
        columns={[
          {
            title: t('admin.people.fullName'),
            dataIndex: 'fullName',
            render: (v: string | null, p) => (p.erased ? <Tag>{t('admin.people.erased')}</Tag> : v),
          },
          {
            title: t('admin.people.organisation'),
            dataIndex: 'organisationPartyId',
            render: (id: string | null) => partyName(parties.data, id, i18n.language),
          },
          { title: t('admin.people.position'), dataIndex: 'position' },
          { title: t('admin.people.phone'), dataIndex: 'phone' },
          { title: t('admin.people.email'), dataIndex: 'email' },
          {
            title: t('admin.actions'),
            key: 'actions',
            render: (_, p) =>
              p.erased ? null : (
                <Button size="small" onClick={() => (save.reset(), setEditing(p))}>
                  {t('admin.people.correct')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('admin.people.create') : t('admin.people.correct')}
        onCancel={() => setEditing(null)}
        footer={null}
        destroyOnHidden
      >
        <Form<PersonForm>
          layout="vertical"
          initialValues={
            editing && editing !== 'new'
              ? {
                  fullName: editing.fullName ?? '',
                  phone: editing.phone ?? undefined,
                  email: editing.email ?? undefined,
                  position: editing.position ?? undefined,
                  organisationPartyId: editing.organisationPartyId ?? undefined,
                }
              : {}
          }
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item
            name="fullName"
            label={t('admin.people.fullName')}
            rules={[{ required: true, message: t('admin.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="organisationPartyId" label={t('admin.people.organisation')}>
            <Select allowClear options={partyOptions} />
          </Form.Item>
          <Form.Item name="position" label={t('admin.people.position')}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('admin.people.phone')}>
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item name="email" label={t('admin.people.email')}>
            <Input type="email" />
          </Form.Item>
          <RefusalAlert error={save.error} />
          <Button
            type="primary"
            htmlType="submit"
            loading={save.isPending}
            style={{ marginTop: 12 }}
          >
            {t('admin.save')}
          </Button>
        </Form>
      </Modal>
    </Card>
  );
}
