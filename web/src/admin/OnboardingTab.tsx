import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiRefusal, unwrap } from '../app/api.js';
import { RefusalAlert } from '../app/refusal.js';
import { idempotencyKey } from '../api/client.js';
import type { components } from '../api/schema.js';
// The template the docs describe (docs/administration.md, `npm run docs:onboarding-template`),
// served as a hashed asset of the console.
import templateUrl from '../../../docs/examples/onboarding.xlsx?url';
import { fileBody, partyName, SectionTitle, useParties } from './common.js';

type Onboarded = components['schemas']['OnboardedRepresentative'];
interface RowProblem {
  row: number;
  column?: string;
  problem: string;
}

// Onboarding a delegation from its list (代表名单): every row valid and stored in one transaction, each
// with its one-time code and a grant proposal for the chief; or every problem of every row, and
// nothing stored.
export function OnboardingTab() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const parties = useParties();
  const [file, setFile] = useState<File | null>(null);
  const send = useMutation({
    mutationFn: (f: File) =>
      unwrap(
        api.POST('/api/accounts/onboarding', {
          params: { header: idempotencyKey() },
          ...fileBody(f),
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['accounts'] });
      void client.invalidateQueries({ queryKey: ['people'] });
    },
  });
  const problems: RowProblem[] =
    send.error instanceof ApiRefusal
      ? (((send.error.body.details as { rows?: RowProblem[] } | undefined)?.rows ??
          []) as RowProblem[])
      : [];
  return (
    <Card title={<SectionTitle>{t('admin.onboarding.title')}</SectionTitle>}>
      <Typography.Paragraph>{t('admin.onboarding.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <a href={templateUrl} download="代表名单-onboarding.xlsx">
          {t('admin.onboarding.template')}
        </a>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            send.reset();
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button>{t('admin.onboarding.choose')}</Button>
        </Upload>
        <Button
          type="primary"
          disabled={!file}
          loading={send.isPending}
          onClick={() => file && send.mutate(file)}
        >
          {t('admin.onboarding.send')}
        </Button>
      </Space>
      <RefusalAlert error={send.error} />
      {problems.length > 0 && (
        <Table<RowProblem>
          style={{ marginTop: 12 }}
          rowKey={(p) => `${p.row}:${p.column ?? ''}:${p.problem}`}
          size="small"
          pagination={false}
          dataSource={problems}
          columns={[
            { title: t('admin.onboarding.row'), dataIndex: 'row' },
            { title: t('admin.onboarding.column'), dataIndex: 'column' },
            { title: t('admin.onboarding.problem'), dataIndex: 'problem' },
          ]}
        />
      )}
      {send.data && (
        <>
          <Alert
            type="success"
            showIcon
            role="status"
            title={t('admin.onboarding.done', { count: send.data.accounts.length })}
            description={t('admin.onboarding.codesOnce')}
          />
          <Table<Onboarded>
            style={{ marginTop: 12 }}
            rowKey="accountId"
            size="small"
            pagination={false}
            dataSource={send.data.accounts}
            scroll={{ x: true }}
            columns={[
              { title: t('admin.onboarding.row'), dataIndex: 'row' },
              { title: t('admin.accounts.username'), dataIndex: 'username' },
              {
                title: t('admin.people.organisation'),
                dataIndex: 'organisationPartyId',
                render: (id: string) => partyName(parties.data, id, i18n.language),
              },
              {
                title: t('admin.onboarding.roleWanted'),
                dataIndex: 'roleWanted',
                render: (r: string) => t(`roles.${r}`),
              },
              {
                title: t('admin.code.column'),
                key: 'code',
                render: (_, a) => (
                  <Typography.Text code copyable={!!a.activationCode.code}>
                    {a.activationCode.code ?? t('admin.code.withheld')}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
