// A policy profile holds every number the law leaves to local rules (domain.md §2). A round pins a
// copy when it opens, so changing a profile later never changes the rules of a round under way.
// Profiles come in families (national CCR, WTM, Zhejiang, Taizhou) of numbered versions (ADR 0029).

export interface Fraction {
  numerator: number;
  denominator: number;
}

// "半数以上" is read both ways; CCR art. 36 is read strictly ("more than half") by default.
export type PassRule = 'moreThanHalfOfAll' | 'atLeastHalfOfAll';

export interface RenewalWindow {
  amount: number;
  unit: 'months' | 'days';
}

// A citation of the rule a value comes from, or "assumed: <why>" where the sources give none.
export type Citation = string;

export const POLICY_VALUE_PATHS = [
  'timeZone',
  'dayCounting',
  'representatives.minPerSide',
  'representatives.maxPerSide',
  'representatives.maxExpertShare',
  'ratification.quorum',
  'ratification.passRule',
  'deadlines.offerReplyDays',
  'deadlines.informationLeadDays',
  'deadlines.vacancyRefillDays',
  'deadlines.coordinationDays',
  'deadlines.coordinationExtensionMaxDays',
  'deadlines.filingDays',
  'deadlines.correctionDays',
  'deadlines.reviewDays',
  'deadlines.publicationDays',
  'deadlines.resubmissionDays',
  'renewalWindow',
  'rateSurvey.minQuotesPerSide',
  'minimumWage.monthlyYuan',
] as const;
export type PolicyValuePath = (typeof POLICY_VALUE_PATHS)[number];

// The shape a round pins. Fields added by ADR 0029 are optional because rounds pinned before it hold
// the older shape in their snapshots; `completePolicyProfile` gives the documented reading of each
// absent field (docs/policy-profiles.md, "Profiles pinned before ADR 0029").
export interface PolicyProfile {
  id: string;
  name: string;
  family?: string;
  version?: number;
  timeZone: string;
  dayCounting: 'calendarDays' | 'workingDays';
  representatives: {
    minPerSide: number;
    // Absent: no maximum (CCR sets none; Zhejiang's 10 is a local rule). Never null in a stored body.
    maxPerSide?: number;
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
    correctionDays?: number;
    reviewDays: number;
    publicationDays?: number;
    resubmissionDays: number | null;
  };
  renewalWindow?: RenewalWindow;
  // Optional so that profiles pinned before rate surveys existed still read; absent means 3.
  rateSurvey?: {
    minQuotesPerSide: number;
  };
  // The statutory monthly minimum wage in yuan, an exact decimal string; null: not set in this profile.
  minimumWage?: { monthlyYuan: string | null };
  // ADR 0036: a public hearing (听证会) before the joint sessions, where an industry's procedure holds
  // one: the fewest representatives of each side who must attend. Absent: the industry's default
  // (shoes: 51, as Hengfeng 2012 had "more than 50" of both sides, domain.md §6).
  hearing?: { minAttendancePerSide: number };
  sources?: Partial<Record<PolicyValuePath, Citation>>;
}

export type CompletePolicyProfile = PolicyProfile & {
  family: string;
  version: number;
  deadlines: Required<PolicyProfile['deadlines']>;
  renewalWindow: RenewalWindow;
  rateSurvey: { minQuotesPerSide: number };
  minimumWage: { monthlyYuan: string | null };
  sources: Record<PolicyValuePath, Citation>;
};

const ASSUMED = 'assumed:';
export const isAssumed = (c: Citation): boolean => c.startsWith(ASSUMED);

// The first profile, stored before ADR 0029: kept exactly as rounds pinned it (version 1 of the
// Zhejiang family). Profiles never change; ZHEJIANG_POLICY_V2 is its cited successor.
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

