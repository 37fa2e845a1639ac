import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Modal, Space, Typography, message } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { paths } from '../api/schema.js';
import { idempotencyKey } from '../api/client.js';
import { api, ApiRefusal, unwrap } from '../app/api.js';
import { RefusalAlert } from '../app/refusal.js';
import { pick } from '../i18n/index.js';
import { eventsByType, type Procedure, type ProcedureEvent } from './procedure.js';
import type { RoundView } from './round-types.js';
import { SchemaFields, type ReferenceOptions } from './schema-form/SchemaForm.js';
import {
  describeFields,
  type Field,
  initialValues,
  problemsOnFields,
  type Schemas,
  toPayload,
} from './schema-form/schema.js';

type EventBody = NonNullable<
  paths['/api/negotiations/{id}/events']['post']['requestBody']
>['content']['application/json'];

const EVENTS_PATH = '/api/negotiations/{id}/events';

// "What I may do now": one button per event the round says I may send (youMaySend), each opening a
// form drawn from the payload schema its procedure names. Nothing here knows an event by name.
export function ActionPanel({
  round,
  procedure,
  schemas,
  openTab,
}: {
  round: RoundView;
  procedure: Procedure | undefined;
  schemas: Schemas | undefined;
  openTab: (key: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<ProcedureEvent | null>(null);
  const [stale, setStale] = useState(false);
  const events = eventsByType(procedure);
  // A form whose event the round no longer takes (someone moved it meanwhile) closes by itself.
  const showing = open && round.youMaySend.includes(open.type) ? open : null;
  return (
    <>
      {stale && !showing && <StaleAlert onClose={() => setStale(false)} />}
      {round.youMaySend.length === 0 && <Empty description={t('round.nothingToDo')} />}
      <div data-testid="may-send">
        <Space wrap>
          {round.youMaySend.map((type) => {
            const e = events.get(type);
            const label = e ? pick(e.description, i18n.language) : type;
            return (
              <Button
                key={type}
                data-event={type}
                onClick={() => {
                  if (e && e.path !== EVENTS_PATH && e.path.endsWith('/caucuses'))
                    openTab('caucus');
                  else if (e) {
                    setStale(false);
                    setOpen(e);
                  }
                }}
                disabled={!e || !schemas}
              >
                {label}
              </Button>
            );
          })}
        </Space>
      </div>
      {showing && schemas && (
        <EventForm
          key={showing.type}
          round={round}
          event={showing}
          schemas={schemas}
          onClose={() => setOpen(null)}
          onStale={() => setStale(true)}
          stale={stale}
        />
      )}
    </>
  );
}

// Someone changed the round after this person read it: the round is reloaded, and they are told.
export function StaleAlert({ onClose }: { onClose?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="stale"
      title={t('round.stale')}
      closable={onClose ? { onClose } : false}
      style={{ marginBottom: 12 }}
    />
  );
}

function EventForm({
  round,
  event,
  schemas,
  onClose,
  onStale,
  stale,
}: {
  round: RoundView;
  event: ProcedureEvent;
  schemas: Schemas;
  onClose: () => void;
  onStale: () => void;
  stale: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const fields: Field[] = useMemo(
    () => describeFields({ $ref: `#/components/schemas/${event.payloadSchema}` }, schemas),
    [event.payloadSchema, schemas],
  );
  const references = useReferences(round);
  // One key per intended change: a retry after a network failure resends the same key (the server
  // answers the first outcome again); an answer from the server, or a changed form, ends it.
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const title = pick(event.description, i18n.language);

  async function submit(values: Record<string, unknown>) {
    const payload = toPayload(fields, values);
    const body = { type: event.type, expectedRevision: round.revision, payload };
    const signature = JSON.stringify(body);
    if (!attempt.current || attempt.current.body !== signature)
      attempt.current = { key: crypto.randomUUID(), body: signature };
    setSending(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/api/negotiations/{id}/events', {
          params: { path: { id: round.id }, header: idempotencyKey(attempt.current.key) },
          body: body as unknown as EventBody,
        }),
      );
      attempt.current = null;
      void message.success(t('round.sent', { event: title }));
      await queryClient.invalidateQueries({ queryKey: ['round', round.id] });
      onClose();
    } catch (e) {
      if (e instanceof ApiRefusal) attempt.current = null;
      if (e instanceof ApiRefusal && e.code === 'NEGOTIATION_STALE_REVISION') {
        onStale();
        await queryClient.invalidateQueries({ queryKey: ['round', round.id] });
      } else {
        setError(e);
        if (e instanceof ApiRefusal) {
          const { onFields } = problemsOnFields(fields, e.body?.details);
          form.setFields(onFields.map((p) => ({ name: p.path, errors: p.messages })));
        }
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('round.cancel')}
        </Button>,
        <Button key="send" type="primary" loading={sending} onClick={() => form.submit()}>
          {t('round.send')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        <code>{event.type}</code> · {t('round.revisionRead', { revision: round.revision })}
      </Typography.Paragraph>
      {stale && <StaleAlert />}
      <div style={{ marginBottom: error ? 12 : 0 }}>
        <RefusalAlert error={error} />
      </div>
      <Form
        form={form}
        name={`event-${event.type.replace(/\W/g, '-')}`}
        layout="vertical"
        initialValues={initialValues(fields)}
        onFinish={submit}
        scrollToFirstError
      >
        {fields.length === 0 ? (
          <Typography.Paragraph>{t('round.noFields')}</Typography.Paragraph>
        ) : (
          <SchemaFields fields={fields} references={references} />
        )}
      </Form>
    </Modal>
  );
}

// The ids a form may need that the round already knows: its people (both delegations and the
// recorder) and its offers.
function useReferences(round: RoundView): ReferenceOptions {
  const { t } = useTranslation();
  return useMemo(() => {
    const people = new Map<string, string>();
    for (const side of ['worker', 'employer'] as const)
      for (const d of round.delegations[side])
        people.set(d.personId, `${d.name ?? t('round.erased')} · ${t(`round.side.${side}`)}`);
    if (round.recorder)
      people.set(
        round.recorder.personId,
        `${round.recorder.name ?? t('round.erased')} · ${t('round.recorder')}`,
      );
    const offers = new Map<string, string>();
    for (const s of round.sessions)
      for (const o of s.offers)
        offers.set(
          o.id,
          t('round.offerLabel', { side: t(`round.side.${o.side}`), session: o.sessionNumber }) +
            (o.note ? ` · ${o.note}` : ''),
        );
    return {
      person: [...people].map(([value, label]) => ({ value, label })),
      offer: [...offers].map(([value, label]) => ({ value, label })),
    };
  }, [round, t]);
}
