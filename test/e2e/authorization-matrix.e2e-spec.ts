import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getMetadataStorage } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/roles.js';
import { validateInto } from '../../src/common/validation.js';
import { PAYLOAD_CLASSES } from '../../src/negotiation/dto/event-payloads.dto.js';
import { RecordCaucusDto } from '../../src/negotiation/dto/negotiation-requests.dto.js';
import { INDUSTRY_DEFINITIONS } from '../../src/industries/index.js';
import { WHO_MAY_SEND, type SendRule } from '../../src/kernel/round/round.permissions.js';
import {
  CloseSurveyDto,
  OpenSurveyDto,
  SurveyResponseDto,
} from '../../src/piece-rates/dto/survey.dto.js';
import { ZHEJIANG_DEFAULT_POLICY } from '../../src/kernel/policy/policy-profile.js';
import {
  CloseEnterpriseSurveyDto,
  OpenEnterpriseSurveyDto,
} from '../../src/piece-rates/dto/enterprise-survey.dto.js';
import { knitwearCatalog } from '../../src/industries/wool-knitwear/demo/catalog.js';
import { ACCOUNTS, DEMO_PASSWORD, PARTIES, PEOPLE } from '../../src/seed/demo-reference.js';
import {
  EMPLOYER_DELEGATES,
  WORKER_DELEGATES,
} from '../../src/industries/wool-knitwear/demo/xinhe-round.script.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The authorization matrix: every caller × every route of the OpenAPI document × every object it can
// address (own, another industry's, another region's, one the caller's party is not in, a missing one)
// × every event of every released machine. The expected outcome of each cell comes from the policy as
// this file states it (domain.md §4, ADR 0007, 0008, 0011), never from the access code under test.

// ---------------------------------------------------------------------------------------------------
// The policy, stated independently of src/.

interface Grant {
  role: Role;
  partyId?: string;
  industryCode?: string;
  regionCode?: string;
}
interface Account {
  username: string;
  grants: Grant[];
}
interface Round {
  key: string;
  id: string;
  title: string;
  industryCode: string;
  regionCode: string;
  workerPartyId: string;
  employerPartyId: string;
  signed: boolean;
}
type Side = 'worker' | 'employer';
interface RoundData {
  revision: number;
  headHash: string;
  delegations: Record<Side, { personId: string }[]>;
  recorder: { personId: string } | null;
  offerFromSide: Side | null;
  suspensionProposedBy: Side | null;
  recorderReplacementProposedBy: Side | null;
  offerIds: string[];
  hasDraft: boolean;
}

// ADR 0007: only login and health are public (the docs are served outside Nest); ADR 0026 adds the
// two ways in that stand for a password: a one-time code, and a refresh token.
const PUBLIC_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /api/auth/code',
  'POST /api/auth/refresh',
  'GET /api/health',
]);

// Region codes are paths: a county covers its towns.
const covers = (grant: string | undefined, region: string) =>
  grant === undefined || region === grant || region.startsWith(`${grant}-`);
const inScope = (g: Grant, r: Round) =>
  (g.industryCode === undefined || g.industryCode === r.industryCode) &&
  covers(g.regionCode, r.regionCode);

// domain.md §4: the parties read their own pair's rounds; the recorder and the labour administration
// the rounds of their scope; auditors only signed agreements of their scope; administrators all.
function mayRead(a: Account, r: Round): boolean {
  return a.grants.some((g) => {
    switch (g.role) {
      case 'administrator':
        return true;
      case 'unionChair':
      case 'workerRepresentative':
      case 'associationChief':
      case 'employerRepresentative':
        return g.partyId === r.workerPartyId || g.partyId === r.employerPartyId;
      case 'recorder':
      case 'labourOfficer':
        return inScope(g, r);
      case 'auditor':
        return inScope(g, r) && r.signed;
    }
  });
}

const hasGrant = (a: Account, role: Role, partyId: string) =>
  a.grants.some((g) => g.role === role && g.partyId === partyId);
const chiefSides = (a: Account, r: Round): Side[] => [
  ...(hasGrant(a, 'unionChair', r.workerPartyId) ? (['worker'] as const) : []),
  ...(hasGrant(a, 'associationChief', r.employerPartyId) ? (['employer'] as const) : []),
];
// A member of a side: its chief, a representative of its party, or appointed to its delegation.
const memberSides = (a: Account, r: Round, d: RoundData): Side[] =>
  (['worker', 'employer'] as const).filter(
    (s) =>
      chiefSides(a, r).includes(s) ||
      hasGrant(
        a,
        s === 'worker' ? 'workerRepresentative' : 'employerRepresentative',
        s === 'worker' ? r.workerPartyId : r.employerPartyId,
      ) ||
      d.delegations[s].some((m) => m.personId === personOf.get(a.username)),
  );

// Who may send what, restated from domain.md §4 and §2 (the union chair runs the round and submits for
// ratification; the employer side prepares the final text; the side that received the offer answers
// it; a suspension needs the consent of the side that did not propose it; caucus content belongs to
// either side's members; the recorder keeps the minutes; the labour administration coordinates).
// Auditors and administrators appear nowhere: they never send events.
const chief = (side: SendRule['side'] = 'own'): SendRule => ({ capacities: ['chief'], side });
const DOMAIN_SENDERS: Record<string, SendRule> = {
  'parties.registered': chief('worker'),
  'delegations.confirmed': chief('worker'),
  'ratification.submitted': chief('worker'),
  'ballot.closed': chief('worker'),
  'round.abandoned': chief('worker'),
  'agreement.prepared': chief('employer'),
  'offer.answered': chief('notOffering'),
  'offer.declined': chief('notOffering'),
  'suspension.consented': chief('notProposer'),
  'suspension.declined': chief('notProposer'),
  // ADR 0030: the recorder is replaced only with the consent of the chief who did not propose it.
  'recorder.replacementConsented': chief('notRecorderProposer'),
  'recorder.replacementDeclined': chief('notRecorderProposer'),
  ...Object.fromEntries(
    [
      'delegate.appointed',
      'delegate.withdrawn',
      'recorder.appointed',
      'recorder.replacementProposed',
      'offer.sent',
      'agenda.itemAdded',
      'information.requested',
      'information.supplied',
      'session.opened',
      'offer.tabled',
      'session.closed',
      'minutes.signed',
      'suspension.proposed',
      'negotiation.resumed',
      'coordination.requested',
      'draft.agreed',
      'draft.signed',
      'agreement.signed',
    ].map((t) => [t, chief()]),
  ),
  'caucus.held': { capacities: ['chief', 'member'], side: 'own' },
  'minutes.recorded': { capacities: ['recorder'], side: 'none' },
  'minutes.amended': { capacities: ['recorder'], side: 'none' },
  'coordination.accepted': { capacities: ['labourOfficer'], side: 'none' },
  'coordination.extended': { capacities: ['labourOfficer'], side: 'none' },
  'coordination.concluded': { capacities: ['labourOfficer'], side: 'none' },
  // Shoes (issue 12): the union chair states its band and schedules the hearing; the recorder keeps
  // the hearing's record; each chief signs its minutes.
  'increaseBand.stated': chief('worker'),
  'hearing.scheduled': chief('worker'),
  'hearing.attendanceRecorded': { capacities: ['recorder'], side: 'none' },
  'hearing.opinionRecorded': { capacities: ['recorder'], side: 'none' },
  'hearing.minutesRecorded': { capacities: ['recorder'], side: 'none' },
  'hearing.minutesSigned': chief(),
};

// Payload classes of every event: the kernel's, and the industries' own.
const EVENT_PAYLOADS: Record<string, new () => object> = Object.assign(
  { ...PAYLOAD_CLASSES },
  ...INDUSTRY_DEFINITIONS.map((d) => d.ownEventPayloads),
);
// An industry's own events nobody has restated below are held to what their definitions declare.
const OWN_SENDERS: Record<string, SendRule> = Object.fromEntries(
  INDUSTRY_DEFINITIONS.flatMap((d) => d.versions).flatMap((v) =>
    Object.entries(v.events)
      .filter(([type]) => !(type in WHO_MAY_SEND))
      .map(([type, e]) => [type, e.sender]),
  ),
);

// An event nobody has restated yet is held to what its machine declares (and still fuzzed across
// every caller and round); one whose declaration disagrees with the restatement fails below.
const ruleOf = (type: string): SendRule =>
  DOMAIN_SENDERS[type] ?? (WHO_MAY_SEND as Record<string, SendRule>)[type] ?? OWN_SENDERS[type];

