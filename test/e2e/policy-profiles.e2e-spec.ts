import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NAMED_POLICY_PROFILES, TAIZHOU_POLICY } from '../../src/kernel/policy/policy-profile.js';
import { PARTIES } from '../../src/seed/demo-reference.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Policy profile versions and the holiday calendar's years over HTTP, with the production pipes,
// guard and filter (ADR 0029): everyone reads, only an administrator adds, retires or publishes.

jest.setTimeout(30_000);

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let ds: DataSource;

beforeAll(async () => {
  t = await startTestApp();
  api = httpClient(t);
  ds = t.app.get(DataSource);
}, 60_000);
afterAll(() => t?.close());

const put = async (username: string, path: string, body: object) =>
  request(api.server)
    .put(path)
    .set('authorization', `Bearer ${await api.token(username)}`)
    .set('idempotency-key', randomUUID())
    .send(body);

const { id: _i, name: _n, family: _f, version: _v, ...taizhouBody } = TAIZHOU_POLICY;

describe('policy profiles over HTTP', () => {
  it('lists the four named profiles with family, version and a citation for every value', async () => {
    const res = await api.get('chen.chair', '/api/policy-profiles');
    expect(res.status).toBe(200);
    for (const p of NAMED_POLICY_PROFILES)
      expect(res.body.items).toContainEqual(
        expect.objectContaining({
          id: p.id,
          family: p.family,
          version: p.version,
          retiredAt: null,
          body: expect.objectContaining({ sources: p.sources }),
        }),
      );
  });

  it('lets only an administrator add or retire a version (403 ROLE_FORBIDDEN otherwise, nothing stored)', async () => {
    const version = {
      ...structuredClone(taizhouBody),
      id: 'e2e-taizhou',
      name: 'e2e',
      basedOnId: 'taizhou-v1',
    };
    for (const who of ['chen.chair', 'qian.auditor']) {
      const added = await api.post(who, '/api/policy-profiles', version);
      expect([added.status, added.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
      const retired = await api.post(who, '/api/policy-profiles/taizhou-v1/retire', {
        reason: 'no',
      });
      expect([retired.status, retired.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    }
    expect(await ds.query(`SELECT 1 FROM policy_profile WHERE id = 'e2e-taizhou'`)).toEqual([]);
    const [row] = await ds.query(`SELECT retired_at FROM policy_profile WHERE id = 'taizhou-v1'`);
    expect(row.retired_at).toBeNull();
  });

  it('answers a value outside the law with 422 POLICY_VALUE_OUT_OF_RANGE naming every field', async () => {
    const bad = structuredClone({
      ...taizhouBody,
      id: 'e2e-bad',
      name: 'bad',
      basedOnId: 'taizhou-v1',
    });
    bad.deadlines.filingDays = 14;
    bad.ratification.quorum = { numerator: 1, denominator: 2 };
    const res = await api.post('admin', '/api/policy-profiles', bad);
    expect([res.status, res.body.code]).toEqual([422, 'POLICY_VALUE_OUT_OF_RANGE']);
    expect(res.body.details.violations.map((v: { field: string }) => v.field)).toEqual([
      'ratification.quorum',
      'deadlines.filingDays',
    ]);
  });

  it('refuses to open a round on an unknown or retired version with a 422 and stores nothing', async () => {
    const body = (year: number, policyProfileId: string) => ({
      workerPartyId: PARTIES.xinheUnion.id,
      employerPartyId: PARTIES.xinheAssociation.id,
      year,
      title: 'e2e policy round',
      policyProfileId,
    });
    const unknown = await api.post('chen.chair', '/api/negotiations', body(2081, 'nope-v9'));
    expect([unknown.status, unknown.body.code]).toEqual([422, 'POLICY_PROFILE_UNKNOWN']);

    const added = await api.post('admin', '/api/policy-profiles', {
      ...structuredClone(taizhouBody),
      id: 'e2e-retire-me',
      name: 'to retire',
      basedOnId: 'taizhou-v1',
    });
    expect(added.status).toBe(201);
    const retired = await api.post('admin', '/api/policy-profiles/e2e-retire-me/retire', {
      reason: 'superseded in the e2e test',
    });
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).toEqual(expect.any(String));
    const refused = await api.post('chen.chair', '/api/negotiations', body(2082, 'e2e-retire-me'));
    expect([refused.status, refused.body.code]).toEqual([422, 'POLICY_PROFILE_RETIRED']);
    expect(await ds.query(`SELECT 1 FROM negotiation WHERE year IN (2081, 2082)`)).toEqual([]);
    // Still readable.
    expect((await api.get('chen.chair', '/api/policy-profiles/e2e-retire-me')).status).toBe(200);
  });
});

describe('calendar years over HTTP', () => {
  it('lists the published years and lets only an administrator publish one', async () => {
    const years = await api.get('chen.chair', '/api/calendar/years');
    expect(years.status).toBe(200);
    expect(years.body.items.map((y: { year: number }) => y.year)).toEqual(
      expect.arrayContaining([2025, 2026]),
    );
    const chair = await put('chen.chair', '/api/calendar/years/2027', { source: 'a guess' });
    expect([chair.status, chair.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    expect(await ds.query(`SELECT 1 FROM calendar_year WHERE year = 2027`)).toEqual([]);
    const bad = await put('admin', '/api/calendar/years/27', { source: 'State Council notice' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const ok = await put('admin', '/api/calendar/years/2027', {
      source: '国务院办公厅关于2027年部分节假日安排的通知 (e2e)',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ year: 2027, recomputed: expect.any(Array) });
  });

  it('shows the missing-calendar flag on the round’s deadlines', async () => {
    const res = await api.get('chen.chair', `/api/negotiations/${t.demo.rounds['2026'].id}`);
    expect(res.status).toBe(200);
    for (const d of res.body.deadlines) expect(d.calendarMissingYear).toBeNull();
  });
});
