import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiRefusal, type ApiError } from '../app/api.js';
import { idempotencyKey } from '../api/client.js';
import { RefusalAlert } from '../app/refusal.js';
import type { RoundView } from '../round/round-types.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Downloads of the latest tables (the server writes the 工价表; the browser only saves the file) and,
// for those who may table an offer now, the upload of one. No spreadsheet code runs in the browser.
export function OfferFiles({ round }: { round: RoundView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const latest = (['worker', 'employer'] as const).flatMap((side) =>
    round.latestOffers[side] ? [{ side, id: round.latestOffers[side].id }] : [],
  );
  const download = async (offerId: string, format: 'xlsx' | 'csv') => {
    setError(null);
    const { data, error, response } = await api.GET(
      '/api/negotiations/{id}/offers/{offerId}/export',
      { params: { path: { id: round.id, offerId }, query: { format } }, parseAs: 'blob' },
    );
    if (error !== undefined || !response.ok || !data) {
      setError(new ApiRefusal(response.status, error as ApiError));
      return;
    }
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
      `offer-${offerId}.${format}`;
    const url = URL.createObjectURL(data);
    const a = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const mayTable = round.youMaySend.includes('offer.tabled');
  return (
    <Space wrap>
      {latest.length ? (
        <Dropdown
          trigger={['click']}
          menu={{
            items: latest.flatMap(({ side, id }) =>
              (['xlsx', 'csv'] as const).map((format) => ({
                key: `${side}-${format}`,
                label: t(format === 'xlsx' ? 'offers.downloadXlsx' : 'offers.downloadCsv', {
                  side: t(`offers.${side}`),
                }),
                onClick: () => void download(id, format).catch(setError),
              })),
            ),
          }}
        >
          <Button data-testid="download-offers">{t('offers.download')}</Button>
        </Dropdown>
      ) : null}
      {mayTable ? (
        <UploadOffer
          round={round}
          onDone={(r) => message.success(t('offers.uploaded', { revision: r }))}
        />
      ) : null}
      {error ? (
        <div style={{ maxWidth: 360 }}>
          <RefusalAlert error={error} />
        </div>
      ) : null}
    </Space>
  );
}

function UploadOffer({ round, onDone }: { round: RoundView; onDone: (revision: number) => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<'full' | 'subset'>('full');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const send = async (chosen: File) => {
    setBusy(true);
    setError(null);
    setStale(false);
    // One key per chosen file: the user's one intended change.
    const header = idempotencyKey();
    try {
      const csv = chosen.name.toLowerCase().endsWith('.csv');
      const { data, error, response } = await api.POST('/api/negotiations/{id}/offers', {
        params: {
          path: { id: round.id },
          query: {
            expectedRevision: round.revision,
            scope,
            ...(note.trim() ? { note: note.trim() } : {}),
          },
          header,
        },
        headers: { 'Content-Type': csv ? 'text/csv' : XLSX_TYPE },
        // The body is the file itself (docs/api.md, uploads): the description types it as a
        // binary string, so the typed body is empty and the serializer hands fetch the File.
        body: '',
        bodySerializer: () => chosen,
      });
      if (error !== undefined || !response.ok) {
        const refusal = new ApiRefusal(response.status, error as ApiError);
        if (refusal.code === 'NEGOTIATION_STALE_REVISION') {
          setStale(true);
          await queries.invalidateQueries({ queryKey: ['round', round.id] });
        }
        setError(refusal);
        return;
      }
      setOpen(false);
      setNote('');
      await queries.invalidateQueries({ queryKey: ['round', round.id] });
      onDone(data.revision);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      if (file.current) file.current.value = '';
    }
  };
  return (
    <>
      <Button type="primary" data-testid="upload-offer" onClick={() => setOpen(true)}>
        {t('offers.upload')}
      </Button>
      <Modal
        open={open}
        title={t('offers.upload')}
        onCancel={() => setOpen(false)}
        footer={null}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('offers.uploadHint')}</Typography.Paragraph>
        {stale ? (
          <Typography.Paragraph type="warning" role="status">
            {t('offers.staleReloaded')}
          </Typography.Paragraph>
        ) : null}
        <RefusalAlert error={error} />
        <Form layout="vertical" style={{ marginTop: 12 }}>
          <Form.Item label={t('offers.uploadScope')} htmlFor="offer-upload-scope">
            <Select
              id="offer-upload-scope"
              value={scope}
              onChange={setScope}
              options={[
                { value: 'full', label: t('offers.scopeFull') },
                { value: 'subset', label: t('offers.scopeSubset') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('offers.uploadNote')} htmlFor="offer-upload-note">
            <Input id="offer-upload-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </Form.Item>
          <input
            ref={file}
            id="offer-upload-file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={t('offers.chooseFile')}
            data-testid="offer-upload-file"
            style={{ display: 'none' }}
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              if (chosen) void send(chosen);
            }}
          />
          <Button type="primary" loading={busy} onClick={() => file.current?.click()}>
            {t('offers.chooseFile')}
          </Button>
        </Form>
      </Modal>
    </>
  );
}