function maySend(a: Account, type: string, r: Round, d: RoundData): boolean {
  if (!mayRead(a, r)) return false;
  const rule = ruleOf(type);
  const wanted: Side | 'own' | null =
    rule.side === 'own' || rule.side === 'none'
      ? 'own'
      : rule.side === 'notOffering'
        ? d.offerFromSide
          ? d.offerFromSide === 'worker'
            ? 'employer'
            : 'worker'
          : 'own'
        : rule.side === 'notProposer'
          ? d.suspensionProposedBy
            ? d.suspensionProposedBy === 'worker'
              ? 'employer'
              : 'worker'
            : 'own'
          : rule.side === 'notRecorderProposer'
            ? d.recorderReplacementProposedBy
              ? d.recorderReplacementProposedBy === 'worker'
                ? 'employer'
                : 'worker'
              : 'own'
            : rule.side;
  return rule.capacities.some((c) => {
    if (c === 'recorder')
      return (
        a.grants.some((g) => g.role === 'recorder' && inScope(g, r)) &&
        d.recorder?.personId === personOf.get(a.username)
      );
    if (c === 'labourOfficer')
      return a.grants.some((g) => g.role === 'labourOfficer' && inScope(g, r));
    const sides = c === 'chief' ? chiefSides(a, r) : memberSides(a, r, d);
    const usable = wanted === 'own' ? sides : sides.filter((s) => s === wanted);
    // CCR: nobody is on both sides; an account that is would be ambiguous and may send nothing.
    return usable.length === 1;
  });
}

// Every event any released machine takes, in any state.
const releasedEventTypes = (): string[] =>
  [
    ...new Set(
      INDUSTRY_DEFINITIONS.flatMap((d) => d.versions).flatMap((def) =>
        [...def.machine.root.events].filter((e) => !e.startsWith('xstate.')),
      ),
    ),
  ].sort();

// ---------------------------------------------------------------------------------------------------
// Outcomes a cell may be expected to have.

type Expected =
  | 'public' // answered without a token (not 401)
  | 'unauthenticated' // 401
  | 'readable' // 2xx
  | 'allowed' // a write the policy allows: not 401/403/404, no 5xx (409/422 for state or rules)
  | 'forbidden' // 403: the caller sees the object but may not do this
  | 'hidden' // exactly like the missing object: same status, code and body, no trace of the object
  | 'absent' // the object does not exist: 404
  | 'refused'; // no 2xx, and not the 404 that would say the object is missing

interface Cell {
  caller: string;
  route: string;
  target: string;
  variant?: string;
  expected: Expected;
}

// ---------------------------------------------------------------------------------------------------
// Fixtures: foreign rounds, parties and accounts beside the demo data.

const YUHUAN_UNION = '6f1a0c52-3b7e-4c1d-9a0e-0000000000a1';
const YUHUAN_ASSOCIATION = '6f1a0c52-3b7e-4c1d-9a0e-0000000000a2';
const FIXTURE_ACCOUNTS: Account[] = [
  {
    username: 'mao.shoechief',
    grants: [{ role: 'associationChief', partyId: PARTIES.hengfengShoeAssociation.id }],
  },
  { username: 'yu.chair', grants: [{ role: 'unionChair', partyId: YUHUAN_UNION }] },
  { username: 'yu.chief', grants: [{ role: 'associationChief', partyId: YUHUAN_ASSOCIATION }] },
  {
    username: 'yu.recorder',
    grants: [{ role: 'recorder', industryCode: 'wool-knitwear', regionCode: 'yuhuan' }],
  },
  // A person may hold roles in several pairs (domain.md §4): worker side here, employer side there.
  {
    username: 'multi.rep',
    grants: [
      { role: 'workerRepresentative', partyId: PARTIES.xinheUnion.id },
      { role: 'employerRepresentative', partyId: PARTIES.hengfengShoeAssociation.id },
    ],
  },
];
const CALLERS: Account[] = [
  ...ACCOUNTS.map((a) => ({ username: a.username, grants: a.grants })),
  ...FIXTURE_ACCOUNTS,
];
const ANONYMOUS = '(no token)';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Knitwear rounds copied into other pairs: the access rules read the pair, industry, region and
// outcome, so a copy is a faithful foreign object (its chain is not meant to verify). A pair with demo
// rounds of its own (shoes, issue 12) takes its copies in earlier years (yearsBack), beside them.
async function cloneRound(
  ds: DataSource,
  sourceId: string,
  into: Omit<Round, 'id' | 'signed'> & { yearsBack?: number },
  rename: Record<string, string>,
): Promise<string> {
  const id = randomUUID();
  const [src] = await ds.query(`SELECT snapshot FROM negotiation WHERE id = $1`, [sourceId]);
  const snapshot = src.snapshot as { context: Record<string, unknown> };
  Object.assign(snapshot.context, {
    negotiationId: id,
    industryCode: into.industryCode,
    regionCode: into.regionCode,
    title: into.title,
    parties: {
      worker: { partyId: into.workerPartyId, name: `${into.key} union` },
      employer: { partyId: into.employerPartyId, name: `${into.key} association` },
    },
  });
  let text = JSON.stringify(snapshot);
  for (const [from, to] of Object.entries(rename)) text = text.replaceAll(`"${from}"`, `"${to}"`);
  await ds.query(
    `INSERT INTO negotiation (id, industry_code, region_code, year, title, worker_party_id, employer_party_id, policy_profile_id,
        machine_id, machine_version, state, outcome, snapshot, revision, head_hash, created_at, updated_at, catalog_id)
     SELECT $1, $2, $3, year - $9::int, $4, $5, $6, policy_profile_id, machine_id, machine_version, state, outcome, $7::jsonb, revision,
        head_hash, created_at, updated_at, catalog_id FROM negotiation WHERE id = $8`,
    [
      id,
      into.industryCode,
      into.regionCode,
      into.title,
      into.workerPartyId,
      into.employerPartyId,
      text,
      sourceId,
      into.yearsBack ?? 0,
    ],
  );
  await ds.query(
    `INSERT INTO negotiation_event (negotiation_id, seq, type, payload, actor_account_id, actor_member_ref, actor_person_id, actor_capacity,
        actor_side, state_before, state_after, machine_id, machine_version, occurred_at, prev_hash, hash)
     SELECT $1, seq, type, payload, actor_account_id, actor_member_ref, actor_person_id, actor_capacity, actor_side, state_before,
        state_after, machine_id, machine_version, occurred_at, prev_hash, hash FROM negotiation_event WHERE negotiation_id = $2`,
    [id, sourceId],
  );
  return id;
}

async function roundData(ds: DataSource, id: string): Promise<RoundData> {
  const [row] = await ds.query(
    `SELECT revision, head_hash AS "headHash", snapshot FROM negotiation WHERE id = $1`,
    [id],
  );
  if (!row)
    return {
      revision: 1,
      headHash: '',
      delegations: { worker: [], employer: [] },
      recorder: null,
      offerFromSide: null,
      suspensionProposedBy: null,
      recorderReplacementProposedBy: null,
      offerIds: [],
      hasDraft: false,
    };
  const c = row.snapshot.context;
  return {
    revision: row.revision,
    headHash: row.headHash,
    delegations: c.delegations,
    recorder: c.recorder,
    offerFromSide: c.offer?.fromSide ?? null,
    suspensionProposedBy: c.suspension?.proposedBy ?? null,
    recorderReplacementProposedBy: c.recorderReplacement?.proposedBy ?? null,
    offerIds: (c.sessions as { offers: { offerId?: string }[] }[]).flatMap((s) =>
      s.offers.flatMap((o) => (o.offerId ? [o.offerId] : [])),
    ),
    hasDraft: !!(c.draft?.draftId ?? c.draft?.table),
  };
}

// ---------------------------------------------------------------------------------------------------
// Request bodies, generated from the class-validator metadata of each DTO (a new event's payload is
// generated like the others), so that a refusal is about who asks, not about a malformed body.