// Citations name the rule and the step of domain.md §2 (or §6) that quotes it; article numbers only
// where the domain file gives them.
const CCR = 'CCR (集体合同规定 2004)';
const WTM = 'WTM (工资集体协商试行办法 2000)';
const NATIONAL_SOURCES: Record<PolicyValuePath, Citation> = {
  timeZone:
    'Civil Code arts. 201, 203 (the last day ends at 24:00 local time); China Standard Time',
  dayCounting: 'Civil Code arts. 200-204: periods count calendar days, a last rest day rolls over',
  'representatives.minPerSide': `${CCR}, representatives: equal numbers, at least 3 per side`,
  'representatives.maxPerSide': `${CCR}, representatives: no maximum is set (the value is absent)`,
  'representatives.maxExpertShare': `${CCR}, representatives: outside experts at most 1/3 of a side`,
  'ratification.quorum': `${CCR} art. 36: at least 2/3 of all representatives present`,
  'ratification.passRule': `${CCR} art. 36: more than half of ALL representatives (strict reading)`,
  'deadlines.offerReplyDays': `${CCR}, offer (要约): written reply within 20 days of receipt`,
  'deadlines.informationLeadDays': `${CCR}, preparation: information supplied at least 5 days before the session`,
  'deadlines.vacancyRefillDays': `${CCR}, representatives: a vacancy refilled within 15 days`,
  'deadlines.coordinationDays': `${CCR}, coordination: concluded within 30 days`,
  'deadlines.coordinationExtensionMaxDays': `${CCR}, coordination: extension of at most 15 days`,
  'deadlines.filingDays': `${CCR}, filing (报送): within 10 days of signing`,
  'deadlines.correctionDays':
    'assumed: CCR sets no correction window; 7 days as in local review rules (domain.md §2, §6)',
  'deadlines.reviewDays': `${CCR}, review (审查): objection within 15 days of receipt, else effective`,
  'deadlines.publicationDays':
    'assumed: CCR says "promptly"; 10 days as in local rules (domain.md §2: 5 or 10 days)',
  'deadlines.resubmissionDays':
    'assumed: no national time limit for resubmission (null); Fujian sets 60 days (domain.md §2)',
  renewalWindow: `${CCR}, term: renewal may be requested in the 3 months before expiry`,
  'rateSurvey.minQuotesPerSide':
    'assumed: no rule in the law; 3 quotes so that no single quote can be singled out (ADR 0011)',
  'minimumWage.monthlyYuan':
    'assumed: no national figure (each province sets its own); none in the sources (null)',
};

const NATIONAL_VALUES = {
  timeZone: 'Asia/Shanghai',
  dayCounting: 'calendarDays',
  representatives: {
    minPerSide: 3,
    maxExpertShare: { numerator: 1, denominator: 3 },
  },
  ratification: { quorum: { numerator: 2, denominator: 3 }, passRule: 'moreThanHalfOfAll' },
  deadlines: {
    offerReplyDays: 20,
    informationLeadDays: 5,
    vacancyRefillDays: 15,
    coordinationDays: 30,
    coordinationExtensionMaxDays: 15,
    filingDays: 10,
    correctionDays: 7,
    reviewDays: 15,
    publicationDays: 10,
    resubmissionDays: null,
  },
  renewalWindow: { amount: 3, unit: 'months' },
  rateSurvey: { minQuotesPerSide: 3 },
  minimumWage: { monthlyYuan: null },
} as const satisfies Omit<CompletePolicyProfile, 'id' | 'name' | 'family' | 'version' | 'sources'>;

const national = structuredClone(NATIONAL_VALUES) as unknown as Omit<
  CompletePolicyProfile,
  'id' | 'name' | 'family' | 'version' | 'sources'
>;

export const NATIONAL_CCR_POLICY: CompletePolicyProfile = {
  id: 'national-ccr-2004-v1',
  name: '集体合同规定 (CCR 2004) national rules',
  family: 'national-ccr-2004',
  version: 1,
  ...structuredClone(national),
  sources: { ...NATIONAL_SOURCES },
};

export const WTM_POLICY: CompletePolicyProfile = {
  id: 'wtm-2000-v1',
  name: '工资集体协商试行办法 (WTM 2000) wage agreement rules',
  family: 'wtm-2000',
  version: 1,
  ...structuredClone(national),
  deadlines: { ...structuredClone(national.deadlines), filingDays: 7 },
  sources: {
    ...NATIONAL_SOURCES,
    'deadlines.filingDays': `${WTM}: wage agreements filed within 7 days of signing`,
    renewalWindow: `${CCR}, term: 3 months before expiry (WTM adds no rule of its own in the sources)`,
  },
};

