import { describe, it, expect } from '@jest/globals';
import {
  NAMED_POLICY_PROFILES,
  POLICY_VALUE_PATHS,
  TAIZHOU_POLICY,
  ZHEJIANG_DEFAULT_POLICY,
  ZHEJIANG_POLICY_V2,
  completePolicyProfile,
  isAssumed,
  validatePolicyProfile,
  type PolicyProfile,
} from './policy-profile.js';

// A deep copy with one change, so no test can alter the shared default.
function profileWith(change: (p: PolicyProfile) => void): PolicyProfile {
  const p: PolicyProfile = structuredClone(ZHEJIANG_POLICY_V2);
  change(p);
  return p;
}

const fields = (p: PolicyProfile) => validatePolicyProfile(p).map((v) => v.field);

describe('validatePolicyProfile', () => {
  it.each(NAMED_POLICY_PROFILES.map((p) => [p.id, p] as const))(
    'accepts the named profile %s',
    (_id, p) => {
      expect(validatePolicyProfile(p)).toEqual([]);
    },
  );

  it('accepts the profile pinned before ADR 0029 once completed by its documented reading', () => {
    expect(validatePolicyProfile(completePolicyProfile(ZHEJIANG_DEFAULT_POLICY))).toEqual([]);
  });

  it('refuses the old shape as a new version: the added values are missing and nothing is cited', () => {
    const f = fields(ZHEJIANG_DEFAULT_POLICY);
    expect(f).toEqual(
      expect.arrayContaining([
        'deadlines.correctionDays',
        'deadlines.publicationDays',
        'renewalWindow',
        'minimumWage.monthlyYuan',
        ...POLICY_VALUE_PATHS.map((path) => `sources.${path}`),
      ]),
    );
  });

  it.each(['Mars/Olympus', '', 'UTC+8'])('flags a time zone of %p', (zone) => {
    expect(fields(profileWith((p) => (p.timeZone = zone)))).toEqual(['timeZone']);
  });

  it('accepts maxPerSide equal to minPerSide', () => {
    expect(fields(profileWith((p) => (p.representatives.maxPerSide = 3)))).toEqual([]);
  });

  it('flags maxPerSide below minPerSide', () => {
    expect(validatePolicyProfile(profileWith((p) => (p.representatives.maxPerSide = 2)))).toEqual([
      { field: 'representatives.maxPerSide', message: 'must be an integer not below minPerSide' },
    ]);
  });

  it.each([0, -1, 2.5])('flags a minPerSide of %p', (n) => {
    expect(fields(profileWith((p) => (p.representatives.minPerSide = n)))).toEqual([
      'representatives.minPerSide',
    ]);
  });

  it.each([0, 10.5])('flags a maxPerSide of %p', (n) => {
    expect(fields(profileWith((p) => (p.representatives.maxPerSide = n)))).toEqual([
      'representatives.maxPerSide',
    ]);
  });

  it.each([
    ['above 1', { numerator: 4, denominator: 3 }],
    ['of zero', { numerator: 0, denominator: 3 }],
    ['with a zero denominator', { numerator: 2, denominator: 0 }],
    ['with a negative numerator', { numerator: -2, denominator: 3 }],
    ['with a fractional part', { numerator: 1.5, denominator: 3 }],
  ])('flags a quorum fraction %s', (_name, quorum) => {
    expect(validatePolicyProfile(profileWith((p) => (p.ratification.quorum = quorum)))).toEqual([
      { field: 'ratification.quorum', message: 'must be a fraction between 0 and 1' },
    ]);
  });

  it('accepts a quorum of all members (1/1)', () => {
    expect(
      fields(profileWith((p) => (p.ratification.quorum = { numerator: 1, denominator: 1 }))),
    ).toEqual([]);
  });

  it('flags an expert share above 1', () => {
    const p = profileWith(
      (q) => (q.representatives.maxExpertShare = { numerator: 3, denominator: 2 }),
    );
    expect(fields(p)).toEqual(['representatives.maxExpertShare']);
  });

  it('flags an unknown passRule', () => {
    const p = profileWith(
      (q) => (q.ratification.passRule = 'twoThirds' as PolicyProfile['ratification']['passRule']),
    );
    expect(validatePolicyProfile(p)).toEqual([
      {
        field: 'ratification.passRule',
        message: "must be 'moreThanHalfOfAll' or 'atLeastHalfOfAll'",
      },
    ]);
  });

  it('accepts the atLeastHalfOfAll pass rule', () => {
    expect(fields(profileWith((p) => (p.ratification.passRule = 'atLeastHalfOfAll')))).toEqual([]);
  });

  it.each([
    'offerReplyDays',
    'informationLeadDays',
    'vacancyRefillDays',
    'coordinationDays',
    'filingDays',
    'correctionDays',
    'reviewDays',
    'publicationDays',
    'resubmissionDays',
  ] as const)('flags zero days for deadlines.%s', (key) => {
    expect(validatePolicyProfile(profileWith((p) => (p.deadlines[key] = 0)))).toEqual([
      { field: `deadlines.${key}`, message: 'must be a positive whole number of days' },
    ]);
  });

  it.each([-7, 7.5])('flags %p filing days', (n) => {
    expect(fields(profileWith((p) => (p.deadlines.filingDays = n)))).toEqual([
      'deadlines.filingDays',
    ]);
  });

  it('allows resubmissionDays to be null but no other deadline', () => {
    expect(fields(profileWith((p) => (p.deadlines.resubmissionDays = null)))).toEqual([]);
    const p = profileWith(
      (q) => ((q.deadlines as Record<string, number | null>).filingDays = null),
    );
    expect(fields(p)).toEqual(['deadlines.filingDays']);
  });

  it('accepts a positive resubmissionDays', () => {
    expect(fields(profileWith((p) => (p.deadlines.resubmissionDays = 60)))).toEqual([]);
  });

  it('reports every violation at once', () => {
    const p = profileWith((q) => {
      q.representatives.maxPerSide = 1;
      q.ratification.quorum = { numerator: 5, denominator: 3 };
      q.ratification.passRule = 'unanimous' as PolicyProfile['ratification']['passRule'];
      q.deadlines.offerReplyDays = 0;
      q.deadlines.reviewDays = -1;
    });
    expect(fields(p)).toEqual([
      'representatives.maxPerSide',
      'ratification.quorum',
      'ratification.passRule',
      'deadlines.offerReplyDays',
      'deadlines.reviewDays',
    ]);
  });
});

