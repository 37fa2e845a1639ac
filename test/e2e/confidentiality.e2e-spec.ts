import { execFileSync } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { requestHash } from '../../src/common/idempotency.js';
import { createLogger } from '../../src/common/logger.js';
import { noteMatchesCommitment } from '../../src/kernel/round/caucus-commitment.js';
import { CaucusService } from '../../src/negotiation/caucus.service.js';
import { ACCOUNTS, PEOPLE } from '../../src/seed/demo-reference.js';
import { demoCaller } from '../../src/seed/demo-seed.js';
import { xinheRoundScript } from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { httpClient } from '../support/http.js';
import { recordAsOlderRelease } from '../support/legacy-event.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { usesRealPostgres } from '../support/test-database.js';
import { openXinheRound, runSteps, type OpenRound } from '../support/use-cases.js';

// The attacker of issue 8: the other side's accounts, every read the API offers, the neutral and
// administrative roles, and a pg_dump of the database. None may learn a worker caucus note or who
// quoted which rate.

const NOTE = '我方底线3.5%';
const LEGACY_NOTE = '旧记录：底线2.9%';
// The 106-guess attack of the issue, widened: every bottom line from 0.1 % to 20.0 %.
const GUESSES = Array.from({ length: 200 }, (_, i) => `我方底线${((i + 1) / 10).toFixed(1)}%`);
const EMPLOYER_SIDE = ['lin.chief', 'he.e1', 'guo.e2'];
const OTHERS = ['admin', 'ye.recorder', 'liu.labour', 'qian.auditor'];
const RESPONDENTS: [string, string, string][] = [
  ['wang.w1', '9.4321', '9.9111'],
  ['li.w2', '9.4007', '9.9222'],
  ['zhao.w3', '9.4103', '9.9333'],
  ['he.e1', '9.2001', '9.8111'],
  ['guo.e2', '9.2002', '9.8222'],
  ['lin.chief', '9.2003', '9.8333'],
];

const logLines: string[] = [];
let t: TestApp;
let api: ReturnType<typeof httpClient>;
let round: OpenRound;
let surveyId: string;
// The caucus request as its sender made it, all but the note known to the other side from the history.
let caucusRequest: { path: string; expectedRevision: number; heldOn: string };

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hexTokens = (text: string) => new Set(text.match(/[0-9a-f]{64}/g) ?? []);

// What the attacker can do with what they hold: look for the text and its bytes, test every guess
// against every hash they see, and against every hash keyed by every 64-hex value they see (a salt
// that leaked would open the commitment).
function guessesRecovered(text: string, commitments: string[]): string[] {
  const tokens = hexTokens(text);
  const salts = [...tokens].map((tk) => Buffer.from(tk, 'hex'));
  return GUESSES.filter(
    (g) =>
      text.includes(g) ||
      tokens.has(sha256(g)) ||
      commitments.some((c) =>
        salts.some((s) => createHmac('sha256', s).update(g).digest('hex') === c),
      ),
  );
}

// The secret as text, as its UTF-8 bytes in hex (a bytea in a dump) or in base64.
function assertNoTrace(text: string, secret: string) {
  const forms = [
    secret,
    Buffer.from(secret).toString('hex'),
    Buffer.from(secret).toString('base64'),
  ];
  expect(forms.filter((f) => text.includes(f))).toEqual([]);
}

// Quoted rates found as whole numbers (a timestamp such as 17:18:39.400712 is not the rate 9.4007).
const ratesIn = (text: string) =>
  RESPONDENTS.flatMap(([, a, b]) => [a, b]).filter((rate) =>
    new RegExp(`(?<![\\d.])${rate.replace('.', '\\.')}(?!\\d)`).test(text),
  );

async function everyRead(username: string, id: string): Promise<string> {
  const paths = [
    `/api/negotiations`,
    `/api/negotiations/${id}`,
    `/api/negotiations/${id}/history?limit=500`,
    `/api/negotiations/${id}/history/verify`,
    `/api/negotiations/${id}/offers`,
    `/api/negotiations/${id}/caucuses`,
    `/api/negotiations/${id}/surveys`,
    ...(surveyId ? [`/api/surveys/${surveyId}/statistics`] : []),
  ];
  const bodies = await Promise.all(paths.map(async (p) => (await api.get(username, p)).text));
  return bodies.join('\n');
}

function pgDump(): string {
  return execFileSync('pg_dump', ['--data-only', '--no-owner', t.db.target.url], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 256 * 1024 * 1024,
  });
}

