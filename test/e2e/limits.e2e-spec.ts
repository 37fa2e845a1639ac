import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { shoeCatalog } from '../../src/seed/demo-catalogs.js';
import {
  xinheRoundScript,
  DEMO_ACCOUNT,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Every bound set to exactly what the demo seed uses, so seeding proves each is accepted at the limit
// (405-line tables, a 234-process catalog, one agenda item and one offer a session per side, two
// sessions...); the tests then prove one more is refused, naming the setting, and changes nothing.
// Lists kept per side count only the sender's side.
const ENV = {
  LIMIT_RATE_TABLE_LINES: '405',
  LIMIT_CATALOG_PROCESSES: '234',
  LIMIT_CATALOG_GROUPS: '9',
  LIMIT_SURVEY_PROCESSES: '5',
  LIMIT_AGENDA_ITEMS: '1',
  LIMIT_INFORMATION_REQUESTS: '1',
  LIMIT_JOINT_SESSIONS: '2',
  LIMIT_OFFERS_PER_SESSION: '1',
  LIMIT_PAGE_SIZE: '2',
  LIMIT_HISTORY_PAGE: '5',
  // The demo rounds' records are under 8 KB; a 12 KB application takes this one past 16 KB.
  LIMIT_SNAPSHOT_BYTES: '16384',
};

let t: TestApp;
let api: ReturnType<typeof httpClient>;
let id: string;
let revision: number;

beforeAll(async () => {
  t = await startTestApp(ENV);
  api = httpClient(t);
  id = t.demo.rounds['2026'].id;
  revision = t.demo.rounds['2026'].revision;
}, 60_000);
afterAll(() => t?.close());

const script = xinheRoundScript(2026).toSignature;
const send = async (step: (typeof script)[number]) => {
  const res = await api.post(DEMO_ACCOUNT[step.as], `/api/negotiations/${id}/events`, {
    type: step.type,
    expectedRevision: revision,
    payload: step.payload,
  });
  if (res.status === 201) revision = res.body.revision;
  return res;
};
const unchanged = async () =>
  expect((await api.get('chen.chair', `/api/negotiations/${id}`)).body.revision).toBe(revision);

describe('bounded lists', () => {
  it('refuses a rate table one line longer than LIMIT_RATE_TABLE_LINES (400), storing nothing', async () => {
    const offer = script[0];
    const items = (offer.payload as { items: { processCode: string; rate: string }[] }).items;
    const longer = {
      ...offer.payload,
      items: [...items, { processCode: 'KN-99', rate: '1.0000' }],
    };
    const res = await send({ ...offer, payload: longer } as typeof offer);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { limit: 'rateTableLines', setting: 'LIMIT_RATE_TABLE_LINES', max: 405, count: 406 },
    });
    expect(res.body.message).toContain('LIMIT_RATE_TABLE_LINES');
    await unchanged();
  });

  it('takes a side’s offers up to LIMIT_OFFERS_PER_SESSION in a session and refuses its next (422)', async () => {
    // One offer per side: the employers' first does not use up the union's.
    expect((await send(script[0])).status).toBe(201);
    expect((await send(script[1])).status).toBe(201);
    const res = await send(script[0]);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'LIMIT_REACHED',
      details: { limit: 'offersPerSession', setting: 'LIMIT_OFFERS_PER_SESSION', max: 1 },
    });
    await unchanged();
  });

  it('refuses a third session, and a side’s second agenda item or information request, once each list is full', async () => {
    // Record, close and sign the second session: the round is between sessions again.
    for (const step of script.slice(2, 6)) expect((await send(step)).status).toBe(201);
    const refused = async (as: string, type: string, payload: object, limit: string) => {
      const res = await api.post(as, `/api/negotiations/${id}/events`, {
        type,
        expectedRevision: revision,
        payload,
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('LIMIT_REACHED');
      expect(res.body.details.limit).toBe(limit);
    };
    await refused(
      'chen.chair',
      'agenda.itemAdded',
      { itemId: 'a3', title: '第三项' },
      'agendaItems',
    );
    await refused(
      'chen.chair',
      'information.requested',
      { requestId: 'r2', subject: '企业产量', requestedOn: '2026-08-10' },
      'informationRequests',
    );
    const everyone = (script.find((s) => s.type === 'session.opened')?.payload ?? {
      attendance: ['chen.chair', 'lin.chief'],
    }) as object;
    await refused('chen.chair', 'session.opened', everyone, 'jointSessions');
    await unchanged();
  });

  it('bounds a catalog version’s processes by LIMIT_CATALOG_PROCESSES (400)', async () => {
    const catalog = shoeCatalog();
    const extra = { ...catalog.processes[0], code: 'SH-EXTRA' };
    const res = await api.post('admin', '/api/catalogs', {
      ...catalog,
      basedOnVersion: 1,
      processes: [...catalog.processes, extra],
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toMatchObject({ limit: 'catalogProcesses', max: 234, count: 235 });
  });

  it('bounds a survey’s processes by LIMIT_SURVEY_PROCESSES (400)', async () => {
    const res = await api.post('chen.chair', `/api/negotiations/${id}/surveys`, {
      processCodes: ['KN-01', 'KN-02', 'KN-03', 'KN-04', 'KN-05', 'KN-06'],
      openedOn: '2026-08-11',
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toMatchObject({ limit: 'surveyProcesses', max: 5, count: 6 });
  });

  it('bounds list and history pages by LIMIT_PAGE_SIZE and LIMIT_HISTORY_PAGE', async () => {
    expect((await api.get('chen.chair', '/api/negotiations?limit=2')).status).toBe(200);
    const list = await api.get('chen.chair', '/api/negotiations?limit=3');
    expect(list.status).toBe(400);
    expect(list.body.details).toMatchObject({ limit: 'pageSize', setting: 'LIMIT_PAGE_SIZE' });
    const history = `/api/negotiations/${id}/history?limit=`;
    expect((await api.get('chen.chair', `${history}5`)).body.items).toHaveLength(5);
    const page = await api.get('chen.chair', `${history}6`);
    expect(page.status).toBe(400);
    expect(page.body.details).toMatchObject({
      limit: 'historyPage',
      setting: 'LIMIT_HISTORY_PAGE',
    });
  });

  it('refuses an event that would grow the round’s record past LIMIT_SNAPSHOT_BYTES (422)', async () => {
    const res = await api.post('chen.chair', `/api/negotiations/${id}/events`, {
      type: 'coordination.requested',
      expectedRevision: revision,
      payload: { application: '争议事项：'.repeat(800), appliedOn: '2026-08-12' },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'LIMIT_REACHED',
      details: { limit: 'snapshotBytes', setting: 'LIMIT_SNAPSHOT_BYTES', max: 16384 },
    });
    expect(res.body.details.count).toBeGreaterThan(16384);
    await unchanged();
    // A short application fits.
    const short = await api.post('chen.chair', `/api/negotiations/${id}/events`, {
      type: 'coordination.requested',
      expectedRevision: revision,
      payload: { application: '争议事项：计件单价调整幅度', appliedOn: '2026-08-12' },
    });
    expect(short.status).toBe(201);
  });
});