describe('legal ranges', () => {
  it.each([
    ['deadlines.offerReplyDays', (p: PolicyProfile) => (p.deadlines.offerReplyDays = 21)],
    ['deadlines.informationLeadDays', (p: PolicyProfile) => (p.deadlines.informationLeadDays = 4)],
    ['deadlines.vacancyRefillDays', (p: PolicyProfile) => (p.deadlines.vacancyRefillDays = 16)],
    ['deadlines.coordinationDays', (p: PolicyProfile) => (p.deadlines.coordinationDays = 31)],
    [
      'deadlines.coordinationExtensionMaxDays',
      (p: PolicyProfile) => (p.deadlines.coordinationExtensionMaxDays = 16),
    ],
    ['deadlines.filingDays', (p: PolicyProfile) => (p.deadlines.filingDays = 11)],
    ['deadlines.reviewDays', (p: PolicyProfile) => (p.deadlines.reviewDays = 16)],
    ['representatives.minPerSide', (p: PolicyProfile) => (p.representatives.minPerSide = 2)],
    [
      'ratification.quorum',
      (p: PolicyProfile) => (p.ratification.quorum = { numerator: 3, denominator: 5 }),
    ],
    [
      'representatives.maxExpertShare',
      (p: PolicyProfile) => (p.representatives.maxExpertShare = { numerator: 2, denominator: 5 }),
    ],
    ['renewalWindow', (p: PolicyProfile) => (p.renewalWindow = { amount: 4, unit: 'months' })],
    ['renewalWindow', (p: PolicyProfile) => (p.renewalWindow = { amount: 93, unit: 'days' })],
    [
      'minimumWage.monthlyYuan',
      (p: PolicyProfile) => (p.minimumWage = { monthlyYuan: '2490.001' }),
    ],
    ['minimumWage.monthlyYuan', (p: PolicyProfile) => (p.minimumWage = { monthlyYuan: '0' })],
    [
      'hearing.minAttendancePerSide',
      (p: PolicyProfile) => (p.hearing = { minAttendancePerSide: 0 }),
    ],
  ] as [string, (p: PolicyProfile) => unknown][])(
    'flags %s outside the law’s range',
    (field, change) => {
      expect(fields(profileWith(change))).toEqual([field]);
    },
  );

  it('names the rule that sets the bound', () => {
    const [v] = validatePolicyProfile(profileWith((p) => (p.deadlines.offerReplyDays = 21)));
    expect(v.message).toContain('from 1 to 20');
    expect(v.message).toContain('集体合同规定');
  });

  it.each([
    ['a reply of exactly 20 days', (p: PolicyProfile) => (p.deadlines.offerReplyDays = 20)],
    ['a shorter reply under a local rule', (p: PolicyProfile) => (p.deadlines.offerReplyDays = 10)],
    ['filing in 10 days (CCR)', (p: PolicyProfile) => (p.deadlines.filingDays = 10)],
    [
      'no coordination extension',
      (p: PolicyProfile) => (p.deadlines.coordinationExtensionMaxDays = 0),
    ],
    [
      'a quorum of 3/4',
      (p: PolicyProfile) => (p.ratification.quorum = { numerator: 3, denominator: 4 }),
    ],
    ['no maximum delegation', (p: PolicyProfile) => delete p.representatives.maxPerSide],
    [
      'a renewal window of 3 months',
      (p: PolicyProfile) => (p.renewalWindow = { amount: 3, unit: 'months' }),
    ],
    [
      'a minimum wage of 2490.00 yuan',
      (p: PolicyProfile) => (p.minimumWage = { monthlyYuan: '2490.00' }),
    ],
    [
      'a hearing of at least 51 per side (Hengfeng 2012)',
      (p: PolicyProfile) => (p.hearing = { minAttendancePerSide: 51 }),
    ],
    [
      'information 30 days ahead (no upper bound)',
      (p: PolicyProfile) => (p.deadlines.informationLeadDays = 30),
    ],
  ] as [string, (p: PolicyProfile) => unknown][])('accepts %s', (_name, change) => {
    expect(fields(profileWith(change))).toEqual([]);
  });

  it('makes the inclusive "yes ≥ half of all" reading selectable', () => {
    const p = profileWith((q) => (q.ratification.passRule = 'atLeastHalfOfAll'));
    expect(validatePolicyProfile(p)).toEqual([]);
  });

  it('flags a value without a citation, and an "assumed" without a reason', () => {
    const p = profileWith((q) => {
      delete q.sources!['deadlines.reviewDays'];
      q.sources!['deadlines.filingDays'] = 'assumed:';
    });
    expect(fields(p)).toEqual(['sources.deadlines.filingDays', 'sources.deadlines.reviewDays']);
  });
});

