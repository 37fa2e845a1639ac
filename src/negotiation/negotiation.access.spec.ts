import { describe, it, expect } from '@jest/globals';
import type { Caller, Grant } from '../auth/caller.js';
import type { Role } from '../auth/roles.js';
import { ZHEJIANG_DEFAULT_POLICY } from '../kernel/policy/policy-profile.js';
import {
  actorIn,
  canRead,
  regionCovers,
  visibilityClause,
  type ScopedRow,
} from './negotiation.access.js';
import { newRoundContext } from '../kernel/round/round.context.js';
import type { RoundContext } from '../kernel/round/round.types.js';

const WORKER_PARTY = 'union-wenling';
const EMPLOYER_PARTY = 'assoc-wenling';
const OTHER_PARTY = 'union-yuhuan';

const row = (overrides: Partial<ScopedRow> = {}): ScopedRow => ({
  industryCode: 'wool-knitwear',
  regionCode: 'wenling-xinhe',
  workerPartyId: WORKER_PARTY,
  employerPartyId: EMPLOYER_PARTY,
  outcome: 'open',
  ...overrides,
});

const grant = (role: Role, scope: Partial<Omit<Grant, 'role'>> = {}): Grant => ({
  role,
  partyId: null,
  industryCode: null,
  regionCode: null,
  ...scope,
});

const caller = (grants: Grant[], personId = 'p-caller', memberRef = 'handle.caller'): Caller => ({
  accountId: 'acc-caller',
  username: 'caller',
  personId,
  memberRef,
  grants,
});

const context = (): RoundContext =>
  newRoundContext({
    negotiationId: 'neg-1',
    industryCode: 'wool-knitwear',
    regionCode: 'wenling-xinhe',
    year: 2026,
    title: 'Wenling wool knitwear 2026',
    policy: ZHEJIANG_DEFAULT_POLICY,
    parties: {
      worker: { partyId: WORKER_PARTY, name: 'Union' },
      employer: { partyId: EMPLOYER_PARTY, name: 'Association' },
    },
  });

describe('regionCovers', () => {
  it.each([
    ['wenling', 'wenling', true],
    ['wenling', 'wenling-xinhe', true],
    ['wenling', 'wenling-xinhe-village', true],
    [null, 'yuhuan', true],
    ['wenling', 'wenlingx', false],
    ['wenling', 'yuhuan', false],
    ['wenling-xinhe', 'wenling', false],
    ['wenling-xinhe', 'wenling-daxi', false],
  ])('grant region %j covers %j: %s', (grantRegion, region, covers) => {
    expect(regionCovers(grantRegion, region)).toBe(covers);
  });
});

describe('canRead', () => {
  it.each([
    ['unionChair', WORKER_PARTY, true],
    ['workerRepresentative', WORKER_PARTY, true],
    ['associationChief', EMPLOYER_PARTY, true],
    ['employerRepresentative', EMPLOYER_PARTY, true],
    ['unionChair', OTHER_PARTY, false],
    ['workerRepresentative', OTHER_PARTY, false],
    ['associationChief', OTHER_PARTY, false],
    ['employerRepresentative', OTHER_PARTY, false],
    ['unionChair', null, false],
  ] as const)('lets a %s of party %j read: %s', (role, partyId, expected) => {
    expect(canRead(caller([grant(role, { partyId })]), row())).toBe(expected);
  });

  it('does not let a party role read by industry or region alone', () => {
    const g = grant('unionChair', {
      partyId: OTHER_PARTY,
      industryCode: 'wool-knitwear',
      regionCode: 'wenling',
    });
    expect(canRead(caller([g]), row())).toBe(false);
  });

  it.each([
    ['labourOfficer', null, null, true],
    ['labourOfficer', 'wool-knitwear', 'wenling', true],
    ['labourOfficer', 'wool-knitwear', 'wenling-xinhe', true],
    ['labourOfficer', 'wool-knitwear', 'yuhuan', false],
    ['labourOfficer', 'pumps', 'wenling', false],
    ['labourOfficer', null, 'wenlingx', false],
    ['recorder', 'wool-knitwear', 'wenling', true],
    ['recorder', null, 'yuhuan', false],
  ] as const)(
    'lets a %s scoped to industry %j and region %j read: %s',
    (role, industryCode, regionCode, expected) => {
      expect(canRead(caller([grant(role, { industryCode, regionCode })]), row())).toBe(expected);
    },
  );

  it.each([
    ['agreed', 'wenling', true],
    ['open', 'wenling', false],
    ['failed', 'wenling', false],
    ['agreed', 'yuhuan', false],
  ])('lets an auditor read an outcome %j in region %j: %s', (outcome, regionCode, expected) => {
    expect(canRead(caller([grant('auditor', { regionCode })]), row({ outcome }))).toBe(expected);
  });

  it('lets an administrator read everything', () => {
    const admin = caller([grant('administrator', { regionCode: 'yuhuan', industryCode: 'pumps' })]);
    expect(canRead(admin, row())).toBe(true);
    expect(canRead(admin, row({ outcome: 'failed', regionCode: 'elsewhere' }))).toBe(true);
  });

  it('lets nobody without grants read', () => {
    expect(canRead(caller([]), row())).toBe(false);
  });

  it('is satisfied by any one of several grants', () => {
    const c = caller([
      grant('unionChair', { partyId: OTHER_PARTY }),
      grant('labourOfficer', { regionCode: 'wenling' }),
    ]);
    expect(canRead(c, row())).toBe(true);
  });
});