// The COPY block of one table in a plain-text dump.
function tableRows(dump: string, table: string): string {
  const start = dump.indexOf(`COPY public.${table} `);
  if (start < 0) return '';
  return dump.slice(start, dump.indexOf('\n\\.\n', start));
}

const withDump = usesRealPostgres() ? it : it.skip;
// Many reads per test on a shared, loaded machine; the suite as a whole stays within ~20 s.
jest.setTimeout(30_000);

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await startTestApp({}, createLogger('info', sink));
  api = httpClient(t);
  // Log in once up front: the slow password hash would otherwise eat the tests' time.
  for (const a of ACCOUNTS) await api.token(a.username);
  round = await openXinheRound(t.app, 2029);
  const steps = xinheRoundScript(2029).toSecondSession;
  await runSteps(
    t.app,
    round,
    steps.slice(
      0,
      steps.findIndex((s) => s.type === 'agenda.itemAdded'),
    ),
  );
  // A caucus recorded before ADR 0014: its event carries an unsalted SHA-256, its row plain text
  // until the next start seals it.
  const noteId = randomUUID();
  await recordAsOlderRelease(
    t.app,
    demoCaller('chen.chair'),
    round.id,
    {
      type: 'caucus.held',
      payload: { heldOn: '2029-07-19', noteId, noteSha256: sha256(LEGACY_NOTE) },
    },
    [
      {
        sql: `INSERT INTO caucus_note (id, negotiation_id, side, held_on, body, sha256, author_account_id) VALUES ($1, $2, 'worker', '2029-07-19', $3, $4, $5)`,
        params: [
          noteId,
          round.id,
          LEGACY_NOTE,
          sha256(LEGACY_NOTE),
          demoCaller('chen.chair').accountId,
        ],
      },
    ],
  );
  round.revision++;
  await t.app.get(CaucusService).onApplicationBootstrap();
  caucusRequest = {
    path: `/api/negotiations/${round.id}/caucuses`,
    expectedRevision: round.revision,
    heldOn: '2029-07-20',
  };
  const caucus = await api.post('wang.w1', caucusRequest.path, {
    expectedRevision: caucusRequest.expectedRevision,
    heldOn: caucusRequest.heldOn,
    notes: NOTE,
  });
  expect(caucus.status).toBe(201);
  round.revision++;
}, 120_000);
afterAll(() => t?.close());