const REF_SAMPLES = ['chen.chair', 'lin.chief', 'KN-01', 'authz.matrix', '1.0000', '15'];
function sampleOf(cls: new () => object): Record<string, unknown> {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const props = new Map<string, typeof metas>();
  for (const m of metas) props.set(m.propertyName, [...(props.get(m.propertyName) ?? []), m]);
  const out: Record<string, unknown> = {};
  for (const [prop, ms] of props) {
    const by = (name: string) => ms.find((m) => (m.name ?? m.type) === name);
    if (ms.some((m) => m.type === 'conditionalValidation')) continue; // @IsOptional
    const nested = ms.find((m) => m.type === 'nestedValidation');
    const pattern = by('matches')?.constraints?.[0] as RegExp | undefined;
    const str = pattern ? REF_SAMPLES.find((s) => pattern.test(s))! : 'authorization matrix';
    const min = by('min')?.constraints?.[0] as number | undefined;
    let value: unknown;
    if (by('isCalendarDate')) value = '2026-08-03';
    else if (by('isIso8601')) value = '2026-08-10T09:00:00+08:00';
    else if (by('isBoolean')) value = false;
    else if (by('isInt')) value = Math.max(min ?? 1, 1);
    else if (by('isRateTable')) value = [{ processCode: 'KN-01', rate: '1.0000' }];
    else if (by('isIn')) value = (by('isIn')!.constraints[0] as unknown[])[0];
    else if (by('isUuid')) value = randomUUID();
    else if (by('isObject')) value = {};
    else if (by('isArray'))
      value = Array.from(
        { length: (by('arrayMinSize')?.constraints?.[0] as number | undefined) ?? 0 },
        (_, i) => REF_SAMPLES.filter((s) => !pattern || pattern.test(s))[i],
      );
    else if (nested)
      value = sampleOf(Reflect.getMetadata('design:type', cls.prototype, prop) as new () => object);
    else if (by('isString')) value = str;
    else
      throw new Error(
        `the matrix cannot generate ${cls.name}.${prop} (${ms.map((m) => m.name ?? m.type)})`,
      );
    out[prop] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------

let t: TestApp;
let baseUrl: string;
let ds: DataSource;
const tokens = new Map<string, string>();
// username → the person who holds the account (delegations name people by person id)
const personOf = new Map<string, string>();
let rounds: Round[];
let missingRound: Round;
let surveys: { key: string; id: string; round: Round }[];
let enterpriseSurveys: { key: string; id: string; round: Round }[];
const procedureEvents = new Map<string, Set<string>>();
let operations: string[];
const cells: (Cell & { status: number; code?: string })[] = [];
const failures: string[] = [];

beforeAll(async () => {
  t = await startTestApp({}, undefined, undefined, [], undefined, ['wool-knitwear', 'shoes']);
  ds = t.app.get(DataSource);
  const demo = t.demo.rounds;
  await ds.query(
    `INSERT INTO party (id, side, kind, name_zh, name_en, industry_code, region_code) VALUES
       ($1, 'worker', 'industryUnion', '玉环市羊毛衫行业工会', 'Yuhuan Wool Knitwear Industry Union', 'wool-knitwear', 'yuhuan'),
       ($2, 'employer', 'industryAssociation', '玉环市羊毛衫行业协会', 'Yuhuan Wool Knitwear Industry Association', 'wool-knitwear', 'yuhuan')`,
    [YUHUAN_UNION, YUHUAN_ASSOCIATION],
  );
  for (const a of ACCOUNTS) personOf.set(a.username, PEOPLE[a.username].id);
  for (const a of FIXTURE_ACCOUNTS) {
    const [person] = await ds.query(`INSERT INTO person DEFAULT VALUES RETURNING id`);
    personOf.set(a.username, person.id);
    const [{ id }] = await ds.query(
      `INSERT INTO account (username, display_name, password_hash, member_ref, person_id)
         SELECT $1::text, $1::text, password_hash, $1::text, $2 FROM account WHERE username = 'admin' RETURNING id`,
      [a.username, person.id],
    );
    for (const g of a.grants)
      await ds.query(
        `INSERT INTO account_role (account_id, role, party_id, industry_code, region_code) VALUES ($1, $2, $3, $4, $5)`,
        [id, g.role, g.partyId ?? null, g.industryCode ?? null, g.regionCode ?? null],
      );
  }

  const xinhe = {
    industryCode: 'wool-knitwear',
    regionCode: 'wenling-xinhe',
    workerPartyId: PARTIES.xinheUnion.id,
    employerPartyId: PARTIES.xinheAssociation.id,
  };
  const shoes = {
    industryCode: 'shoes',
    regionCode: 'wenling-hengfeng',
    workerPartyId: PARTIES.hengfengShoeUnion.id,
    employerPartyId: PARTIES.hengfengShoeAssociation.id,
  };
  const yuhuan = {
    industryCode: 'wool-knitwear',
    regionCode: 'yuhuan',
    workerPartyId: YUHUAN_UNION,
    employerPartyId: YUHUAN_ASSOCIATION,
  };
  // Every person of a copied round is replaced by someone of its own pair, so no demo account sits in
  // it; the chiefs and the recorder by the pair's fixture accounts.
  const renameAll = (_prefix: string, chiefs: Record<string, string>) => ({
    ...Object.fromEntries(
      [...WORKER_DELEGATES, ...EMPLOYER_DELEGATES, ['ye.recorder', PEOPLE['ye.recorder'].id]].map(
        ([, personId]) => [personId, randomUUID()],
      ),
    ),
    ...Object.fromEntries(
      Object.entries(chiefs).map(([from, to]) => [PEOPLE[from].id, personOf.get(to)!]),
    ),
  });
  const own = (key: string, id: string, signed: boolean): Round => ({
    key,
    id,
    title: '',
    signed,
    ...xinhe,
  });
  rounds = [
    own('xinhe-2025-signed', demo['2025'].id, true),
    own('xinhe-2026-live', demo['2026'].id, false),
  ];
  for (const [key, source, pair, signed, rename] of [
    [
      'shoes-2025-signed',
      demo['2025'].id,
      shoes,
      true,
      { 'chen.chair': 'zhu.shoes', 'lin.chief': 'mao.shoechief' },
    ],
    [
      'shoes-2026-live',
      demo['2026'].id,
      shoes,
      false,
      { 'chen.chair': 'zhu.shoes', 'lin.chief': 'mao.shoechief' },
    ],
    [
      'yuhuan-2025-signed',
      demo['2025'].id,
      yuhuan,
      true,
      { 'chen.chair': 'yu.chair', 'lin.chief': 'yu.chief', 'ye.recorder': 'yu.recorder' },
    ],
    [
      'yuhuan-2026-live',
      demo['2026'].id,
      yuhuan,
      false,
      { 'chen.chair': 'yu.chair', 'lin.chief': 'yu.chief', 'ye.recorder': 'yu.recorder' },
    ],
  ] as const) {
    const title = `authz matrix ${key}`;
    const id = await cloneRound(
      ds,
      source,
      { key, title, ...pair, yearsBack: pair === shoes ? 10 : 0 },
      renameAll(key, rename as Record<string, string>),
    );
    rounds.push({ key, id, title, signed, ...pair });
  }
  // The shoes demo's own rounds (issue 12), on the shoes machine, beside the copies in earlier years.
  rounds.push(
    { ...own('shoes-demo-2025-signed', t.demo.rounds['shoes:2025'].id, true), ...shoes },
    { ...own('shoes-demo-2026-live', t.demo.rounds['shoes:2026'].id, false), ...shoes },
  );
  for (const r of [...rounds.slice(0, 2), ...rounds.slice(-2)])
    r.title = (await ds.query(`SELECT title FROM negotiation WHERE id = $1`, [r.id]))[0].title;
  // Which events each round's procedure takes: an event is sent only to rounds whose machine has it.
  for (const r of rounds) {
    const [m] = await ds.query(
      `SELECT machine_id, machine_version FROM negotiation WHERE id = $1`,
      [r.id],
    );
    const def = INDUSTRY_DEFINITIONS.flatMap((d) => d.versions).find(
      (v) => v.id === m.machine_id && v.version === m.machine_version,
    )!;
    procedureEvents.set(r.id, new Set(Object.keys(def.events)));
  }
  missingRound = { ...own('missing', randomUUID(), false), title: '(missing)' };

  surveys = [{ key: 'xinhe-2026-survey', id: t.demo.surveyId, round: rounds[1] }];
  for (const r of rounds.filter((x) => !x.signed && x.key !== 'xinhe-2026-live')) {
    const [{ id }] = await ds.query(
      `INSERT INTO rate_survey (negotiation_id, status, min_quotes, process_codes, opened_on) VALUES ($1, 'open', 3, '{KN-01,KN-02}', '2026-07-20') RETURNING id`,
      [r.id],
    );
    surveys.push({ key: `${r.key}-survey`, id, round: r });
  }
  enterpriseSurveys = [];
  for (const r of rounds.filter((x) => !x.signed)) {
    const [{ id }] = await ds.query(
      `INSERT INTO enterprise_survey (negotiation_id, status, min_enterprises, item_kind, item_codes, opened_on) VALUES ($1, 'open', 3, 'process', '{KN-01,KN-02}', '2026-05-20') RETURNING id`,
      [r.id],
    );
    enterpriseSurveys.push({ key: `${r.key}-enterprise-survey`, id, round: r });
  }

  await t.app.listen(0, '127.0.0.1');
  baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  for (const a of CALLERS) {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: a.username, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    tokens.set(a.username, ((await res.json()) as { accessToken: string }).accessToken);
  }
  const doc = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
}, 120_000);
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------------
// Sending one request and judging it.

interface Req {
  method: string;
  url: string;
  body?: unknown;
  contentType?: string;
}

// The last Idempotency-Key each caller had accepted for a change.
const committedKeys = new Map<string, string>();

async function send(caller: string, req: Req, key: string = randomUUID()) {
  const headers: Record<string, string> = { 'idempotency-key': key };
  if (caller !== ANONYMOUS) headers.authorization = `Bearer ${tokens.get(caller)}`;
  if (req.body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
  const res = await fetch(`${baseUrl}${req.url}`, {
    method: req.method,
    headers,
    body:
      req.body === undefined
        ? undefined
        : Buffer.isBuffer(req.body)
          ? new Uint8Array(req.body)
          : JSON.stringify(req.body),
  });
  // Files are read as text too, so a hidden object's traces are looked for in every answer.
  const text = await res.text();
  if (req.method !== 'GET' && res.status >= 200 && res.status < 300) committedKeys.set(caller, key);
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code, text };
}

// What a hidden object's answer may not contain, and how the addressed ids are masked to compare it
// with the missing object's answer.
const mask = (text: string, ids: string[]) =>
  ids.reduce((s, id) => s.replaceAll(id, '<addressed>'), text);

type Sent = Awaited<ReturnType<typeof send>>;
function judge(
  cell: Cell,
  got: Sent,
  missing: Sent | null,
  mustNotMention: string[],
  addressed: string[],
) {
  cells.push({ ...cell, status: got.status, code: got.code });
  const where = `${cell.caller} ${cell.route} → ${cell.target}${cell.variant ? ` (${cell.variant})` : ''}`;
  const fail = (why: string) =>
    failures.push(
      `${where}: expected ${cell.expected}, got ${got.status} ${got.code ?? ''} ${why}`.trim(),
    );
  if (got.status >= 500) return fail('(a server error)');
  switch (cell.expected) {
    case 'public':
      if (got.status === 401) fail('');
      return;
    case 'readable':
      if (got.status < 200 || got.status > 299) fail('');
      return;
    case 'unauthenticated':
      if (got.status !== 401) fail('');
      return;
    case 'allowed':
      if ([401, 403, 404].includes(got.status)) fail('');
      // The bodies are generated to be valid, so a refusal is about the state or the rules.
      if (got.code === 'VALIDATION_FAILED') fail('(the generated body is not valid: fix sampleOf)');
      return;
    case 'forbidden':
      if (got.status !== 403) fail('');
      return;
    case 'absent':
      if (got.status !== 404) fail('');
      return;
    case 'refused':
      if ((got.status >= 200 && got.status < 300) || got.status === 404) fail('');
      return;
    case 'hidden': {
      if (got.status >= 200 && got.status < 300) return fail('(a forbidden success)');
      const leaked = mustNotMention.filter((s) => got.text.includes(s));
      if (leaked.length) fail(`(the answer names the hidden object: ${leaked.join(', ')})`);
      if (!missing) return;
      if (got.status !== missing.status || got.code !== missing.code)
        return fail(`(a missing object answers ${missing.status} ${missing.code})`);
      if (mask(got.text, addressed) !== mask(missing.text, addressed))
        fail(`(the body differs from a missing object's: ${got.text} vs ${missing.text})`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------

describe('the authorization matrix', () => {
  it('restates who may send each event exactly as the released machines declare it', () => {
    // The kernel's table, and each released version's declarations (an industry's own events).
    const declared: Record<string, SendRule> = Object.assign(
      { ...WHO_MAY_SEND },
      ...INDUSTRY_DEFINITIONS.flatMap((d) =>
        d.versions.map((v) =>
          Object.fromEntries(Object.entries(v.events).map(([type, e]) => [type, e.sender])),
        ),
      ),
    );
    const machineEvents = new Set(releasedEventTypes());
    // Every event a machine takes has a declared sender rule; the restated ones match it.
    expect([...machineEvents].filter((e) => !declared[e])).toEqual([]);
    expect(
      Object.keys(DOMAIN_SENDERS).filter(
        (e) => declared[e] && JSON.stringify(declared[e]) !== JSON.stringify(DOMAIN_SENDERS[e]),
      ),
    ).toEqual([]);
    // The generated payloads of the events the matrix sends (those of its rounds' procedures) are
    // valid, so its refusals are about who sends them. An industry without a round here (shipbuilding)
    // proves its own refusals in its own end-to-end spec.
    const sent = new Set([...procedureEvents.values()].flatMap((types) => [...types]));
    for (const [type, cls] of Object.entries(EVENT_PAYLOADS))
      if (sent.has(type)) expect(() => validateInto(cls, sampleOf(cls), 'payload')).not.toThrow();
    // Nobody but a chief, a member, the recorder or the labour administration sends anything.
    for (const rule of Object.values(declared))
      for (const c of rule.capacities)
        expect(['chief', 'member', 'recorder', 'labourOfficer']).toContain(c);
  });

  it('refuses every forbidden cell, hides every foreign object like a missing one, and lets every allowed caller through', async () => {
    const eventTypes = releasedEventTypes();
    // Accounts with the same grants are the same row of the matrix (li.w2 and zhao.w3 are wang.w1).
    const seen = new Set<string>();
    const rows = CALLERS.filter((a) => {
      const k = JSON.stringify(a.grants);
      return !seen.has(k) && !!seen.add(k);
    });
    const account = (u: string) => CALLERS.find((a) => a.username === u)!;
    const data = new Map<string, RoundData>();
    const refresh = async (r: Round) => data.set(r.id, await roundData(ds, r.id)).get(r.id)!;
    for (const r of [...rounds, missingRound]) await refresh(r);
    const anyOfferId = data.get(rounds[1].id)!.offerIds[0];
    const offerOf = (r: Round) => data.get(r.id)!.offerIds[0] ?? anyOfferId;
    const exercised = new Set<string>();
    const missingAnswers = new Map<string, Sent>();

    // A route addressed by a round: each caller against each round, the missing one, and once without
    // a token. Writes are checked afterwards: a round moves only by the writes that succeeded.
    const perRound = async (
      route: string,
      targets: Round[],
      build: (r: Round, d: RoundData) => Req,
      policy: (a: Account, r: Round, d: RoundData) => Expected,
      variant?: string,
      keyOf: (caller: string) => string = () => randomUUID(),
    ) => {
      exercised.add(route);
      const write = !route.startsWith('GET ');
      judge(
        { caller: ANONYMOUS, route, target: targets[0].key, variant, expected: 'unauthenticated' },
        await send(ANONYMOUS, build(targets[0], data.get(targets[0].id)!)),
        null,
        [],
        [],
      );
      for (const a of rows) {
        // A missing round answers the same whatever event is sent to it: asked once per caller.
        const missingKey = `${route} ${a.username} ${eventTypes.includes(variant ?? '') ? '' : variant}`;
        let missing = missingAnswers.get(missingKey);
        if (!missing) {
          missing = await send(
            a.username,
            build(missingRound, data.get(missingRound.id)!),
            keyOf(a.username),
          );
          missingAnswers.set(missingKey, missing);
          judge(
            { caller: a.username, route, target: 'missing', variant, expected: 'absent' },
            missing,
            null,
            [],
            [],
          );
        }
        for (const r of targets) {
          const d = data.get(r.id)!;
          const expected: Expected = !mayRead(a, r) ? 'hidden' : policy(a, r, d);
          const got = await send(a.username, build(r, d), keyOf(a.username));
          // A write moves its round by one event at most, and only when it succeeds.
          if (write && got.status >= 200 && got.status < 300) {
            const after = await refresh(r);
            if (after.revision > d.revision + 1)
              failures.push(
                `${route} (${variant ?? ''}) → ${r.key}: a refused write changed the round`,
              );
          }
          judge(
            { caller: a.username, route, target: r.key, variant, expected },
            got,
            missing,
            [r.title, r.workerPartyId, r.employerPartyId],
            [r.id, missingRound.id, offerOf(r), offerOf(missingRound)],
          );
        }
      }
      if (write)
        for (const r of targets) {
          const known = data.get(r.id)!;
          const now = await refresh(r);
          if (now.revision !== known.revision || now.headHash !== known.headHash)
            failures.push(
              `${route} (${variant ?? ''}) → ${r.key}: a refused write changed the round`,
            );
        }
    };

    const readable = (): Expected => 'readable';
    for (const [route, suffix] of [
      ['GET /api/negotiations/{id}', ''],
      ['GET /api/negotiations/{id}/history', '/history'],
      ['GET /api/negotiations/{id}/history/verify', '/history/verify'],
      ['GET /api/negotiations/{id}/offers', '/offers'],
      ['GET /api/negotiations/{id}/offers/gap', '/offers/gap'],
      ['GET /api/negotiations/{id}/surveys', '/surveys'],
      ['GET /api/negotiations/{id}/enterprise-surveys', '/enterprise-surveys'],
    ] as const)
      await perRound(
        route,
        rounds,
        (r) => ({ method: 'GET', url: `/api/negotiations/${r.id}${suffix}` }),
        readable,
      );
    // ADR 0037: the matrix's rounds run knitwear's procedure, which keeps no terms of its own: a reader
    // is told so (404 TERMS_NOT_KEPT), anyone else gets the missing round's answer (shipbuilding's
    // terms are read by its own parties in shipbuilding.e2e-spec.ts).
    await perRound(
      'GET /api/negotiations/{id}/terms',
      rounds,
      (r) => ({ method: 'GET', url: `/api/negotiations/${r.id}/terms` }),
      () => 'absent',
    );
    await perRound(
      'GET /api/negotiations/{id}/offers/{offerId}',
      rounds,
      (r) => ({ method: 'GET', url: `/api/negotiations/${r.id}/offers/${offerOf(r)}` }),
      readable,
    );
    await perRound(
      'GET /api/negotiations/{id}/offers/{offerId}/export',
      rounds,
      (r) => ({
        method: 'GET',
        url: `/api/negotiations/${r.id}/offers/${offerOf(r)}/export?format=csv`,
      }),
      readable,
    );
    await perRound(
      'GET /api/negotiations/{id}/offers/compare',
      rounds,
      (r) => ({
        method: 'GET',
        url: `/api/negotiations/${r.id}/offers/compare?from=${offerOf(r)}&to=${offerOf(r)}`,
      }),
      readable,
    );
    await perRound(
      'GET /api/negotiations/{id}/agreement-table',
      rounds,
      (r) => ({ method: 'GET', url: `/api/negotiations/${r.id}/agreement-table?format=csv` }),
      (_a, _r, d) => (d.hasDraft ? 'readable' : 'absent'),
    );
    // ADR 0008: caucus notes only to the members of a side.
    await perRound(
      'GET /api/negotiations/{id}/caucuses',
      rounds,
      (r) => ({ method: 'GET', url: `/api/negotiations/${r.id}/caucuses` }),
      (a, r, d) => (memberSides(a, r, d).length > 0 ? 'readable' : 'forbidden'),
    );

    // Every event of every released machine, through the route that sends it, against the signed and
    // the live rounds (the signed round of another region adds nothing the others do not).
    const writeTargets = rounds.filter((r) => !r.signed || r.key === 'xinhe-2025-signed');
    for (const type of eventTypes) {
      // Only to rounds whose procedure takes it; an industry without a round here has none.
      const targets = writeTargets.filter((r) => procedureEvents.get(r.id)!.has(type));
      if (targets.length === 0) continue;
      const payloadClass = EVENT_PAYLOADS[type];
      if (!payloadClass && type !== 'caucus.held') {
        failures.push(`event ${type} has neither a payload class nor a route of its own`);
        continue;
      }
      await perRound(
        type === 'caucus.held'
          ? 'POST /api/negotiations/{id}/caucuses'
          : 'POST /api/negotiations/{id}/events',
        targets,
        (r, d) =>
          type === 'caucus.held'
            ? {
                method: 'POST',
                url: `/api/negotiations/${r.id}/caucuses`,
                body: { ...sampleOf(RecordCaucusDto), expectedRevision: d.revision },
              }
            : {
                method: 'POST',
                url: `/api/negotiations/${r.id}/events`,
                body: { type, expectedRevision: d.revision, payload: sampleOf(payloadClass) },
              },
        (a, r, d) => (maySend(a, type, r, d) ? 'allowed' : 'forbidden'),
        type,
      );
    }

    // An offer as a spreadsheet is offer.tabled through another door. Scope and role come before any
    // byte of the file is read, so an unreadable file changes nothing about who is refused.
    const offerCsv = readFileSync(
      new URL('../../docs/examples/wool-knitwear-offer.csv', import.meta.url),
    );
    for (const [variant, file, contentType] of [
      ['a valid 工价表', offerCsv, 'text/csv'],
      ['an unreadable file', Buffer.from('PK\u0003\u0004 not a spreadsheet'), XLSX],
    ] as const)
      await perRound(
        'POST /api/negotiations/{id}/offers',
        writeTargets,
        (r, d) => ({
          method: 'POST',
          url: `/api/negotiations/${r.id}/offers?expectedRevision=${d.revision}&scope=subset`,
          body: file,
          contentType,
        }),
        (a, r, d) => (maySend(a, 'offer.tabled', r, d) ? 'allowed' : 'forbidden'),
        variant,
      );

    // ADR 0011: the union chair runs the rate survey; a representative of one side answers it once;
    // every reader of the round sees its statistics (aggregates, never a person's quotes).
    await perRound(
      'POST /api/negotiations/{id}/surveys',
      writeTargets,
      (r) => ({
        method: 'POST',
        url: `/api/negotiations/${r.id}/surveys`,
        body: sampleOf(OpenSurveyDto),
      }),
      (a, r) => (chiefSides(a, r).includes('worker') ? 'allowed' : 'forbidden'),
    );
    const missingSurvey = { key: 'missing', id: randomUUID(), round: missingRound };
    const perSurvey = async (
      route: string,
      build: (surveyId: string) => Req,
      policy: (a: Account, r: Round, d: RoundData) => Expected,
      list = surveys,
    ) => {
      exercised.add(route);
      judge(
        { caller: ANONYMOUS, route, target: surveys[0].key, expected: 'unauthenticated' },
        await send(ANONYMOUS, build(list[0].id)),
        null,
        [],
        [],
      );
      for (const a of rows) {
        const missing = await send(a.username, build(missingSurvey.id));
        judge(
          { caller: a.username, route, target: 'missing', expected: 'absent' },
          missing,
          null,
          [],
          [],
        );
        for (const s of list) {
          const r = s.round;
          const expected = !mayRead(a, r) ? 'hidden' : policy(a, r, data.get(r.id)!);
          const got = await send(a.username, build(s.id));
          // A survey names no round in the request, so its answer may name none either.
          judge(
            { caller: a.username, route, target: s.key, expected },
            got,
            missing,
            [r.id, r.title, r.workerPartyId, r.employerPartyId],
            [s.id, missingSurvey.id],
          );
        }
      }
    };
    await perSurvey(
      'GET /api/surveys/{surveyId}/statistics',
      (id) => ({ method: 'GET', url: `/api/surveys/${id}/statistics` }),
      readable,
    );
    await perSurvey(
      'POST /api/surveys/{surveyId}/responses',
      (id) => ({
        method: 'POST',
        url: `/api/surveys/${id}/responses`,
        body: sampleOf(SurveyResponseDto),
      }),
      (a, r, d) => (memberSides(a, r, d).length === 1 ? 'allowed' : 'forbidden'),
    );
    await perSurvey(
      'POST /api/surveys/{surveyId}/close',
      (id) => ({ method: 'POST', url: `/api/surveys/${id}/close`, body: sampleOf(CloseSurveyDto) }),
      (a, r) => (chiefSides(a, r).includes('worker') ? 'allowed' : 'forbidden'),
    );

    // ADR 0036: the union chair opens, records and closes the enterprise rate survey; every reader of
    // the round reads its statistics (aggregates only).
    await perRound(
      'POST /api/negotiations/{id}/enterprise-surveys',
      writeTargets,
      (r) => ({
        method: 'POST',
        url: `/api/negotiations/${r.id}/enterprise-surveys`,
        body: sampleOf(OpenEnterpriseSurveyDto),
      }),
      (a, r) => (chiefSides(a, r).includes('worker') ? 'allowed' : 'forbidden'),
    );
    await perSurvey(
      'GET /api/enterprise-surveys/{surveyId}/statistics',
      (id) => ({ method: 'GET', url: `/api/enterprise-surveys/${id}/statistics` }),
      readable,
      enterpriseSurveys,
    );
    await perSurvey(
      'POST /api/enterprise-surveys/{surveyId}/enterprises',
      (id) => ({
        method: 'POST',
        url: `/api/enterprise-surveys/${id}/enterprises`,
        // Nested figures are beyond sampleOf: a valid record by hand.
        body: {
          enterprise: { name: `authz matrix ${randomUUID()}` },
          enterpriseType: 'authz',
          figures: [{ itemCode: 'KN-01', value: '1.0000' }],
        },
      }),
      (a, r) => (chiefSides(a, r).includes('worker') ? 'allowed' : 'forbidden'),
      enterpriseSurveys,
    );
    await perSurvey(
      'POST /api/enterprise-surveys/{surveyId}/close',
      (id) => ({
        method: 'POST',
        url: `/api/enterprise-surveys/${id}/close`,
        body: sampleOf(CloseEnterpriseSurveyDto),
      }),
      (a, r) => (chiefSides(a, r).includes('worker') ? 'allowed' : 'forbidden'),
      enterpriseSurveys,
    );

    // A key the caller already used for another change is refused, but only after the round's scope:
    // otherwise a reused key would tell a foreign round (422) from a missing one (404).
    const reused = new Map(committedKeys);
    await perRound(
      'POST /api/negotiations/{id}/events',
      writeTargets,
      (r, d) => ({
        method: 'POST',
        url: `/api/negotiations/${r.id}/events`,
        body: {
          type: 'agenda.itemAdded',
          expectedRevision: d.revision,
          payload: sampleOf(PAYLOAD_CLASSES['agenda.itemAdded']),
        },
      }),
      () => 'refused',
      'a reused Idempotency-Key',
      (caller) => reused.get(caller) ?? randomUUID(),
    );

    // Opening a round: only the chair of the worker-side union, for its own pair.
    const pairs = [
      ['xinhe', PARTIES.xinheUnion.id, PARTIES.xinheAssociation.id],
      ['shoes', PARTIES.hengfengShoeUnion.id, PARTIES.hengfengShoeAssociation.id],
      ['yuhuan', YUHUAN_UNION, YUHUAN_ASSOCIATION],
    ] as const;
    const openRoute = 'POST /api/negotiations';
    exercised.add(openRoute);
    for (const caller of [ANONYMOUS, ...rows.map((a) => a.username)])
      for (const [key, workerPartyId, employerPartyId] of pairs)
        judge(
          {
            caller,
            route: openRoute,
            target: `${key} pair`,
            expected:
              caller === ANONYMOUS
                ? 'unauthenticated'
                : hasGrant(account(caller), 'unionChair', workerPartyId)
                  ? 'allowed'
                  : 'forbidden',
          },
          await send(caller, {
            method: 'POST',
            url: '/api/negotiations',
            body: { workerPartyId, employerPartyId, year: 2027, title: `authz matrix ${key} 2027` },
          }),
          null,
          [],
          [],
        );

    // Catalogs are reference data every account reads; an administrator keeps every industry's, a
    // union chair their own industry's.
    const catalogCsv = readFileSync(
      new URL('../../docs/examples/wool-knitwear-catalog.csv', import.meta.url),
    );
    const mayKeepCatalog = async (a: Account, industry: string) =>
      a.grants.some((g) => g.role === 'administrator') ||
      (
        await Promise.all(
          a.grants
            .filter((g) => g.role === 'unionChair')
            .map(async (g) => {
              const [p] = await ds.query(`SELECT industry_code FROM party WHERE id = $1`, [
                g.partyId,
              ]);
              return p?.industry_code === industry;
            }),
        )
      ).some(Boolean);
    const perIndustry = async (
      route: string,
      build: (industry: string) => Req,
      variant?: string,
    ) => {
      exercised.add(route);
      for (const caller of [ANONYMOUS, ...rows.map((a) => a.username)])
        for (const industry of ['wool-knitwear', 'shoes', 'no-such-industry']) {
          const a = account(caller);
          const expected: Expected =
            caller === ANONYMOUS
              ? 'unauthenticated'
              : route.startsWith('GET ')
                ? industry === 'no-such-industry'
                  ? 'absent'
                  : 'readable'
                : (await mayKeepCatalog(a, industry))
                  ? industry === 'no-such-industry'
                    ? 'absent'
                    : 'allowed'
                  : 'forbidden';
          judge(
            { caller, route, target: industry, variant, expected },
            await send(caller, build(industry)),
            null,
            [],
            [],
          );
        }
    };
    await perIndustry('GET /api/catalogs/{industry}/{version}', (i) => ({
      method: 'GET',
      url: `/api/catalogs/${i}/1`,
    }));
    await perIndustry('GET /api/catalogs/{industry}/{version}/export', (i) => ({
      method: 'GET',
      url: `/api/catalogs/${i}/1/export?format=csv`,
    }));
    // Without basedOnVersion a new version is refused (409) once a catalog exists: nothing is stored.
    await perIndustry('POST /api/catalogs', (i) => ({
      method: 'POST',
      url: '/api/catalogs',
      body: { ...knitwearCatalog(), industryCode: i },
    }));
    for (const [variant, file, contentType] of [
      ['a valid catalog', catalogCsv, 'text/csv'],
      ['an unreadable file', Buffer.from('PK\u0003\u0004 not a spreadsheet'), XLSX],
    ] as const)
      await perIndustry(
        'POST /api/catalogs/{industry}/import',
        (i) => ({ method: 'POST', url: `/api/catalogs/${i}/import`, body: file, contentType }),
        variant,
      );

    // The holiday calendar: every account reads it, only an administrator changes it.
    for (const [route, method] of [
      ['PUT /api/calendar/days/{day}', 'PUT'],
      ['DELETE /api/calendar/days/{day}', 'DELETE'],
    ] as const) {
      exercised.add(route);
      for (const caller of [ANONYMOUS, ...rows.map((a) => a.username)])
        judge(
          {
            caller,
            route,
            target: '2099-12-31',
            expected:
              caller === ANONYMOUS
                ? 'unauthenticated'
                : account(caller).grants.some((g) => g.role === 'administrator')
                  ? 'allowed'
                  : 'forbidden',
          },
          await send(caller, {
            method,
            url: '/api/calendar/days/2099-12-31',
            body: method === 'PUT' ? { kind: 'holiday', name: 'authz matrix' } : undefined,
          }),
          null,
          [],
          [],
        );
    }

    // Administration (issue 9; ADR 0022, 0027). Auditors and administrators read the log; everyone
    // reads the policy profiles, only administrators add a version. Administrators propose grants
    // within their scope; a grant outside a party is decided by a second administrator whose scope
    // covers it (never the proposer), a representative by the party's chief, who may also revoke it.
    // Everyone reads and marks their own notices (the reader's own state, not the record: an auditor
    // may too); another's notice, proposal or grant list is absent or forbidden.
    const isAdmin = (a: Account) => a.grants.some((g) => g.role === 'administrator');
    const readsLog = (a: Account) =>
      a.grants.some((g) => g.role === 'administrator' || g.role === 'auditor');
    const adminCovers = (a: Account, industry: string | undefined, region: string) =>
      a.grants.some(
        (g) =>
          g.role === 'administrator' &&
          (g.industryCode === undefined || g.industryCode === industry) &&
          covers(g.regionCode, region),
      );
    const decides = (a: Account) =>
      a.grants.some((g) => ['administrator', 'unionChair', 'associationChief'].includes(g.role));
    const idOfUser = async (u: string): Promise<string> =>
      (await ds.query(`SELECT id FROM account WHERE username = $1`, [u]))[0].id;
    const callers = [ANONYMOUS, ...rows.map((a) => a.username)];
    const cellsOf = async (
      route: string,
      target: string,
      req: (caller: string) => Req | Promise<Req>,
      policy: (a: Account) => Expected,
    ) => {
      exercised.add(route);
      for (const caller of callers)
        judge(
          {
            caller,
            route,
            target,
            expected: caller === ANONYMOUS ? 'unauthenticated' : policy(account(caller)),
          },
          await send(caller, await req(caller)),
          null,
          [],
          [],
        );
    };
    const logRead = (a: Account): Expected => (readsLog(a) ? 'readable' : 'forbidden');
    await cellsOf(
      'GET /api/administration/log',
      'log',
      () => ({ method: 'GET', url: '/api/administration/log' }),
      logRead,
    );
    await cellsOf(
      'GET /api/administration/log/verify',
      'log',
      () => ({ method: 'GET', url: '/api/administration/log/verify' }),
      logRead,
    );
    await cellsOf(
      'GET /api/policy-profiles/{id}',
      'zj-wage-2026',
      () => ({ method: 'GET', url: '/api/policy-profiles/zj-wage-2026' }),
      () => 'readable',
    );
    await cellsOf(
      'GET /api/policy-profiles/{id}',
      'missing',
      () => ({ method: 'GET', url: '/api/policy-profiles/no-such-profile' }),
      () => 'absent',
    );
    // The second administrator's identical version is refused as a duplicate (409): still allowed.
    await cellsOf(
      'POST /api/policy-profiles',
      'authz-matrix-profile',
      () => ({
        method: 'POST',
        url: '/api/policy-profiles',
        body: {
          ...ZHEJIANG_DEFAULT_POLICY,
          id: 'authz-matrix-profile',
          basedOnId: ZHEJIANG_DEFAULT_POLICY.id,
        },
      }),
      (a) => (isAdmin(a) ? 'allowed' : 'forbidden'),
    );

    // Retiring a version and publishing a calendar year are the administrator's (ADR 0029); the
    // administrator's retirement of a missing version is absent, and publishing 2099 is allowed.
    await cellsOf(
      'POST /api/policy-profiles/{id}/retire',
      'missing',
      () => ({
        method: 'POST',
        url: '/api/policy-profiles/no-such-profile/retire',
        body: { reason: 'authz matrix' },
      }),
      (a) => (isAdmin(a) ? 'absent' : 'forbidden'),
    );
    await cellsOf(
      'PUT /api/calendar/years/{year}',
      '2099',
      () => ({
        method: 'PUT',
        url: '/api/calendar/years/2099',
        body: { source: 'authz matrix notice' },
      }),
      (a) => (isAdmin(a) ? 'allowed' : 'forbidden'),
    );

    // The grantee never calls: a grant changes its token version, which would end a caller's token.
    const [grantee] = await ds.query(
      `INSERT INTO account (username, display_name, password_hash, member_ref)
       SELECT 'authz.grantee', 'authz.grantee', password_hash, 'authz.grantee' FROM account WHERE username = 'admin' RETURNING id`,
    );
    const proposal = async (role: Role, scope: Record<string, string>) => {
      const res = await send('admin', {
        method: 'POST',
        url: '/api/administration/grant-proposals',
        body: { accountId: grantee.id, role, ...scope },
      });
      expect(res.status).toBe(201);
      return (JSON.parse(res.text) as { id: string }).id;
    };
    const proposals = '/api/administration/grant-proposals';
    await cellsOf(
      'POST /api/administration/grant-proposals',
      'a recorder of Wenling wool knitwear',
      () => ({
        method: 'POST',
        url: proposals,
        body: {
          accountId: grantee.id,
          role: 'recorder',
          industryCode: 'wool-knitwear',
          regionCode: 'wenling-xinhe',
        },
      }),
      (a) => (adminCovers(a, 'wool-knitwear', 'wenling-xinhe') ? 'allowed' : 'forbidden'),
    );
    await cellsOf(
      'GET /api/administration/grant-proposals',
      'awaitingMe',
      () => ({ method: 'GET', url: `${proposals}?view=awaitingMe` }),
      () => 'readable',
    );
    await cellsOf(
      'GET /api/administration/grant-proposals',
      'proposedByMe',
      () => ({ method: 'GET', url: `${proposals}?view=proposedByMe` }),
      (a) => (isAdmin(a) ? 'readable' : 'forbidden'),
    );

    const approveId = await proposal('recorder', {
      industryCode: 'wool-knitwear',
      regionCode: 'wenling',
    });
    const rejectId = await proposal('labourOfficer', { regionCode: 'wenling' });
    const withdrawId = await proposal('auditor', { regionCode: 'wenling' });
    const secondAdmin = (a: Account): Expected =>
      a.username !== 'admin' && adminCovers(a, undefined, 'wenling') ? 'allowed' : 'forbidden';
    await cellsOf(
      'GET /api/administration/grant-proposals/{id}',
      'a pending proposal',
      () => ({ method: 'GET', url: `${proposals}/${approveId}` }),
      (a) => (readsLog(a) ? 'readable' : 'absent'),
    );
    await cellsOf(
      'GET /api/administration/grant-proposals/{id}',
      'missing',
      () => ({ method: 'GET', url: `${proposals}/${randomUUID()}` }),
      () => 'absent',
    );
    for (const [verb, id] of [
      ['approve', approveId],
      ['reject', rejectId],
    ] as const) {
      // Deciding an unknown proposal: 404 to those who decide grants at all, 403 to the rest.
      await cellsOf(
        `POST /api/administration/grant-proposals/{id}/${verb}`,
        'missing',
        () => ({ method: 'POST', url: `${proposals}/${randomUUID()}/${verb}` }),
        (a) => (decides(a) ? 'absent' : 'forbidden'),
      );
      // After the first decision the others get 409: still allowed for those who may decide.
      await cellsOf(
        `POST /api/administration/grant-proposals/{id}/${verb}`,
        `a ${verb} proposal`,
        () => ({ method: 'POST', url: `${proposals}/${id}/${verb}` }),
        secondAdmin,
      );
    }
    await cellsOf(
      'POST /api/administration/grant-proposals/{id}/withdraw',
      'missing',
      () => ({ method: 'POST', url: `${proposals}/${randomUUID()}/withdraw` }),
      () => 'absent',
    );
    await cellsOf(
      'POST /api/administration/grant-proposals/{id}/withdraw',
      'admin’s proposal',
      () => ({ method: 'POST', url: `${proposals}/${withdrawId}/withdraw` }),
      (a) => (a.username === 'admin' ? 'allowed' : 'forbidden'),
    );

    // A fresh representative's grant for each caller: a revocation that succeeds removes it.
    await cellsOf(
      'DELETE /api/administration/grants/{id}',
      'a Xinhe worker representative',
      async () => {
        const [g] = await ds.query(
          `INSERT INTO account_role (account_id, role, party_id) VALUES ($1, 'workerRepresentative', $2) RETURNING id`,
          [grantee.id, PARTIES.xinheUnion.id],
        );
        return { method: 'DELETE', url: `/api/administration/grants/${g.id}` };
      },
      (a) =>
        adminCovers(a, 'wool-knitwear', 'wenling-xinhe') ||
        hasGrant(a, 'unionChair', PARTIES.xinheUnion.id)
          ? 'allowed'
          : 'forbidden',
    );
    await ds.query(`DELETE FROM account_role WHERE account_id = $1`, [grantee.id]);
    await cellsOf(
      'DELETE /api/administration/grants/{id}',
      'missing',
      () => ({ method: 'DELETE', url: `/api/administration/grants/${randomUUID()}` }),
      (a) => (decides(a) ? 'absent' : 'forbidden'),
    );
    await cellsOf(
      'GET /api/administration/accounts/{id}/grants',
      'another account',
      () => ({ method: 'GET', url: `/api/administration/accounts/${grantee.id}/grants` }),
      (a) => (readsLog(a) ? 'readable' : 'forbidden'),
    );
    await cellsOf(
      'GET /api/administration/accounts/{id}/grants',
      'their own',
      async (caller) => ({
        method: 'GET',
        url: `/api/administration/accounts/${caller === ANONYMOUS ? grantee.id : await idOfUser(caller)}/grants`,
      }),
      () => 'readable',
    );

    const [foreignNotice] = await ds.query(
      `INSERT INTO notice (account_id, kind, subjects, created_at) VALUES ($1, 'authz.matrix', '{}', now()) RETURNING id`,
      [grantee.id],
    );
    await cellsOf(
      'POST /api/me/notices/{id}/read',
      'another’s notice',
      () => ({ method: 'POST', url: `/api/me/notices/${foreignNotice.id}/read` }),
      () => 'absent',
    );
    await cellsOf(
      'POST /api/me/notices/{id}/read',
      'their own notice',
      async (caller) => {
        const [n] = await ds.query(
          `INSERT INTO notice (account_id, kind, subjects, created_at) VALUES ($1, 'authz.matrix', '{}', now()) RETURNING id`,
          [caller === ANONYMOUS ? grantee.id : await idOfUser(caller)],
        );
        return { method: 'POST', url: `/api/me/notices/${n.id}/read` };
      },
      () => 'allowed',
    );
    // Accounts: only an administrator reads or changes them (ADR 0026). The target is an account of
    // its own, so disabling it changes no caller.
    const [targetPerson] = await ds.query(`INSERT INTO person DEFAULT VALUES RETURNING id`);
    const [target] = await ds.query(
      `INSERT INTO account (username, display_name, member_ref, person_id) VALUES ('matrix.target', 'matrix.target', 'matrix.target', $1) RETURNING id`,
      [targetPerson.id],
    );
    const accountRoutes: [string, Req][] = [
      ['GET /api/accounts', { method: 'GET', url: '/api/accounts' }],
      ['GET /api/accounts/{id}', { method: 'GET', url: `/api/accounts/${target.id}` }],
      [
        'POST /api/accounts',
        {
          method: 'POST',
          url: '/api/accounts',
          body: { username: 'matrix.new', person: { fullName: 'x' } },
        },
      ],
      [
        'POST /api/accounts/{id}/disable',
        { method: 'POST', url: `/api/accounts/${target.id}/disable`, body: {} },
      ],
      [
        'POST /api/accounts/{id}/enable',
        { method: 'POST', url: `/api/accounts/${target.id}/enable`, body: {} },
      ],
      [
        'POST /api/accounts/{id}/password-reset',
        { method: 'POST', url: `/api/accounts/${target.id}/password-reset`, body: {} },
      ],
      [
        'POST /api/accounts/onboarding',
        {
          method: 'POST',
          url: '/api/accounts/onboarding',
          body: Buffer.from('PK\u0003\u0004 not a spreadsheet'),
          contentType: XLSX,
        },
      ],
    ];
    for (const [route, req] of accountRoutes)
      await cellsOf(
        route,
        'matrix.target',
        () => req,
        (a) => (!isAdmin(a) ? 'forbidden' : req.method === 'GET' ? 'readable' : 'allowed'),
      );

    // Every account-level route judged for every caller: `expect` says what a caller may do.
    const perCaller = (route: string, req: Req, expect: (a: Account) => Expected) =>
      cellsOf(route, req.url, () => req, expect);

    const holds = (a: Account, ...roles: Role[]) => a.grants.some((g) => roles.includes(g.role));

    // The people registry (ADR 0025): administrators read and change everyone; a chief reads the
    // people of their own organisation; everyone reads their own record; anyone else finds nobody.
    const isChiefOf = (a: Account, partyId: string) =>
      a.grants.some(
        (g) => (g.role === 'unionChair' || g.role === 'associationChief') && g.partyId === partyId,
      );
    const unionMember = PEOPLE['sun.w4'];
    await perCaller('GET /api/people', { method: 'GET', url: '/api/people' }, (a) =>
      holds(a, 'administrator') || a.grants.some((g) => isChiefOf(a, g.partyId ?? ''))
        ? 'readable'
        : 'forbidden',
    );
    await perCaller(
      'GET /api/people/me',
      { method: 'GET', url: '/api/people/me' },
      () => 'readable',
    );
    await perCaller(
      'GET /api/people/{personId}',
      { method: 'GET', url: `/api/people/${unionMember.id}` },
      (a) =>
        holds(a, 'administrator') || isChiefOf(a, PARTIES.xinheUnion.id) ? 'readable' : 'absent',
    );
    const onlyAdministrators = (a: Account): Expected =>
      holds(a, 'administrator') ? 'allowed' : 'forbidden';
    await perCaller(
      'POST /api/people',
      { method: 'POST', url: '/api/people', body: { fullName: 'authz matrix' } },
      onlyAdministrators,
    );
    await perCaller(
      'PATCH /api/people/{personId}',
      { method: 'PATCH', url: `/api/people/${unionMember.id}`, body: { position: 'authz matrix' } },
      onlyAdministrators,
    );
    const [erasable] = await ds.query(`INSERT INTO person (full_name) VALUES ('x') RETURNING id`);
    await perCaller(
      'POST /api/people/{personId}/erasure',
      { method: 'POST', url: `/api/people/${erasable.id}/erasure`, body: {} },
      (a) => (holds(a, 'administrator') ? 'allowed' : 'forbidden'),
    );

    // Lists show exactly what the caller may read.
    exercised.add('GET /api/negotiations');
    for (const a of rows) {
      const got = await send(a.username, { method: 'GET', url: '/api/negotiations?limit=100' });
      const listed = new Set(
        (JSON.parse(got.text) as { items: { id: string }[] }).items.map((i) => i.id),
      );
      for (const r of rounds)
        if (listed.has(r.id) !== mayRead(a, r))
          failures.push(
            `${a.username} GET /negotiations: ${r.key} ${listed.has(r.id) ? 'listed' : 'missing'}`,
          );
      cells.push({
        caller: a.username,
        route: 'GET /api/negotiations',
        target: 'list',
        expected: 'readable',
        status: got.status,
      });
    }

    // Logging out ends the caller's own session and nobody else's (ADR 0017): every account may, with
    // a second session of its own, so the tokens the matrix uses stay live.
    const logout = 'POST /api/auth/logout';
    exercised.add(logout);
    for (const a of rows) {
      const login = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: a.username, password: DEMO_PASSWORD }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const as = (token: string, method: string, path: string) =>
        fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
      const out = await as(accessToken, 'POST', '/api/auth/logout');
      const ended = await as(accessToken, 'GET', '/api/me');
      const other = await as(tokens.get(a.username)!, 'GET', '/api/me');
      if (out.status !== 204 || ended.status !== 401 || other.status !== 200)
        failures.push(
          `${a.username} ${logout}: expected 204, then 401 for that session and 200 for another, got ${out.status}, ${ended.status}, ${other.status}`,
        );
    }

    // Every other operation of the OpenAPI document (new ones included): public ones answer without a
    // token, the rest refuse it; any account gets no server error and, for a write, an auditor no 2xx.
    for (const op of operations.filter((o) => !exercised.has(o))) {
      const [method, path] = op.split(' ');
      const url = path
        .replace('{id}', rounds[1].id)
        .replace('{surveyId}', surveys[0].id)
        .replace('{offerId}', offerOf(rounds[1]))
        .replace('{industry}', 'wool-knitwear')
        .replace('{code}', 'wool-knitwear')
        .replace('{version}', '1')
        .replace('{day}', '2099-12-31')
        .concat(path === '/api/calendar/days' ? '?year=2026' : '');
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      judge(
        {
          caller: ANONYMOUS,
          route: op,
          target: url,
          expected: PUBLIC_ROUTES.has(op) ? 'public' : 'unauthenticated',
        },
        await send(ANONYMOUS, { method, url, body }),
        null,
        [],
        [],
      );
      if (PUBLIC_ROUTES.has(op)) continue;
      for (const a of rows) {
        const got = await send(a.username, { method, url, body });
        const neverWrites = a.grants.every((g) => g.role === 'auditor');
        judge(
          {
            caller: a.username,
            route: op,
            target: url,
            expected: method === 'GET' ? 'readable' : neverWrites ? 'forbidden' : 'allowed',
          },
          got,
          null,
          [],
          [],
        );
      }
    }

    const counts = new Map<string, number>();
    for (const c of cells) {
      const k = `${c.expected.padEnd(15)} ${c.status}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    process.stdout.write(
      `authorization matrix: ${cells.length} requests, ${rows.length} callers + no token, ${rounds.length} rounds + a missing one, ${eventTypes.length} events\n${[
        ...counts,
      ]
        .sort()
        .map(([k, n]) => `  ${k} ${n}`)
        .join('\n')}\n`,
    );
    expect(failures).toEqual([]);
  }, 300_000);
});
