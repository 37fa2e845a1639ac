import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Input, InputNumber, Select, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../app/api.js';
import { formatDateTime } from '../app/dates.js';
import { useIndustries } from '../app/queries.js';
import { RefusalAlert } from '../app/refusal.js';
import { idempotencyKey } from '../api/client.js';
import type { components } from '../api/schema.js';
import { fileBody, SectionTitle } from './common.js';

type Summary = components['schemas']['CatalogSummary'];
type Process = components['schemas']['CatalogProcess'];

// Process catalogs (工序目录, docs/piece-rates.md): versioned per industry; a new version is imported
// from a spreadsheet and, when it replaces one, maps the old codes to the new.
export function CatalogsTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const industries = useIndustries();
  const [viewing, setViewing] = useState<Summary | null>(null);
  const [industry, setIndustry] = useState<string | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [basedOn, setBasedOn] = useState<number | null>(null);
  const catalogs = useQuery({
    queryKey: ['catalogs'],
    queryFn: async () => (await unwrap(api.GET('/api/catalogs'))).items,
  });
  const version = useQuery({
    queryKey: ['catalog', viewing?.industryCode, viewing?.version],
    enabled: viewing !== null,
    queryFn: () =>
      unwrap(
        api.GET('/api/catalogs/{industry}/{version}', {
          params: { path: { industry: viewing!.industryCode, version: viewing!.version } },
        }),
      ),
  });
  const upload = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/catalogs/{industry}/import', {
          params: {
            header: idempotencyKey(),
            path: { industry: industry! },
            query: { ...(note ? { note } : {}), ...(basedOn ? { basedOnVersion: basedOn } : {}) },
          },
          ...fileBody(file!),
        }),
      ),
    onSuccess: () => {
      void message.success(t('admin.saved'));
      void client.invalidateQueries({ queryKey: ['catalogs'] });
    },
  });
  const industryName = (code: string) => {
    const i = industries.data?.find((x) => x.code === code);
    return i ? (i18n.language === 'en' ? (i.nameEn ?? i.nameZh) : i.nameZh) : code;
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card title={<SectionTitle>{t('admin.catalogs.title')}</SectionTitle>}>
        <RefusalAlert error={catalogs.error} />
        <Table<Summary>
          rowKey="id"
          size="small"
          loading={catalogs.isLoading}
          dataSource={catalogs.data ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('rounds.industry'), dataIndex: 'industryCode', render: industryName },
            { title: t('admin.catalogs.version'), dataIndex: 'version' },
            { title: t('admin.catalogs.basedOn'), dataIndex: 'basedOnVersion' },
            { title: t('admin.catalogs.processes'), dataIndex: 'processes' },
            { title: t('admin.catalogs.note'), dataIndex: 'note' },
            {
              title: t('admin.catalogs.createdAt'),
              dataIndex: 'createdAt',
              render: (x: string) => formatDateTime(x, i18n.language),
            },
            {
              title: t('admin.actions'),
              key: 'actions',
              render: (_, c) => (
                <Button size="small" onClick={() => setViewing(c)}>
                  {t('admin.view')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={<SectionTitle>{t('admin.catalogs.import')}</SectionTitle>}>
        <Space wrap align="end">
          <Select
            aria-label={t('rounds.industry')}
            placeholder={t('rounds.industry')}
            style={{ minWidth: 200 }}
            value={industry}
            onChange={setIndustry}
            options={(industries.data ?? []).map((i) => ({
              value: i.code,
              label: industryName(i.code),
            }))}
          />
          <InputNumber
            aria-label={t('admin.catalogs.basedOn')}
            placeholder={t('admin.catalogs.basedOn')}
            min={1}
            value={basedOn}
            onChange={(v) => setBasedOn(v)}
          />
          <Input
            aria-label={t('admin.catalogs.note')}
            placeholder={t('admin.catalogs.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => (setFile(f), false)}
            onRemove={() => setFile(null)}
          >
            <Button>{t('admin.onboarding.choose')}</Button>
          </Upload>
          <Button
            type="primary"
            disabled={!file || !industry}
            loading={upload.isPending}
            onClick={() => upload.mutate()}
          >
            {t('admin.catalogs.importSubmit')}
          </Button>
        </Space>
        <div style={{ marginTop: 12 }}>
          <RefusalAlert error={upload.error} />
        </div>
      </Card>
      <Drawer
        open={viewing !== null}
        size="large"
        title={viewing ? `${industryName(viewing.industryCode)} v${viewing.version}` : ''}
        onClose={() => setViewing(null)}
      >
        <RefusalAlert error={version.error} />
        <Table<Process>
          rowKey="code"
          size="small"
          loading={version.isLoading}
          dataSource={version.data?.processes ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('admin.catalogs.code'), dataIndex: 'code' },
            { title: t('admin.catalogs.section'), dataIndex: 'sectionCode' },
            {
              title: t('admin.catalogs.processName'),
              key: 'name',
              render: (_, p) => (i18n.language === 'en' ? (p.nameEn ?? p.nameZh) : p.nameZh),
            },
            { title: t('admin.catalogs.unit'), dataIndex: 'unit' },
          ]}
        />
      </Drawer>
    </Space>
  );
}