const ZHEJIANG_SOURCES: Record<PolicyValuePath, Citation> = {
  ...WTM_POLICY.sources,
  'representatives.maxPerSide':
    'Zhejiang rule (1994): at most 10 representatives per side (domain.md §2, representatives)',
  renewalWindow:
    'assumed: local wage rules use 60 days (domain.md §2, term); the sources do not name the province',
  'minimumWage.monthlyYuan':
    'assumed: the Zhejiang figure is not in the sources (null); an administrator sets it in a new version',
};

export const ZHEJIANG_POLICY_V2: CompletePolicyProfile = {
  ...structuredClone(WTM_POLICY),
  id: 'zhejiang-v2',
  name: '浙江省工资集体协商规则 (Zhejiang wage negotiation rules)',
  family: 'zhejiang',
  version: 2,
  representatives: { ...structuredClone(national.representatives), maxPerSide: 10 },
  renewalWindow: { amount: 60, unit: 'days' },
  sources: ZHEJIANG_SOURCES,
};

// Taizhou's standard DB3310/T 103-2023 was not found in full (domain.md §6): every value follows
// Zhejiang's and says so.
export const TAIZHOU_POLICY: CompletePolicyProfile = {
  ...structuredClone(ZHEJIANG_POLICY_V2),
  id: 'taizhou-v1',
  name: '台州市行业性工资集体协商规则 (Taizhou industry wage negotiation rules)',
  family: 'taizhou',
  version: 1,
  sources: Object.fromEntries(
    Object.entries(ZHEJIANG_SOURCES).map(([k, c]) => [
      k,
      `${isAssumed(c) ? c : `${c}, taken as Zhejiang's`}; Taizhou: DB3310/T 103-2023 body not found (domain.md §6)`,
    ]),
  ) as Record<PolicyValuePath, Citation>,
};

// The named profiles a deployment starts with (seeded by migration 1795490000000).
export const NAMED_POLICY_PROFILES: readonly CompletePolicyProfile[] = [
  NATIONAL_CCR_POLICY,
  WTM_POLICY,
  ZHEJIANG_POLICY_V2,
  TAIZHOU_POLICY,
];

// Wage rounds with no regional profile fall back to the national rules for wage agreements.
export const FALLBACK_POLICY_FAMILY = 'wtm-2000';

const LEGACY_SOURCE = 'assumed: pinned before ADR 0029, which added citations';

// The documented reading of a profile pinned before ADR 0029: each absent value takes the national
// default and says so. Pure, no clock: the same old snapshot always reads the same way.
export function completePolicyProfile(p: PolicyProfile): CompletePolicyProfile {
  const sources = {} as Record<PolicyValuePath, Citation>;
  for (const path of POLICY_VALUE_PATHS) sources[path] = p.sources?.[path] ?? LEGACY_SOURCE;
  return {
    ...structuredClone(p),
    family: p.family ?? p.id,
    version: p.version ?? 1,
    representatives: structuredClone(p.representatives),
    deadlines: {
      ...structuredClone(p.deadlines),
      correctionDays: p.deadlines.correctionDays ?? national.deadlines.correctionDays,
      publicationDays: p.deadlines.publicationDays ?? national.deadlines.publicationDays,
    },
    renewalWindow: p.renewalWindow ?? { ...national.renewalWindow },
    rateSurvey: p.rateSurvey ?? { ...national.rateSurvey },
    minimumWage: p.minimumWage ?? { monthlyYuan: null },
    sources,
  };
}

// ---- legal ranges ----

// The bound each value must stay within, and the rule that sets it; `none` says the law sets no bound
// on that side. Used by the validator and printed in docs/policy-profiles.md.
export interface LegalRange {
  min: number | null;
  max: number | null;
  source: Citation;
}

