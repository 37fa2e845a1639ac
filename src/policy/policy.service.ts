import { Injectable } from '@nestjs/common';
import { admitAdministrator } from '../auth/caller.js';
import { DataSource } from 'typeorm';
import { AdministrationLog } from '../administration/administration-log.service.js';
import type { Caller } from '../auth/caller.js';
import { toResponse, wholeList } from '../common/api-contract.js';
import { DomainError } from '../common/domain-error.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import type { ProposePolicyProfileDto } from './dto/policy-profile.dto.js';
import { PolicyProfileEntry, PolicyProfileEntryList } from './dto/policy-profile.response.js';
import { validatePolicyProfile, type PolicyProfile } from '../kernel/policy/policy-profile.js';

const COLUMNS = `id, name, body, based_on_id AS "basedOnId", created_by AS "createdBy", created_at AS "createdAt"`;

// Built field by field: the stored body is exactly the profile, whatever the DTO class carries.
const profileOf = (d: ProposePolicyProfileDto): PolicyProfile => ({
  id: d.id,
  name: d.name,
  timeZone: d.timeZone,
  dayCounting: d.dayCounting,
  representatives: {
    minPerSide: d.representatives.minPerSide,
    maxPerSide: d.representatives.maxPerSide,
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
    reviewDays: d.deadlines.reviewDays,
    resubmissionDays: d.deadlines.resubmissionDays,
  },
  ...(d.rateSurvey ? { rateSurvey: { minQuotesPerSide: d.rateSurvey.minQuotesPerSide } } : {}),
});

// Policy profiles (ADR 0009): immutable, so a new rule is a new version with its own id; rounds
// already open keep the copy they pinned. A new version needs no second administrator (ADR 0027).
@Injectable()
export class PolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: AdministrationLog,
  ) {}

  // Few and rarely added (a version a year or so per province): answered whole.
  async list() {
    const rows = await this.dataSource.query(`SELECT ${COLUMNS} FROM policy_profile ORDER BY id`);
    return toResponse(PolicyProfileEntryList, wholeList(rows));
  }

  async get(id: string) {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM policy_profile WHERE id = $1`,
      [id],
    );
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
    const profile = profileOf(dto);
    const violations = validatePolicyProfile(profile);
    if (violations.length > 0)
      throw new DomainError(
        'POLICY_INVALID',
        `the profile breaks ${violations.length} rule(s): ${violations.map((v) => `${v.field} ${v.message}`).join('; ')}`,
        { violations },
      );
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      if (dto.basedOnId) {
        const [base] = await qr.query(`SELECT 1 FROM policy_profile WHERE id = $1`, [
          dto.basedOnId,
        ]);
        if (!base)
          throw new DomainError(
            'UNKNOWN_REFERENCE',
            `no policy profile ${dto.basedOnId} to base this one on`,
            {
              field: 'basedOnId',
            },
          );
      }
      const [inserted] = await qr.query(
        `INSERT INTO policy_profile (id, name, body, based_on_id, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
        [
          profile.id,
          profile.name,
          JSON.stringify(profile),
          dto.basedOnId ?? null,
          caller.accountId,
        ],
      );
      if (!inserted)
        throw new DomainError(
          'POLICY_PROFILE_EXISTS',
          `a policy profile ${profile.id} already exists and profiles never change; choose a new id for the new version`,
          { id: profile.id },
        );
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action: 'policyProfile.created',
        subject: { type: 'policyProfile', id: profile.id },
        details: { basedOnId: dto.basedOnId ?? null },
      });
      return { response: { status: 201, body: inserted }, responseStored: false };
    });
  }
}
