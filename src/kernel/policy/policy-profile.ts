// A policy profile holds every number the law leaves to local rules (domain.md §2). A round pins a
// copy when it opens, so changing a profile later never changes the rules of a round under way.

export interface Fraction {
  numerator: number;
  denominator: number;
}

// "半数以上" is read both ways; CCR art. 36 is read strictly ("more than half") by default.
export type PassRule = 'moreThanHalfOfAll' | 'atLeastHalfOfAll';

export interface PolicyProfile {
  id: string;
  name: string;
  timeZone: string;
  dayCounting: 'calendarDays' | 'workingDays';
  representatives: {
    minPerSide: number;
    maxPerSide: number;
    maxExpertShare: Fraction;
  };
  ratification: {
    quorum: Fraction;
    passRule: PassRule;
  };
  deadlines: {
    offerReplyDays: number;
    informationLeadDays: number;
    vacancyRefillDays: number;
    coordinationDays: number;
    coordinationExtensionMaxDays: number;
    filingDays: number;
    reviewDays: number;
    resubmissionDays: number | null;
  };
  // Optional so that profiles pinned before rate surveys existed still read; absent means 3.
  rateSurvey?: {
    minQuotesPerSide: number;
  };
}

export const ZHEJIANG_DEFAULT_POLICY: PolicyProfile = {
  id: 'zj-wage-2026',
  name: '浙江省工资集体协商默认规则 (Zhejiang wage negotiation defaults)',
  timeZone: 'Asia/Shanghai',
  dayCounting: 'calendarDays',
  representatives: {
    minPerSide: 3,
    maxPerSide: 10,
    maxExpertShare: { numerator: 1, denominator: 3 },
  },
  ratification: { quorum: { numerator: 2, denominator: 3 }, passRule: 'moreThanHalfOfAll' },
  deadlines: {
    offerReplyDays: 20,
    informationLeadDays: 5,
    vacancyRefillDays: 15,
    coordinationDays: 30,
    coordinationExtensionMaxDays: 15,
    // WTM: wage agreements are filed within 7 days (CCR's general 10 days is the other setting).
    filingDays: 7,
    reviewDays: 15,
    resubmissionDays: null,
  },
  rateSurvey: { minQuotesPerSide: 3 },
};

export interface PolicyViolation {
  field: string;
  message: string;
}

const positiveInt = (n: unknown): boolean => Number.isInteger(n) && (n as number) > 0;
const fractionOk = (f: Fraction): boolean =>
  positiveInt(f?.numerator) && positiveInt(f?.denominator) && f.numerator <= f.denominator;

// Intl knows the IANA zones; no clock is read.
const isTimeZone = (zone: unknown): boolean => {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export function validatePolicyProfile(p: PolicyProfile): PolicyViolation[] {
  const v: PolicyViolation[] = [];
  if (!isTimeZone(p.timeZone))
    v.push({ field: 'timeZone', message: 'must be an IANA time zone such as Asia/Shanghai' });
  if (!['calendarDays', 'workingDays'].includes(p.dayCounting))
    v.push({ field: 'dayCounting', message: "must be 'calendarDays' or 'workingDays'" });
  const r = p.representatives;
  if (!positiveInt(r.minPerSide))
    v.push({ field: 'representatives.minPerSide', message: 'must be a positive integer' });
  if (!positiveInt(r.maxPerSide) || r.maxPerSide < r.minPerSide)
    v.push({
      field: 'representatives.maxPerSide',
      message: 'must be an integer not below minPerSide',
    });
  if (!fractionOk(r.maxExpertShare))
    v.push({
      field: 'representatives.maxExpertShare',
      message: 'must be a fraction between 0 and 1',
    });
  if (!fractionOk(p.ratification.quorum))
    v.push({ field: 'ratification.quorum', message: 'must be a fraction between 0 and 1' });
  if (!['moreThanHalfOfAll', 'atLeastHalfOfAll'].includes(p.ratification.passRule))
    v.push({
      field: 'ratification.passRule',
      message: "must be 'moreThanHalfOfAll' or 'atLeastHalfOfAll'",
    });
  for (const [k, n] of Object.entries(p.deadlines)) {
    if (n === null && k === 'resubmissionDays') continue;
    if (!positiveInt(n))
      v.push({ field: `deadlines.${k}`, message: 'must be a positive whole number of days' });
  }
  if (
    p.rateSurvey &&
    (!positiveInt(p.rateSurvey.minQuotesPerSide) || p.rateSurvey.minQuotesPerSide < 2)
  )
    v.push({
      field: 'rateSurvey.minQuotesPerSide',
      message: 'must be a whole number of at least 2 (one quote alone would be identifiable)',
    });
  return v;
}
