import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdministrationLog } from '../administration/administration-log.service.js';
import { admitAdministrator, type Caller } from '../auth/caller.js';
import { toResponse, wholeList } from '../common/api-contract.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import {
  POLICY_VALUE_PATHS,
  completePolicyProfile,
  validatePolicyProfile,
  type CompletePolicyProfile,
  type PolicyProfile,
  type PolicyValuePath,
  type PolicyViolation,
} from '../kernel/policy/policy-profile.js';
import type { ProposePolicyProfileDto } from './dto/policy-profile.dto.js';
import { PolicyProfileEntry, PolicyProfileEntryList } from './dto/policy-profile.response.js';
import type { Transactional } from '../common/transactional.js';
import * as profiles from './policy.store.js';

const valueAt = (p: PolicyProfile, path: PolicyValuePath): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], p);

// Values are numbers, strings, null or flat objects (a fraction, a renewal window): compared by their
// fields in sorted order, whatever the order they arrived in.
const sameValue = (a: unknown, b: unknown): boolean => {
  const flat = (v: unknown) =>
    v !== null && typeof v === 'object'
      ? JSON.stringify(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)))
      : JSON.stringify(v ?? null);
  return flat(a) === flat(b);
};

// Built field by field: the stored body is exactly the profile, whatever the DTO class carries. A
// value left out is the base version's; a citation left out is the base's while the value is
// unchanged, and "assumed" once an administrator changed it without saying why.
function profileOf(
  d: ProposePolicyProfileDto,
  base: CompletePolicyProfile | null,
  family: string,
  version: number,
): PolicyProfile {
  const profile: PolicyProfile = {
    id: d.id,
    name: d.name,
    family,
    version,
    timeZone: d.timeZone,
    dayCounting: d.dayCounting,
    representatives: {
      minPerSide: d.representatives.minPerSide,
      ...(d.representatives.maxPerSide === undefined
        ? {}
        : { maxPerSide: d.representatives.maxPerSide }),
      maxExpertShare: {
        numerator: d.representatives.maxExpertShare.numerator,
        denominator: d.representatives.maxExpertShare.denominator,
      },
    },
    ratification: {
      quorum: {
        numerator: d.ratification.quorum.numerator,
        denominator: d.ratification.quorum.denominator,
      },
      passRule: d.ratification.passRule,
    },
    deadlines: {
      offerReplyDays: d.deadlines.offerReplyDays,
      informationLeadDays: d.deadlines.informationLeadDays,
      vacancyRefillDays: d.deadlines.vacancyRefillDays,
      coordinationDays: d.deadlines.coordinationDays,
      coordinationExtensionMaxDays: d.deadlines.coordinationExtensionMaxDays,
      filingDays: d.deadlines.filingDays,
      correctionDays: d.deadlines.correctionDays ?? base?.deadlines.correctionDays,
      reviewDays: d.deadlines.reviewDays,
      publicationDays: d.deadlines.publicationDays ?? base?.deadlines.publicationDays,
      resubmissionDays: d.deadlines.resubmissionDays,
    },
    renewalWindow: d.renewalWindow
      ? { amount: d.renewalWindow.amount, unit: d.renewalWindow.unit }
      : base?.renewalWindow,
    rateSurvey: d.rateSurvey
      ? { minQuotesPerSide: d.rateSurvey.minQuotesPerSide }
      : base?.rateSurvey,
    minimumWage: d.minimumWage ? { monthlyYuan: d.minimumWage.monthlyYuan } : base?.minimumWage,
    ...(d.hearing || base?.hearing
      ? {
          hearing: d.hearing
            ? { minAttendancePerSide: d.hearing.minAttendancePerSide }
            : base!.hearing,
        }
      : {}),
  };
  const sources: Partial<Record<PolicyValuePath, string>> = {};
  for (const path of POLICY_VALUE_PATHS) {
    const given = d.sources?.[path];
    if (typeof given === 'string') sources[path] = given;
    else if (base)
      sources[path] = sameValue(valueAt(profile, path), valueAt(base, path))
        ? base.sources[path]
        : `assumed: set by an administrator without a citation (version ${version} of ${family})`;
  }
  return { ...profile, sources };
}

const unknownSources = (d: ProposePolicyProfileDto): PolicyViolation[] =>
  Object.keys(d.sources ?? {})
    .filter((k) => !(POLICY_VALUE_PATHS as readonly string[]).includes(k))
    .map((k) => ({
      field: `sources.${k}`,
      message: `is not a profile value; cite one of ${POLICY_VALUE_PATHS.join(', ')}`,
    }));