describe('actorIn', () => {
  it('passes the account and person through and grants nothing for no roles', () => {
    expect(actorIn(caller([], 'm-7'), row(), context())).toEqual({
      accountId: 'acc-caller',
      personId: 'm-7',
      chiefOf: [],
      memberOf: [],
      isRecorder: false,
      isLabourOfficer: false,
    });
  });

  it.each([
    ['unionChair', WORKER_PARTY, ['worker']],
    ['unionChair', EMPLOYER_PARTY, []],
    ['unionChair', OTHER_PARTY, []],
    ['associationChief', EMPLOYER_PARTY, ['employer']],
    ['associationChief', WORKER_PARTY, []],
  ] as const)('makes a %s of %j chief of %j', (role, partyId, chiefOf) => {
    expect(actorIn(caller([grant(role, { partyId })]), row(), context()).chiefOf).toEqual(chiefOf);
  });

  it('trusts a caller holding both chief grants with neither side', () => {
    const c = caller([
      grant('associationChief', { partyId: EMPLOYER_PARTY }),
      grant('unionChair', { partyId: WORKER_PARTY }),
    ]);
    expect(actorIn(c, row(), context())).toMatchObject({ chiefOf: [], memberOf: [] });
  });

  it('trusts an employer representative seated in the worker delegation with neither side', () => {
    const ctx = context();
    ctx.delegations.worker.push({
      personId: 'm-both',
      isChief: false,
      isExpert: false,
      appointedOn: '2026-09-01',
    });
    const c = caller([grant('employerRepresentative', { partyId: EMPLOYER_PARTY })], 'm-both');
    expect(actorIn(c, row(), ctx)).toMatchObject({ chiefOf: [], memberOf: [] });
    expect(actorIn(caller([], 'm-both'), row(), ctx).memberOf).toEqual(['worker']);
  });

  it.each([
    ['workerRepresentative', WORKER_PARTY, ['worker']],
    ['workerRepresentative', EMPLOYER_PARTY, []],
    ['employerRepresentative', EMPLOYER_PARTY, ['employer']],
    ['employerRepresentative', WORKER_PARTY, []],
  ] as const)('makes a %s of %j a member of %j', (role, partyId, memberOf) => {
    const actor = actorIn(caller([grant(role, { partyId })]), row(), context());
    expect(actor.memberOf).toEqual(memberOf);
    expect(actor.chiefOf).toEqual([]);
  });

  it('makes a delegate of the round a member of that side without any grant', () => {
    const ctx = context();
    ctx.delegations.employer.push({
      personId: 'm-del',
      isChief: false,
      isExpert: false,
      appointedOn: '2026-09-01',
    });
    expect(actorIn(caller([], 'm-del'), row(), ctx).memberOf).toEqual(['employer']);
    expect(actorIn(caller([], 'm-other'), row(), ctx).memberOf).toEqual([]);
  });

  it('matches a seat recorded before ADR 0025 by the account’s member handle, never a person id by it', () => {
    const ctx = context();
    const seat = { isChief: false, isExpert: false, appointedOn: '2025-07-01' };
    ctx.delegations.worker.push({ ...seat, personId: 'wang.w1', name: 'legacy' });
    ctx.delegations.employer.push({ ...seat, personId: '7a4e2f10-9c3b-4d5e-8f61-000000000012' });
    expect(actorIn(caller([], 'p-1', 'wang.w1'), row(), ctx).memberOf).toEqual(['worker']);
    const handleLikeAnId = caller([], 'p-2', '7a4e2f10-9c3b-4d5e-8f61-000000000012');
    expect(actorIn(handleLikeAnId, row(), ctx).memberOf).toEqual([]);
    expect(actorIn(caller([], 'p-1', 'li.w2'), row(), ctx).memberOf).toEqual([]);
  });

  describe('isRecorder', () => {
    const appointed = (personId: string): RoundContext => ({
      ...context(),
      recorder: { personId },
    });

    it('is true for a caller with an in-scope recorder grant who is the round’s recorder', () => {
      const c = caller([grant('recorder', { regionCode: 'wenling' })], 'm-rec');
      expect(actorIn(c, row(), appointed('m-rec')).isRecorder).toBe(true);
    });

    it('is false for a recorder grant when someone else is the round’s recorder', () => {
      const c = caller([grant('recorder', { regionCode: 'wenling' })], 'm-rec');
      expect(actorIn(c, row(), appointed('m-someone-else')).isRecorder).toBe(false);
    });

    it('is false for a recorder grant when no recorder is appointed', () => {
      const c = caller([grant('recorder')], 'm-rec');
      expect(actorIn(c, row(), context()).isRecorder).toBe(false);
    });

    it('is false for the appointed recorder without a recorder grant', () => {
      const c = caller([grant('labourOfficer')], 'm-rec');
      expect(actorIn(c, row(), appointed('m-rec')).isRecorder).toBe(false);
    });

    it('is false for the appointed recorder whose grant is for another region', () => {
      const c = caller([grant('recorder', { regionCode: 'yuhuan' })], 'm-rec');
      expect(actorIn(c, row(), appointed('m-rec')).isRecorder).toBe(false);
    });
  });

  it.each([
    [null, null, true],
    ['wool-knitwear', 'wenling', true],
    ['wool-knitwear', 'yuhuan', false],
    ['pumps', null, false],
  ])(
    'makes a labour officer for industry %j and region %j act as labour officer: %s',
    (industryCode, regionCode, expected) => {
      const c = caller([grant('labourOfficer', { industryCode, regionCode })]);
      expect(actorIn(c, row(), context()).isLabourOfficer).toBe(expected);
    },
  );
});