describe('the named profiles', () => {
  it.each(NAMED_POLICY_PROFILES.map((p) => [p.id, p] as const))(
    '%s cites a source or says "assumed: <why>" for every value',
    (_id, p) => {
      for (const path of POLICY_VALUE_PATHS) {
        const c = p.sources[path];
        expect(typeof c).toBe('string');
        expect(isAssumed(c) || /CCR|WTM|Civil Code|Zhejiang/.test(c)).toBe(true);
      }
    },
  );

  it('are four families, each at its own id', () => {
    expect(NAMED_POLICY_PROFILES.map((p) => `${p.family}@${p.version}`)).toEqual([
      'national-ccr-2004@1',
      'wtm-2000@1',
      'zhejiang@2',
      'taizhou@1',
    ]);
    expect(new Set(NAMED_POLICY_PROFILES.map((p) => p.id)).size).toBe(4);
  });

  it('differ where the law differs: CCR files in 10 days, WTM in 7; only Zhejiang caps a side at 10', () => {
    const [ccr, wtm, zj] = NAMED_POLICY_PROFILES;
    expect([ccr.deadlines.filingDays, wtm.deadlines.filingDays, zj.deadlines.filingDays]).toEqual([
      10, 7, 7,
    ]);
    expect([ccr.representatives.maxPerSide, zj.representatives.maxPerSide]).toEqual([
      undefined,
      10,
    ]);
  });

  it('mark every Taizhou value as following Zhejiang because the local standard was not found', () => {
    for (const path of POLICY_VALUE_PATHS)
      expect(TAIZHOU_POLICY.sources[path]).toContain('DB3310/T 103-2023 body not found');
  });

  it('leave the minimum wage unset rather than guess it, and say why', () => {
    for (const p of NAMED_POLICY_PROFILES) {
      expect(p.minimumWage.monthlyYuan).toBeNull();
      expect(isAssumed(p.sources['minimumWage.monthlyYuan'])).toBe(true);
    }
  });
});

describe('completePolicyProfile (reading a profile pinned before ADR 0029)', () => {
  it('keeps every pinned value and fills the absent ones with the national defaults, marked assumed', () => {
    const c = completePolicyProfile(ZHEJIANG_DEFAULT_POLICY);
    expect(c.deadlines).toMatchObject({
      ...ZHEJIANG_DEFAULT_POLICY.deadlines,
      correctionDays: 7,
      publicationDays: 10,
    });
    expect(c.representatives.maxPerSide).toBe(10);
    expect(c.renewalWindow).toEqual({ amount: 3, unit: 'months' });
    expect(c).toMatchObject({ family: 'zj-wage-2026', version: 1 });
    expect(Object.values(c.sources).every(isAssumed)).toBe(true);
  });

  it('leaves the pinned copy itself untouched', () => {
    const pinned = structuredClone(ZHEJIANG_DEFAULT_POLICY);
    completePolicyProfile(pinned);
    expect(pinned).toEqual(ZHEJIANG_DEFAULT_POLICY);
  });
});