export const LEGAL_RANGES = {
  'representatives.minPerSide': {
    min: 3,
    max: null,
    source: `${CCR}: at least 3 per side; no upper bound on the minimum`,
  },
  'representatives.maxPerSide': {
    min: 3,
    max: null,
    source: `${CCR}: no maximum; not below minPerSide`,
  },
  'deadlines.offerReplyDays': {
    min: 1,
    max: 20,
    source: `${CCR}: the reply is due within 20 days; a local rule may shorten it`,
  },
  'deadlines.informationLeadDays': {
    min: 5,
    max: null,
    source: `${CCR}: at least 5 days before; the law sets no upper bound`,
  },
  'deadlines.vacancyRefillDays': { min: 1, max: 15, source: `${CCR}: within 15 days` },
  'deadlines.coordinationDays': { min: 1, max: 30, source: `${CCR}: within 30 days` },
  'deadlines.coordinationExtensionMaxDays': {
    min: 0,
    max: 15,
    source: `${CCR}: an extension of at most 15 days`,
  },
  'deadlines.filingDays': {
    min: 1,
    max: 10,
    source: `${CCR}: 10 days (${WTM}: 7 for wage agreements)`,
  },
  'deadlines.correctionDays': {
    min: 1,
    max: null,
    source: 'assumed: the law sets no bound; local review rules give 7 days',
  },
  'deadlines.reviewDays': {
    min: 1,
    max: 15,
    source: `${CCR}: no objection within 15 days means the agreement takes effect`,
  },
  'deadlines.publicationDays': {
    min: 1,
    max: null,
    source: 'assumed: the law says "promptly" and sets no bound',
  },
  'deadlines.resubmissionDays': {
    min: 1,
    max: null,
    source: 'assumed: no national rule; null means no time limit',
  },
  'renewalWindow.months': {
    min: 1,
    max: 3,
    source: `${CCR}: renewal in the 3 months before expiry`,
  },
  // Three calendar months are at most 92 days.
  'renewalWindow.days': {
    min: 1,
    max: 92,
    source: `${CCR}: renewal in the 3 months before expiry (at most 92 days)`,
  },
  'rateSurvey.minQuotesPerSide': {
    min: 2,
    max: null,
    source: 'assumed: one quote alone would be identifiable (ADR 0011)',
  },
} as const satisfies Record<string, LegalRange>;

// Fractions: the quorum may not fall below 2/3 (CCR art. 36) and the expert share may not exceed 1/3.
export const QUORUM_MIN: Fraction = { numerator: 2, denominator: 3 };
export const EXPERT_SHARE_MAX: Fraction = { numerator: 1, denominator: 3 };

export interface PolicyViolation {
  field: string;
  message: string;
}

const positiveInt = (n: unknown): boolean => Number.isInteger(n) && (n as number) > 0;
const fractionOk = (f: Fraction): boolean =>
  positiveInt(f?.numerator) && positiveInt(f?.denominator) && f.numerator <= f.denominator;
// a/b >= c/d in integers.
const atLeast = (f: Fraction, g: Fraction) =>
  f.numerator * g.denominator >= g.numerator * f.denominator;
// Yuan with at most two decimals (fen), positive.
const YUAN = /^(?:0|[1-9]\d{0,6})(?:\.\d{1,2})?$/;

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

function inRange(v: PolicyViolation[], field: string, n: unknown, range: LegalRange): void {
  if (
    !Number.isInteger(n) ||
    (range.min !== null && (n as number) < range.min) ||
    (range.max !== null && (n as number) > range.max)
  ) {
    const bounds =
      range.max === null ? `at least ${range.min}` : `from ${range.min} to ${range.max}`;
    v.push({ field, message: `must be a whole number ${bounds} (${range.source})` });
  }
}