// Policy profiles (ADR 0009, 0029): families of immutable versions. A new rule is a new version; a
// retired version stays readable and pinned where pinned, but no new round may pin it. A new version
// needs no second administrator (ADR 0027).
@Injectable()
export class PolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: AdministrationLog,
    private readonly clock: Clock,
  ) {}

  // Few and rarely added (a version a year or so per province): answered whole.
  async list() {
    const rows = await profiles.listProfiles(this.dataSource);
    return toResponse(PolicyProfileEntryList, wholeList(rows));
  }

  async get(id: string) {
    const row = await profiles.findProfile(this.dataSource, id);
    if (!row)
      throw new DomainError(
        'NOT_FOUND',
        `no policy profile ${id}; list them at GET /policy-profiles`,
      );
    return toResponse(PolicyProfileEntry, row);
  }

  async propose(
    caller: Caller,
    dto: ProposePolicyProfileDto,
    idempotency: { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    admitAdministrator(caller, 'add a policy profile version');
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      if (await profiles.profileIdTaken(qr, dto.id)) throw exists(dto.id);
      const base = await this.baseOf(qr, dto);
      const family = base?.family ?? dto.family ?? dto.id;
      const version = await profiles.nextVersionOf(qr, family);
      const profile = profileOf(dto, base, family, version);
      const violations = [...validatePolicyProfile(profile), ...unknownSources(dto)];
      if (violations.length > 0)
        throw new DomainError(
          'POLICY_VALUE_OUT_OF_RANGE',
          `the profile breaks ${violations.length} rule(s): ${violations.map((v) => `${v.field} ${v.message}`).join('; ')}`,
          { violations },
        );
      let inserted;
      try {
        inserted = await profiles.insertProfile(qr, {
          profile,
          family,
          version,
          basedOnId: dto.basedOnId ?? null,
          createdBy: caller.accountId,
        });
      } catch (e) {
        // Another administrator added this id or this family's next version at the same moment.
        if ((e as { code?: string }).code === '23505') throw exists(dto.id);
        throw e;
      }
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action: 'policyProfile.created',
        subject: { type: 'policyProfile', id: profile.id },
        details: { basedOnId: dto.basedOnId ?? null, family, version },
      });
      return { response: { status: 201, body: inserted }, responseStored: false };
    });
  }

  async retire(
    caller: Caller,
    id: string,
    reason: string,
    idempotency: { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    admitAdministrator(caller, 'retire a policy profile version');
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      const row = await profiles.lockProfileRetirement(qr, id);
      if (!row)
        throw new DomainError(
          'NOT_FOUND',
          `no policy profile ${id}; list them at GET /policy-profiles`,
        );
      if (row.retiredAt)
        throw new DomainError(
          'POLICY_PROFILE_RETIRED',
          `policy profile ${id} was retired already; rounds that pinned it keep it`,
          { id, retiredAt: new Date(row.retiredAt).toISOString() },
        );
      await profiles.retireProfile(qr, id, this.clock.now(), caller.accountId);
      const retired = await profiles.findProfile(qr, id);
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action: 'policyProfile.retired',
        subject: { type: 'policyProfile', id },
        details: { reason },
      });
      return { response: { status: 200, body: retired }, responseStored: false };
    });
  }

  // The version a new one revises: the one named, or else the latest of the family named.
  private async baseOf(
    qr: Transactional,
    dto: ProposePolicyProfileDto,
  ): Promise<CompletePolicyProfile | null> {
    if (dto.basedOnId) {
      const base = await profiles.profileBody(qr, dto.basedOnId);
      if (!base)
        throw new DomainError(
          'UNKNOWN_REFERENCE',
          `no policy profile ${dto.basedOnId} to base this one on`,
          { field: 'basedOnId' },
        );
      return { ...completePolicyProfile(base.body), family: base.family };
    }
    const latest = await profiles.latestOfFamily(qr, dto.family ?? dto.id);
    return latest ? { ...completePolicyProfile(latest.body), family: latest.family } : null;
  }
}

const exists = (id: string) =>
  new DomainError(
    'POLICY_PROFILE_EXISTS',
    `a policy profile ${id} already exists and profiles never change; choose a new id for the new version`,
    { id },
  );
