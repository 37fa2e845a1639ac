import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AdministrationLog } from '../../src/administration/administration-log.service.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The administration log (ADR 0022): appended inside the writer's transaction, read and verified by
// auditors and administrators only, append-only in the database itself.

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let ds: DataSource;
let log: AdministrationLog;

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
  ds = t.app.get(DataSource);
  log = t.app.get(AdministrationLog);
}, 60_000);
afterAll(() => t?.close());

const append = (action: string, id: string) =>
  ds.transaction((em) =>
    log.append(em, {
      actorAccountId: null,
      action,
      subject: { type: 'account', id },
      details: { reason: 'test' },
    }),
  );

describe('the administration log', () => {
  it('keeps an entry only when its transaction commits, and chains what it keeps', async () => {
    const before = (await api.get('qian.auditor', '/api/administration/log?limit=1000')).body.items
      .length;
    await append('account.disabled', 'kept-1');
    await expect(
      ds.transaction(async (em) => {
        await log.append(em, {
          actorAccountId: null,
          action: 'account.disabled',
          subject: { type: 'account', id: 'rolled-back' },
        });
        throw new Error('the change this entry records failed');
      }),
    ).rejects.toThrow('failed');
    await append('account.enabled', 'kept-2');

    const res = await api.get('qian.auditor', '/api/administration/log?limit=1000');
    expect(res.status).toBe(200);
    const items = res.body.items as { seq: number; subject: { id: string }; prevHash: string }[];
    expect(items.map((e) => e.subject.id).slice(before)).toEqual(['kept-1', 'kept-2']);
    expect(items.map((e) => e.seq)).toEqual(items.map((_, i) => i + 1));

    const verified = await api.get('admin', '/api/administration/log/verify');
    expect(verified.body).toMatchObject({ valid: true, entries: items.length, firstBreak: null });
  });

  it('serialises concurrent appends into one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => append('grant.proposed', `c-${i}`)));
    const verified = await api.get('qian.auditor', '/api/administration/log/verify');
    expect(verified.body.valid).toBe(true);
  });

  it('is refused to everyone but auditors and administrators', async () => {
    for (const who of ['chen.chair', 'lin.chief', 'ye.recorder', 'liu.labour', 'wang.w1']) {
      const res = await api.get(who, '/api/administration/log');
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'ROLE_FORBIDDEN']);
    }
  });

  it('cannot be rewritten or emptied in the database', async () => {
    await append('account.created', 'to-rewrite');
    for (const sql of [
      `UPDATE administration_log_entry SET action = 'account.erased'`,
      `DELETE FROM administration_log_entry`,
      `TRUNCATE administration_log_entry`,
    ])
      await expect(ds.query(sql)).rejects.toThrow(/append-only/);
  });
});