describe('a worker caucus note', () => {
  it('can be disclosed by its side and checked against the chain (the attack works with the salt)', async () => {
    const own = await api.get('wang.w1', `/api/negotiations/${round.id}/caucuses`);
    const note = own.body.items.find((n: { body: string }) => n.body === NOTE);
    const history = await api.get('lin.chief', `/api/negotiations/${round.id}/history?limit=500`);
    const event = history.body.items.find(
      (e: { type: string; payload: { noteId: string } }) =>
        e.type === 'caucus.held' && e.payload.noteId === note.id,
    );
    expect(event.payload).toEqual({
      heldOn: '2029-07-20',
      noteId: note.id,
      noteCommitment: note.commitment.value,
      commitmentScheme: 'hmac-sha256-salt256',
    });
    expect(noteMatchesCommitment(NOTE, note.commitment.salt, event.payload.noteCommitment)).toBe(
      true,
    );
    expect(
      noteMatchesCommitment(`${NOTE} `, note.commitment.salt, event.payload.noteCommitment),
    ).toBe(false);
    // Positive control: whoever holds the salt recovers the note with the dictionary.
    expect(guessesRecovered(note.commitment.salt, [event.payload.noteCommitment])).toEqual([NOTE]);
    expect(
      own.body.items.find((n: { body: string }) => n.body === LEGACY_NOTE).commitment,
    ).toMatchObject({ scheme: 'sha256', value: sha256(LEGACY_NOTE) });
  });

  it('tells the other side, the neutral roles and the administrator at most that a caucus took place', async () => {
    for (const who of [...EMPLOYER_SIDE, ...OTHERS]) {
      const seen = await everyRead(who, round.id);
      for (const secret of [NOTE, LEGACY_NOTE]) assertNoTrace(seen, secret);
      const commitments = [...seen.matchAll(/"noteCommitment":"([0-9a-f]{64})"/g)].map((m) => m[1]);
      expect({ who, recovered: guessesRecovered(seen, commitments) }).toEqual({
        who,
        recovered: [],
      });
      expect(seen).not.toContain(sha256(LEGACY_NOTE));
    }
    const view = await api.get('lin.chief', `/api/negotiations/${round.id}`);
    expect(view.body.caucuses.filter((c: { side: string }) => c.side === 'worker')).toEqual([]);
    const notes = await api.get('he.e1', `/api/negotiations/${round.id}/caucuses`);
    expect(notes.body.items).toEqual([]);
  });

  it('withholds a legacy note hash from others, who still verify the chain on the server', async () => {
    const theirs = await api.get('lin.chief', `/api/negotiations/${round.id}/history?limit=500`);
    const legacy = theirs.body.items.find(
      (e: { type: string; payload: object }) =>
        e.type === 'caucus.held' && 'noteSha256' in e.payload,
    );
    expect(legacy).toMatchObject({
      payload: { noteSha256: null },
      withheld: ['payload.noteSha256'],
    });
    const ours = await api.get('wang.w1', `/api/negotiations/${round.id}/history?limit=500`);
    expect(JSON.stringify(ours.body)).toContain(sha256(LEGACY_NOTE));
    const verified = await api.get('lin.chief', `/api/negotiations/${round.id}/history/verify`);
    expect(verified.body.valid).toBe(true);
  });

  withDump('leaves nothing in a pg_dump that opens a note', () => {
    const dump = pgDump();
    for (const secret of [NOTE, LEGACY_NOTE]) assertNoTrace(dump, secret);
    const notes = tableRows(dump, 'caucus_note');
    expect(notes.split('\n').length).toBeGreaterThan(2);
    const commitments = [...hexTokens(notes)];
    expect(guessesRecovered(notes, commitments)).toEqual([]);
    expect(guessesRecovered(dump, [])).toEqual([]);
    // The Idempotency-Key's record of the request sits beside the sender's account: its hash must not
    // be the plain hash of the request, which the dictionary would open as it opened the old payload.
    const { path, expectedRevision, heldOn } = caucusRequest;
    const asHashed = (g: string) =>
      requestHash('POST', path, { expectedRevision, heldOn, notes: g });
    expect(GUESSES.filter((g) => dump.includes(asHashed(g)))).toEqual([]);
  });

  it('still recognises a retried caucus by its keyed request digest, and a different note under the key', async () => {
    const key = randomUUID();
    const body = { expectedRevision: round.revision, heldOn: '2029-07-22', notes: '第二次背靠背' };
    const path = `/api/negotiations/${round.id}/caucuses`;
    const first = await api.post('wang.w1', path, body, key);
    expect(first.status).toBe(201);
    round.revision++;
    const retry = await api.post('wang.w1', path, body, key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    const other = await api.post('wang.w1', path, { ...body, notes: '另一份记录' }, key);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('never writes a note that fails to insert into the log', async () => {
    const ds = t.app.get(DataSource);
    await ds.query(`CREATE FUNCTION refuse_note() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (simulated) for %', NEW.commitment USING DETAIL = 'row ' || NEW.commitment; END $$`);
    await ds.query(
      `CREATE TRIGGER refuse_note BEFORE INSERT ON caucus_note FOR EACH ROW EXECUTE FUNCTION refuse_note()`,
    );
    const secret = '机密：最低接受 1.19 元';
    const before = logLines.length;
    try {
      const res = await api.post('zhao.w3', `/api/negotiations/${round.id}/caucuses`, {
        expectedRevision: round.revision,
        heldOn: '2029-07-21',
        notes: secret,
      });
      expect(res.status).toBe(500);
    } finally {
      await ds.query(`DROP TRIGGER refuse_note ON caucus_note`);
      await ds.query(`DROP FUNCTION refuse_note()`);
    }
    const logged = logLines.slice(before).join('');
    expect(logged).toContain('request failed');
    assertNoTrace(logged, secret);
    // Nor its commitment or sealed bytes (the statement's parameters, the driver's detail).
    expect(logged).not.toMatch(/[0-9a-f]{64}|\\\\x[0-9a-f]{16}|"parameters"|"detail"/);
  });
});

describe('the both-sides rule on accounts', () => {
  let fresh: OpenRound;
  beforeAll(async () => {
    fresh = await openXinheRound(t.app, 2031);
    await runSteps(t.app, fresh, xinheRoundScript(2031).toSecondSession.slice(0, 1));
  });

  const appoint = (as: string, type: string, handle: string) =>
    api.post(as, `/api/negotiations/${fresh.id}/events`, {
      type,
      expectedRevision: fresh.revision,
      payload:
        type === 'recorder.appointed'
          ? { personId: PEOPLE[handle].id }
          : {
              personId: PEOPLE[handle].id,
              isChief: false,
              isExpert: false,
              appointedOn: '2031-07-01',
            },
    });

  it('refuses to seat an account holding a grant on the other party, or a partisan recorder', async () => {
    for (const [as, type, handle, rule] of [
      ['chen.chair', 'delegate.appointed', 'he.e1', 'delegate.grantOnOtherSide'],
      ['lin.chief', 'delegate.appointed', 'wang.w1', 'delegate.grantOnOtherSide'],
      ['chen.chair', 'recorder.appointed', 'lin.chief', 'recorder.holdsPartyGrant'],
    ]) {
      const res = await appoint(as, type, handle);
      expect({
        status: res.status,
        code: res.body.code,
        rules: res.body.details.violations?.map((v: { rule: string }) => v.rule),
      }).toEqual({
        status: 422,
        code: 'RULE_VIOLATED',
        rules: [rule],
      });
    }
    expect((await api.get('chen.chair', `/api/negotiations/${fresh.id}`)).body.revision).toBe(
      fresh.revision,
    );
  });

  it('seats a person who holds roles only in another pair', async () => {
    const res = await appoint('chen.chair', 'delegate.appointed', 'zhu.shoes');
    expect(res.status).toBe(201);
    fresh.revision++;
  });
});

describe('survey answers', () => {
  beforeAll(async () => {
    const opened = await api.post('chen.chair', `/api/negotiations/${round.id}/surveys`, {
      processCodes: ['KN-01', 'KN-02'],
      openedOn: '2029-07-20',
    });
    surveyId = opened.body.id;
  });
  const poolRows = (dump: string) =>
    tableRows(dump, 'survey_answer')
      .split('\n')
      .filter((line) => line.includes(surveyId)).length;

  it('shows no figures while open, so the fourth answer cannot be read off before and after', async () => {
    const reads: unknown[] = [];
    for (const [i, [who, a, b]] of RESPONDENTS.entries()) {
      const res = await api.post(who, `/api/surveys/${surveyId}/responses`, {
        quotes: [
          { processCode: 'KN-01', rate: a },
          { processCode: 'KN-02', rate: b },
        ],
      });
      expect(res.status).toBe(201);
      if (i >= 2)
        for (const reader of ['chen.chair', 'lin.chief', 'admin'])
          reads.push((await api.get(reader, `/api/surveys/${surveyId}/statistics`)).body);
    }
    expect(ratesIn(JSON.stringify(reads))).toEqual([]);
    expect(reads.every((r) => (r as { processes: unknown[] }).processes.length === 0)).toBe(true);
  });

  withDump('keeps open answers sealed in a pg_dump', () => {
    const dump = pgDump();
    expect(ratesIn(dump)).toEqual([]);
    expect(poolRows(dump)).toBe(RESPONDENTS.length);
  });

  it('shows the figures once, after the close, and refuses answers afterwards', async () => {
    const closed = await api.post('chen.chair', `/api/surveys/${surveyId}/close`, {
      closedOn: '2029-07-25',
    });
    expect(closed.status).toBe(200);
    const stats = await api.get('lin.chief', `/api/surveys/${surveyId}/statistics`);
    expect(stats.body.status).toBe('closed');
    expect(stats.body.processes[0]).toMatchObject({
      processCode: 'KN-01',
      worker: { count: 3, high: '9.4321', low: '9.4007' },
    });
    const late = await api.post('wang.w1', `/api/surveys/${surveyId}/responses`, {
      quotes: [{ processCode: 'KN-01', rate: '1.0000' }],
    });
    expect(late.body.code).toBe('SURVEY_CLOSED');
  });

  withDump('links no person to a quote in a pg_dump after the close', () => {
    const dump = pgDump();
    expect(ratesIn(tableRows(dump, 'survey_tally'))).toHaveLength(2 * RESPONDENTS.length);
    expect(poolRows(dump)).toBe(0);
    const surveyRows = ['rate_survey', 'survey_participant', 'survey_tally', 'survey_answer']
      .map((table) => tableRows(dump, table))
      .join('\n');
    const named = ACCOUNTS.flatMap((a) => [a.id, a.username, sha256(a.id)]);
    expect(named.filter((n) => surveyRows.includes(n))).toEqual([]);
    // The only records that name the survey are the chair's own (open and close).
    const chair = ACCOUNTS.find((a) => a.username === 'chen.chair')!.id;
    const records = tableRows(dump, 'idempotency_record')
      .split('\n')
      .filter((line) => line.includes(surveyId));
    expect(records).toHaveLength(2);
    for (const line of records) expect(line.startsWith(chair)).toBe(true);
  });
});

describe('a chair of another industry', () => {
  it('learns of this round’s survey only that there is none for them', async () => {
    const res = await api.get('zhu.shoes', `/api/surveys/${surveyId}/statistics`);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(JSON.stringify(res.body)).not.toContain(round.id);
  });
});
