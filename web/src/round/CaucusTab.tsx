import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, List, Typography, message } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { idempotencyKey } from '../api/client.js';
import { api, ApiRefusal, unwrap } from '../app/api.js';
import { formatDateTime, todayInChina } from '../app/dates.js';
import { RefusalAlert } from '../app/refusal.js';
import { StaleAlert } from './ActionPanel.js';
import type { RoundView } from './round-types.js';

// Caucus notes of one's own side only. The API refuses the other side's (CAUCUS_CONFIDENTIAL); the
// screen does not offer them: a person on neither side is told so and nothing is fetched.
export default function CaucusTab({ round }: { round: RoundView }) {
  const { t } = useTranslation();
  // Exactly one side: the API trusts an account that reads as both with neither.
  if (round.yourSides.length !== 1)
    return <Alert type="info" showIcon title={t('round.caucusNoSide')} />;
  return <SideCaucus round={round} />;
}

function SideCaucus({ round }: { round: RoundView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ heldOn: string; notes: string }>();
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const [sending, setSending] = useState(false);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const notes = useQuery({
    queryKey: ['round', round.id, 'caucuses'],
    queryFn: () =>
      unwrap(api.GET('/api/negotiations/{id}/caucuses', { params: { path: { id: round.id } } })),
  });
  // caucus.held goes through its own route, but the round takes it only in some states (between
  // sessions): the form is offered only then.
  const mayRecord = round.acceptedEvents.includes('caucus.held');

  async function record(values: { heldOn: string; notes: string }) {
    const body = { expectedRevision: round.revision, heldOn: values.heldOn, notes: values.notes };
    const signature = JSON.stringify(body);
    if (!attempt.current || attempt.current.body !== signature)
      attempt.current = { key: crypto.randomUUID(), body: signature };
    setSending(true);
    setError(null);
    setStale(false);
    try {
      await unwrap(
        api.POST('/api/negotiations/{id}/caucuses', {
          params: { path: { id: round.id }, header: idempotencyKey(attempt.current.key) },
          body,
        }),
      );
      attempt.current = null;
      form.resetFields();
      void message.success(t('round.caucusRecorded'));
    } catch (e) {
      if (e instanceof ApiRefusal) attempt.current = null;
      if (e instanceof ApiRefusal && e.code === 'NEGOTIATION_STALE_REVISION') setStale(true);
      else setError(e);
    } finally {
      setSending(false);
      await queryClient.invalidateQueries({ queryKey: ['round', round.id] });
    }
  }

  const sideName = t(`round.side.${notes.data?.side ?? round.yourSides[0]}`);
  return (
    <>
      <Typography.Paragraph>{t('round.caucusIntro', { side: sideName })}</Typography.Paragraph>
      {!mayRecord && round.outcome === 'open' && (
        <Typography.Paragraph type="secondary" data-testid="caucus-not-now">
          {t('round.caucusNotNow')}
        </Typography.Paragraph>
      )}
      {mayRecord && (
        <Card
          size="small"
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('round.caucusNew')}</h2>}
          style={{ marginBottom: 16 }}
        >
          {stale && <StaleAlert />}
          <RefusalAlert error={error} />
          <Form
            form={form}
            name="caucus"
            layout="vertical"
            initialValues={{ heldOn: todayInChina() }}
            onFinish={record}
          >
            <Form.Item
              name="heldOn"
              label={t('roundFields.heldOn')}
              rules={[
                {
                  required: true,
                  message: t('round.fieldRequired', { field: t('roundFields.heldOn') }),
                },
              ]}
            >
              <Input type="date" style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item
              name="notes"
              label={t('roundFields.notes')}
              extra={t('round.caucusConfidential')}
              rules={[
                {
                  required: true,
                  message: t('round.fieldRequired', { field: t('roundFields.notes') }),
                },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={sending}>
              {t('round.caucusRecord')}
            </Button>
          </Form>
        </Card>
      )}
      <RefusalAlert error={notes.error} />
      <div data-testid="caucus-notes">
        <List
          loading={notes.isLoading}
          dataSource={notes.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('round.caucusNone')} /> }}
          renderItem={(n) => (
            <List.Item>
              <List.Item.Meta
                title={t('round.caucusHeldOn', { date: n.heldOn })}
                description={
                  <>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                      {n.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt, i18n.language)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </div>
    </>
  );
}
