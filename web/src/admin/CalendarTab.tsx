import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../app/api.js';
import { formatDateTime, todayInChina } from '../app/dates.js';
import { RefusalAlert } from '../app/refusal.js';
import { ToneTag } from '../app/ToneTag.js';
import { idempotencyKey } from '../api/client.js';
import type { components } from '../api/schema.js';
import { SectionTitle } from './common.js';

type Day = components['schemas']['CalendarDay'];
type Year = components['schemas']['CalendarYear'];
interface DayForm {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

// The holiday calendar (docs/policy-profiles.md): deadlines in working days count on it; a year is
// published from the State Council's notice, and its days are marked one by one.
export function CalendarTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [year, setYear] = useState(Number(todayInChina().slice(0, 4)));
  const [source, setSource] = useState('');
  const [publishYear, setPublishYear] = useState(String(year + 1));
  const years = useQuery({
    queryKey: ['calendar-years'],
    queryFn: async () => (await unwrap(api.GET('/api/calendar/years'))).items,
  });
  const days = useQuery({
    queryKey: ['calendar-days', year],
    queryFn: async () =>
      (await unwrap(api.GET('/api/calendar/days', { params: { query: { year } } }))).items,
  });
  const publish = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/calendar/years/{year}', {
          params: { header: idempotencyKey(), path: { year: Number(publishYear) } },
          body: { source },
        }),
      ),
    onSuccess: () => {
      void message.success(t('admin.saved'));
      void client.invalidateQueries({ queryKey: ['calendar-years'] });
    },
  });
  const mark = useMutation({
    mutationFn: (v: DayForm) =>
      unwrap(
        api.PUT('/api/calendar/days/{day}', {
          params: { header: idempotencyKey(), path: { day: v.day } },
          body: { kind: v.kind, name: v.name },
        }),
      ),
    onSuccess: () => {
      void message.success(t('admin.saved'));
      void client.invalidateQueries({ queryKey: ['calendar-days'] });
    },
  });
  const unmark = useMutation({
    mutationFn: (day: string) =>
      unwrap(
        api.DELETE('/api/calendar/days/{day}', {
          params: { header: idempotencyKey(), path: { day } },
        }),
      ),
    onSettled: () => void client.invalidateQueries({ queryKey: ['calendar-days'] }),
  });
  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card title={<SectionTitle>{t('admin.calendar.years')}</SectionTitle>}>
          <RefusalAlert error={years.error} />
          <Table<Year>
            rowKey="year"
            size="small"
            pagination={false}
            loading={years.isLoading}
            dataSource={years.data ?? []}
            onRow={(y) => ({ onClick: () => setYear(y.year) })}
            columns={[
              {
                title: t('admin.calendar.year'),
                dataIndex: 'year',
                render: (y: number) => (
                  <Button type="link" size="small" onClick={() => setYear(y)}>
                    {y}
                  </Button>
                ),
              },
              { title: t('admin.calendar.source'), dataIndex: 'source' },
              {
                title: t('admin.calendar.publishedAt'),
                dataIndex: 'publishedAt',
                render: (x: string) => formatDateTime(x, i18n.language),
              },
            ]}
          />
          <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
            <SectionTitle>{t('admin.calendar.publish')}</SectionTitle>
            <label htmlFor="publish-year">{t('admin.calendar.year')}</label>
            <Input
              id="publish-year"
              inputMode="numeric"
              value={publishYear}
              onChange={(e) => setPublishYear(e.target.value)}
            />
            <label htmlFor="publish-source">{t('admin.calendar.source')}</label>
            <Input.TextArea
              id="publish-source"
              rows={2}
              value={source}
              onChange={(e) => setSource(e.target.value)}
            />
            <RefusalAlert error={publish.error} />
            <Button
              type="primary"
              disabled={!source.trim() || !/^\d{4}$/.test(publishYear)}
              loading={publish.isPending}
              onClick={() => publish.mutate()}
            >
              {t('admin.calendar.publish')}
            </Button>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card
          title={<SectionTitle>{t('admin.calendar.days', { year })}</SectionTitle>}
          extra={
            <Select
              aria-label={t('admin.calendar.year')}
              value={year}
              onChange={setYear}
              options={[...new Set([...(years.data ?? []).map((y) => y.year), year])].map((y) => ({
                value: y,
                label: y,
              }))}
            />
          }
        >
          <RefusalAlert error={days.error ?? unmark.error} />
          <Table<Day>
            rowKey="day"
            size="small"
            loading={days.isLoading}
            dataSource={days.data ?? []}
            pagination={{ pageSize: 15, hideOnSinglePage: true }}
            columns={[
              { title: t('admin.calendar.day'), dataIndex: 'day' },
              {
                title: t('admin.calendar.kind'),
                dataIndex: 'kind',
                render: (k: Day['kind']) => (
                  <ToneTag tone={k === 'holiday' ? 'bad' : 'info'}>
                    {t(`admin.calendar.${k}`)}
                  </ToneTag>
                ),
              },
              { title: t('admin.calendar.name'), dataIndex: 'name' },
              {
                title: t('admin.actions'),
                key: 'actions',
                render: (_, d) => (
                  <Button size="small" onClick={() => unmark.mutate(d.day)}>
                    {t('admin.calendar.unmark')}
                  </Button>
                ),
              },
            ]}
          />
          <Form<DayForm>
            layout="inline"
            style={{ marginTop: 16, rowGap: 8 }}
            initialValues={{ kind: 'holiday' }}
            onFinish={(v) => mark.mutate(v)}
          >
            <Form.Item
              name="day"
              label={t('admin.calendar.day')}
              rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}
            >
              <Input placeholder="2027-10-01" style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="kind" label={t('admin.calendar.kind')}>
              <Select
                style={{ width: 140 }}
                options={[
                  { value: 'holiday', label: t('admin.calendar.holiday') },
                  { value: 'workday', label: t('admin.calendar.workday') },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="name"
              label={t('admin.calendar.name')}
              rules={[{ required: true, message: t('admin.required') }]}
            >
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={mark.isPending}>
              {t('admin.calendar.mark')}
            </Button>
          </Form>
          <RefusalAlert error={mark.error} />
        </Card>
      </Col>
    </Row>
  );
}
