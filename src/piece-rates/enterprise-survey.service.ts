import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { canonicalJson } from '../common/canonical-json.js';
import { DomainError } from '../common/domain-error.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import { refuseOverLimit } from '../common/limits.js';
import { APP_LOGGER, type AppLogger } from '../common/logger.js';
import { seal, sealingKey, unseal } from '../common/sealing.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DEPLOYMENT_KEYS, type DeploymentKeys } from '../config/deployment-keys.js';
import {
  enterpriseSurveyStatistics,
  type EnterpriseAnswer,
} from '../kernel/rates/enterprise-survey.js';
import { NegotiationService } from '../negotiation/negotiation.service.js';
import { partiesByIds } from '../parties/parties.store.js';
import * as store from './enterprise-survey.store.js';

// The worker survey's k (ADR 0015), read from the round's pinned policy.
const DEFAULT_MIN_ENTERPRISES = 3;
// Sealed answers are padded to a multiple of this many bytes, so their length does not tell how many
// items an enterprise was asked about.
const ANSWER_PADDING = 512;

export interface EnterpriseRecord {
  enterprise: { partyId?: string; name?: string };
  enterpriseType: string;
  figures: { itemCode: string; value: string }[];
}

// The enterprise rate survey (ADR 0036): the union chair records, for the union's mediation committee,
// what each enterprise pays per process (or per trade). A record goes, sealed, into an unlinked pool;
// which enterprise it came from is kept only as a keyed tag with a keyed receipt. Closing the survey
// computes the statistics the release rule allows, stores them, and deletes the pool: from then on the
// database holds no enterprise's own figures at all. Before the close nobody sees a figure, so no
// sequence of reads between records isolates one enterprise.
@Injectable()
export class EnterpriseSurveyService {
  private readonly tagKey: Buffer;
  private readonly receiptKey: Buffer;
  private readonly answerKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly negotiations: NegotiationService,
    @Inject(DEPLOYMENT_KEYS) keys: DeploymentKeys,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.tagKey = sealingKey(keys.survey, 'enterprise-survey-tag/v1');
    this.receiptKey = sealingKey(keys.survey, 'enterprise-survey-receipt/v1');
    this.answerKey = sealingKey(keys.survey, 'enterprise-survey-answer/v1');
  }

  // An employer party by id, or a named enterprise by its name as written (spaces and case aside).
  private enterpriseTag(surveyId: string, e: EnterpriseRecord['enterprise']): string {
    const who = e.partyId
      ? `party:${e.partyId.toLowerCase()}`
      : `name:${e.name!.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()}`;
    return createHmac('sha256', this.tagKey).update(`${surveyId}:${who}`).digest('hex');
  }

  private receipt(surveyId: string, tag: string, key: string, record: EnterpriseRecord): string {
    const figures = [...record.figures].sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1));
    return createHmac('sha256', this.receiptKey)
      .update(canonicalJson({ surveyId, tag, key, type: record.enterpriseType, figures }))
      .digest('hex');
  }

  private async survey(surveyId: string) {
    const s = await store.findEnterpriseSurvey(this.dataSource, surveyId);
    if (!s) throw surveyNotFound(surveyId);
    return s;
  }

  // A survey of a round the caller cannot see is a missing survey.
  private async participation(caller: Caller, negotiationId: string, surveyId?: string) {
    try {
      return await this.negotiations.participation(caller, negotiationId);
    } catch (e) {
      if (surveyId && e instanceof DomainError && e.code === 'NEGOTIATION_NOT_FOUND')
        throw surveyNotFound(surveyId);
      throw e;
    }
  }

  private async asUnionChair(caller: Caller, negotiationId: string, surveyId?: string) {
    const p = await this.participation(caller, negotiationId, surveyId);
    if (!p.actor.chiefOf.includes('worker'))
      throw new DomainError(
        'ROLE_FORBIDDEN',
        'only the union chair records the enterprise rate survey (for the union’s mediation committee)',
      );
    return p;
  }

  async open(
    caller: Caller,
    negotiationId: string,
    body: { itemKind: 'process' | 'trade'; itemCodes: string[]; openedOn: string },
    idempotency: { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    const p = await this.asUnionChair(caller, negotiationId);
    refuseOverLimit(this.config.limits, 'surveyProcesses', body.itemCodes.length, 'itemCodes');
    const codes = [...new Set(body.itemCodes)];
    if (codes.length !== body.itemCodes.length)
      throw new DomainError('RULE_VIOLATED', 'an item is listed twice in the survey', {
        violations: [
          { rule: 'survey.duplicateItem', message: 'list each item once', field: 'itemCodes' },
        ],
      });
    const minEnterprises =
      (p.context.policy as { rateSurvey?: { minQuotesPerSide?: number } }).rateSurvey
        ?.minQuotesPerSide ?? DEFAULT_MIN_ENTERPRISES;
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      const id = await store.insertEnterpriseSurvey(qr, {
        negotiationId,
        minEnterprises,
        itemKind: body.itemKind,
        itemCodes: codes,
        openedOn: body.openedOn,
      });
      return {
        response: {
          status: 201,
          body: {
            id,
            negotiationId,
            status: 'open',
            minEnterprises,
            itemKind: body.itemKind,
            items: codes.length,
          },
        },
        responseStored: false,
      };
    });
  }

  // No idempotency record: its request hash would be a hash of one enterprise's figures. A retry is
  // recognised by the enterprise's keyed receipt instead.
  async record(
    caller: Caller,
    surveyId: string,
    sent: EnterpriseRecord,
    key: string,
  ): Promise<StoredResponse & { replayed: boolean }> {
    // Plain data from here on (the body arrives as validated class instances).
    const record: EnterpriseRecord = {
      enterprise: { partyId: sent.enterprise.partyId, name: sent.enterprise.name },
      enterpriseType: sent.enterpriseType,
      figures: sent.figures.map((f) => ({ itemCode: f.itemCode, value: f.value })),
    };
    const survey = await this.survey(surveyId);
    const p = await this.asUnionChair(caller, survey.negotiationId, surveyId);
    refuseOverLimit(this.config.limits, 'rateTableLines', record.figures.length, 'figures');
    const violations = recordViolations(record, survey.itemCodes);
    // An enterprise named as a party is an employer party of the round's industry.
    if (record.enterprise.partyId) {
      const [party] = await partiesByIds(this.dataSource, [record.enterprise.partyId]);
      if (!party || party.side !== 'employer' || party.industry_code !== p.row.industryCode)
        violations.push({
          rule: 'survey.enterpriseNotEmployer',
          message: `party ${record.enterprise.partyId} is not an employer party of this industry; name the enterprise by its name instead`,
          field: 'enterprise.partyId',
        });
    }
    if (violations.length)
      throw new DomainError('RULE_VIOLATED', violations.map((v) => v.message).join('; '), {
        violations,
      });

    const tag = this.enterpriseTag(surveyId, record.enterprise);
    const receipt = this.receipt(surveyId, tag, key, record);
    const accepted = { status: 201, body: { surveyId, recorded: record.figures.length } };
    return this.dataSource.transaction(async (em) => {
      const status = await store.enterpriseSurveyStatus(em, surveyId, 'FOR SHARE');
      if (status === 'open' && (await store.claimEnterprise(em, surveyId, tag, receipt))) {
        const answer: EnterpriseAnswer = {
          enterpriseType: record.enterpriseType,
          figures: record.figures,
        };
        const text = JSON.stringify(answer);
        const padded = text.padEnd(Math.ceil(text.length / ANSWER_PADDING) * ANSWER_PADDING);
        await store.insertSealedEnterpriseAnswer(
          em,
          surveyId,
          seal(this.answerKey, padded, answerBinding(surveyId)),
        );
        return { ...accepted, replayed: false };
      }
      const prior = await store.enterpriseReceipt(em, surveyId, tag);
      if (prior === receipt) return { ...accepted, replayed: true };
      if (status !== 'open')
        throw new DomainError(
          'SURVEY_CLOSED',
          'this enterprise survey is closed; its statistics are frozen',
        );
      throw new DomainError(
        'SURVEY_ALREADY_ANSWERED',
        'this enterprise is recorded in the survey already; each enterprise is recorded once (a retry must repeat the same record with the same Idempotency-Key)',
      );
    });
  }

  async close(
    caller: Caller,
    surveyId: string,
    closedOn: string,
    idempotency: { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    const survey = await this.survey(surveyId);
    await this.asUnionChair(caller, survey.negotiationId, surveyId);
    const out = await inIdempotentTransaction(
      this.dataSource,
      caller.accountId,
      idempotency,
      async (qr) => {
        if ((await store.enterpriseSurveyStatus(qr, surveyId, 'FOR UPDATE')) !== 'open')
          throw new DomainError('SURVEY_CLOSED', 'this enterprise survey is already closed');
        const answers = (await store.sealedEnterpriseAnswers(qr, surveyId)).map(
          (a) =>
            JSON.parse(
              unseal(this.answerKey, a.sealed, answerBinding(surveyId)),
            ) as EnterpriseAnswer,
        );
        const statistics = enterpriseSurveyStatistics(
          survey.itemCodes,
          answers,
          survey.minEnterprises,
        );
        await store.publishAndClose(qr, surveyId, statistics, closedOn);
        return {
          response: { status: 200, body: { id: surveyId, status: 'closed', closedOn } },
          responseStored: false,
        };
      },
    );
    if (!out.replayed)
      await store
        .vacuumEnterpriseAnswers(this.dataSource)
        .catch((e: unknown) =>
          this.logger.warn(
            { err: e },
            'VACUUM of the enterprise survey answers after a close failed',
          ),
        );
    return out;
  }

  async list(caller: Caller, negotiationId: string) {
    await this.participation(caller, negotiationId);
    return store.enterpriseSurveysOfRound(this.dataSource, negotiationId);
  }

  // While open: how many enterprises are recorded, no figures. Once closed: the statistics stored at
  // the close, which are all the database still holds.
  async statistics(caller: Caller, surveyId: string) {
    const survey = await this.survey(surveyId);
    await this.participation(caller, survey.negotiationId, surveyId);
    const enterprises = await store.enterpriseCount(this.dataSource, surveyId);
    const { statistics, ...rest } = survey;
    if (survey.status === 'open')
      return {
        ...rest,
        enterprises,
        items: [],
        figuresWithheld: 'the figures appear when the union chair closes the survey',
      };
    return { ...rest, enterprises, items: statistics };
  }
}

function recordViolations(record: EnterpriseRecord, itemCodes: string[]) {
  const out: { rule: string; message: string; field?: string }[] = [];
  const hasParty = !!record.enterprise.partyId;
  const hasName = !!record.enterprise.name;
  if (hasParty === hasName)
    out.push({
      rule: 'survey.enterprise',
      message: 'name the enterprise once: either its party id or its name',
      field: 'enterprise',
    });
  const surveyed = new Set(itemCodes);
  const seen = new Set<string>();
  record.figures.forEach((f, i) => {
    if (!surveyed.has(f.itemCode))
      out.push({
        rule: 'survey.unknownItem',
        message: `${f.itemCode} is not in this survey`,
        field: `figures[${i}].itemCode`,
      });
    if (seen.has(f.itemCode))
      out.push({
        rule: 'survey.duplicateItem',
        message: `${f.itemCode} is given twice`,
        field: `figures[${i}].itemCode`,
      });
    seen.add(f.itemCode);
  });
  return out;
}

const answerBinding = (surveyId: string) => `enterprise_survey_answer:${surveyId}`;

const surveyNotFound = (surveyId: string) =>
  new DomainError('NOT_FOUND', `no enterprise survey ${surveyId} is visible to you`);