// Every violation at once, so an administrator fixes a proposed version in one go. A profile for a
// new version must be complete: every value present and each one cited or marked "assumed: …".
export function validatePolicyProfile(p: PolicyProfile): PolicyViolation[] {
  const v: PolicyViolation[] = [];
  if (!isTimeZone(p.timeZone))
    v.push({ field: 'timeZone', message: 'must be an IANA time zone such as Asia/Shanghai' });
  if (!['calendarDays', 'workingDays'].includes(p.dayCounting))
    v.push({ field: 'dayCounting', message: "must be 'calendarDays' or 'workingDays'" });
  const r = p.representatives;
  if (!positiveInt(r.minPerSide))
    v.push({ field: 'representatives.minPerSide', message: 'must be a positive integer' });
  else
    inRange(
      v,
      'representatives.minPerSide',
      r.minPerSide,
      LEGAL_RANGES['representatives.minPerSide'],
    );
  if (r.maxPerSide !== undefined && (!positiveInt(r.maxPerSide) || r.maxPerSide < r.minPerSide))
    v.push({
      field: 'representatives.maxPerSide',
      message: 'must be an integer not below minPerSide',
    });
  if (!fractionOk(r.maxExpertShare))
    v.push({
      field: 'representatives.maxExpertShare',
      message: 'must be a fraction between 0 and 1',
    });
  else if (!atLeast(EXPERT_SHARE_MAX, r.maxExpertShare))
    v.push({
      field: 'representatives.maxExpertShare',
      message: `must be at most 1/3 (${CCR}: outside experts at most a third of a side)`,
    });
  if (!fractionOk(p.ratification.quorum))
    v.push({ field: 'ratification.quorum', message: 'must be a fraction between 0 and 1' });
  else if (!atLeast(p.ratification.quorum, QUORUM_MIN))
    v.push({
      field: 'ratification.quorum',
      message: `must be at least 2/3 (${CCR} art. 36: two thirds of all representatives present)`,
    });
  if (!['moreThanHalfOfAll', 'atLeastHalfOfAll'].includes(p.ratification.passRule))
    v.push({
      field: 'ratification.passRule',
      message: "must be 'moreThanHalfOfAll' or 'atLeastHalfOfAll'",
    });
  const d = p.deadlines;
  for (const key of [
    'offerReplyDays',
    'informationLeadDays',
    'vacancyRefillDays',
    'coordinationDays',
    'coordinationExtensionMaxDays',
    'filingDays',
    'correctionDays',
    'reviewDays',
    'publicationDays',
    'resubmissionDays',
  ] as const) {
    const n = d[key];
    const field = `deadlines.${key}` as const;
    if (n === null && key === 'resubmissionDays') continue;
    if (n === undefined) {
      v.push({ field, message: 'is missing: every value of a new version must be given' });
      continue;
    }
    if (
      !Number.isInteger(n) ||
      (n as number) < 0 ||
      (n === 0 && key !== 'coordinationExtensionMaxDays')
    ) {
      v.push({ field, message: 'must be a positive whole number of days' });
      continue;
    }
    inRange(v, field, n, LEGAL_RANGES[field]);
  }
  const w = p.renewalWindow;
  if (!w)
    v.push({
      field: 'renewalWindow',
      message: 'is missing: every value of a new version must be given',
    });
  else if (w.unit !== 'months' && w.unit !== 'days')
    v.push({ field: 'renewalWindow', message: "unit must be 'months' or 'days'" });
  else inRange(v, 'renewalWindow', w.amount, LEGAL_RANGES[`renewalWindow.${w.unit}`]);
  if (!p.rateSurvey)
    v.push({
      field: 'rateSurvey.minQuotesPerSide',
      message: 'is missing: every value of a new version must be given',
    });
  else if (!positiveInt(p.rateSurvey.minQuotesPerSide) || p.rateSurvey.minQuotesPerSide < 2)
    v.push({
      field: 'rateSurvey.minQuotesPerSide',
      message: 'must be a whole number of at least 2 (one quote alone would be identifiable)',
    });
  if (p.hearing !== undefined && !positiveInt(p.hearing.minAttendancePerSide))
    v.push({
      field: 'hearing.minAttendancePerSide',
      message: 'must be a whole number of at least 1',
    });
  const wage = p.minimumWage;
  if (!wage)
    v.push({
      field: 'minimumWage.monthlyYuan',
      message: 'is missing: give a figure, or null with an "assumed" source',
    });
  else if (
    wage.monthlyYuan !== null &&
    (typeof wage.monthlyYuan !== 'string' ||
      !YUAN.test(wage.monthlyYuan) ||
      // Positive, read from the digits: money is never parsed into a binary float.
      !/[1-9]/.test(wage.monthlyYuan))
  )
    v.push({
      field: 'minimumWage.monthlyYuan',
      message:
        'must be a positive amount in yuan written as a decimal string with at most 2 decimals, e.g. "2490.00", or null',
    });
  for (const path of POLICY_VALUE_PATHS) {
    const c = p.sources?.[path];
    if (typeof c !== 'string' || c.trim().length < 3)
      v.push({
        field: `sources.${path}`,
        message: 'must cite the rule the value comes from, or say "assumed: <why>"',
      });
    else if (isAssumed(c) && c.slice(ASSUMED.length).trim().length < 3)
      v.push({
        field: `sources.${path}`,
        message: 'an "assumed" value must say why in a few words',
      });
  }
  return v;
}
