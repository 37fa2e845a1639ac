import { describe, it, expect } from '@jest/globals';
import {
  ZHEJIANG_DEFAULT_POLICY,
  validatePolicyProfile,
  type PolicyProfile,
} from './policy-profile.js';

// A deep copy with one change, so no test can alter the shared default.
function profileWith(change: (p: PolicyProfile) => void): PolicyProfile {
  const p = structuredClone(ZHEJIANG_DEFAULT_POLICY);
  change(p);
  return p;
}

const fields = (p: PolicyProfile) => validatePolicyProfile(p).map((v) => v.field);

describe('validatePolicyProfile', () => {
  it('accepts the Zhejiang default profile', () => {
    expect(validatePolicyProfile(ZHEJIANG_DEFAULT_POLICY)).toEqual([]);
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
    'coordinationExtensionMaxDays',
    'filingDays',
    'reviewDays',
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