describe('visibilityClause', () => {
  it('returns FALSE for a caller without grants', () => {
    expect(visibilityClause(caller([]), 1)).toEqual({ sql: 'FALSE', params: [] });
  });

  it('returns TRUE for an administrator, with no params', () => {
    expect(visibilityClause(caller([grant('administrator')]), 1)).toEqual({
      sql: '(TRUE)',
      params: [],
    });
  });

  it('matches either party for a party role, numbering params from firstParam', () => {
    expect(visibilityClause(caller([grant('unionChair', { partyId: 'p1' })]), 3)).toEqual({
      sql: '((n.worker_party_id = $3 OR n.employer_party_id = $4))',
      params: ['p1', 'p1'],
    });
  });

  it('returns FALSE for a party role without a party', () => {
    expect(visibilityClause(caller([grant('workerRepresentative')]), 1)).toEqual({
      sql: '(FALSE)',
      params: [],
    });
  });

  it('scopes a labour officer by industry and by region prefix', () => {
    const g = grant('labourOfficer', { industryCode: 'wool', regionCode: 'wenling' });
    expect(visibilityClause(caller([g]), 1)).toEqual({
      sql: "((n.industry_code = $1 AND (n.region_code = $2 OR starts_with(n.region_code, $2 || '-'))))",
      params: ['wool', 'wenling'],
    });
  });

  it('limits an auditor to agreed negotiations', () => {
    expect(visibilityClause(caller([grant('auditor')]), 1)).toEqual({
      sql: "((TRUE AND TRUE AND n.outcome = 'agreed'))",
      params: [],
    });
  });

  it('ORs several grants and keeps numbering across them', () => {
    const c = caller([
      grant('employerRepresentative', { partyId: 'p9' }),
      grant('recorder', { regionCode: 'yuhuan' }),
      grant('auditor', { industryCode: 'pumps' }),
    ]);
    expect(visibilityClause(c, 5)).toEqual({
      sql:
        '((n.worker_party_id = $5 OR n.employer_party_id = $6)' +
        " OR (TRUE AND (n.region_code = $7 OR starts_with(n.region_code, $7 || '-')))" +
        " OR (n.industry_code = $8 AND TRUE AND n.outcome = 'agreed'))",
      params: ['p9', 'p9', 'yuhuan', 'pumps'],
    });
  });
});
