import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DomainError } from '../common/domain-error.js';
import { refuseOverLimit } from '../common/limits.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import { canonicalJson } from '../common/canonical-json.js';
import { APP_LOGGER, type AppLogger } from '../common/logger.js';
import { seal, sealingKey, unseal } from '../common/sealing.js';
import { DEPLOYMENT_KEYS, type DeploymentKeys } from '../config/deployment-keys.js';
import { NegotiationService } from '../negotiation/negotiation.service.js';
import { summariseSurvey } from '../kernel/rates/rate-statistics.js';
import * as surveys from './survey.store.js';
import type { SurveySide } from './survey.store.js';

const DEFAULT_MIN_QUOTES = 3;

interface Quote {
  processCode: string;
  rate: string;
}

// Sealed answers are padded to a multiple of this many bytes, so their length does not tell how many
// processes a person quoted.
const ANSWER_PADDING = 512;

// 工价征求表 (ADR 0011, 0015): an answer goes, sealed, into an unlinked pool; who answered is kept only
// as a keyed tag with a keyed receipt of the answer. Closing the survey merges the pool into sorted
// per-process tallies and deletes it; figures appear only then, so no sequence of reads isolates one
// answer.
@Injectable()
export class SurveyService {
  private readonly receiptKey: Buffer;
  private readonly answerKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly negotiations: NegotiationService,
    @Inject(DEPLOYMENT_KEYS) private readonly keys: DeploymentKeys,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.receiptKey = sealingKey(keys.survey, 'survey-receipt/v1');
    this.answerKey = sealingKey(keys.survey, 'survey-answer/v1');
  }

  // Unchanged since ADR 0011 (keyed by SURVEY_KEY itself), so open surveys keep their one-answer rule.
  private participantTag(surveyId: string, accountId: string): string {
    return createHmac('sha256', this.keys.survey).update(`${surveyId}:${accountId}`).digest('hex');
  }

  // Recognises a retry: the same person, Idempotency-Key and answer. Keyed, so a dump holder cannot
  // test guessed answers against it.
  private receipt(surveyId: string, accountId: string, key: string, quotes: Quote[]): string {
    const answer = [...quotes].sort((a, b) => (a.processCode < b.processCode ? -1 : 1));
    return createHmac('sha256', this.receiptKey)
      .update(canonicalJson({ surveyId, accountId, key, answer }))
      .digest('hex');
  }

  private async survey(surveyId: string) {
    const s = await surveys.findSurvey(this.dataSource, surveyId);
    if (!s) throw surveyNotFound(surveyId);
    return s;
  }

  // A survey of a round the caller cannot see is a missing survey: the refusal names neither the
  // round nor its id.
  private async participation(caller: Caller, negotiationId: string, surveyId: string) {
    try {
      return await this.negotiations.participation(caller, negotiationId);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NEGOTIATION_NOT_FOUND')
        throw surveyNotFound(surveyId);
      throw e;
    }
  }

  private async asUnionChair(caller: Caller, negotiationId: string, surveyId?: string) {
    const p = surveyId
      ? await this.participation(caller, negotiationId, surveyId)
      : await this.negotiations.participation(caller, negotiationId);
    if (!p.actor.chiefOf.includes('worker'))
      throw new DomainError(
        'ROLE_FORBIDDEN',
        'only the union chair runs the rate survey of a round',
      );
    return p;
  }

  async open(
    caller: Caller,
    negotiationId: string,
    body: { processCodes: string[]; openedOn: string },
    idempotency: { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    const p = await this.asUnionChair(caller, negotiationId);
    refuseOverLimit(
      this.config.limits,
      'surveyProcesses',
      body.processCodes.length,
      'processCodes',
    );
    const codes = [...new Set(body.processCodes)];
    if (codes.length !== body.processCodes.length)
      throw new DomainError('RULE_VIOLATED', 'a process is listed twice in the survey', {
        violations: [{ rule: 'survey.duplicateProcess', message: 'list each process once' }],
      });
    const minQuotes =
      (p.context.policy as { rateSurvey?: { minQuotesPerSide?: number } }).rateSurvey
        ?.minQuotesPerSide ?? DEFAULT_MIN_QUOTES;
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      const id = await surveys.insertSurvey(qr, {
        negotiationId,
        minQuotes,
        codes,
        openedOn: body.openedOn,
      });
      return {
        response: {
          status: 201,
          body: { id, negotiationId, status: 'open', minQuotes, processes: codes.length },
        },
        responseStored: false,
      };
    });
  }

  // No idempotency record: it would name the account in the transaction that writes the answer.
  // A retry is recognised by the participant row's receipt instead.
  async respond(
    caller: Caller,
    surveyId: string,
    quotes: Quote[],
    key: string,
  ): Promise<StoredResponse & { replayed: boolean }> {
    const survey = await this.survey(surveyId);
    const p = await this.participation(caller, survey.negotiationId, surveyId);
    if (p.sides.length !== 1)
      throw new DomainError(
        'ROLE_FORBIDDEN',
        'only a representative of one side of this round may answer its rate survey',
      );
    const side = p.sides[0];
    refuseOverLimit(this.config.limits, 'rateTableLines', quotes.length, 'quotes');
    const surveyed = new Set(survey.processCodes);
    const seen = new Set<string>();
    const violations = quotes.flatMap((q, i) => {
      const out = [];
      if (!surveyed.has(q.processCode))
        out.push({
          rule: 'survey.unknownProcess',
          message: `${q.processCode} is not in this survey`,
          field: `quotes[${i}].processCode`,
        });
      if (seen.has(q.processCode))
        out.push({
          rule: 'survey.duplicateProcess',
          message: `${q.processCode} is quoted twice`,
          field: `quotes[${i}].processCode`,
        });
      seen.add(q.processCode);
      return out;
    });
    if (violations.length)
      throw new DomainError('RULE_VIOLATED', violations.map((v) => v.message).join('; '), {
        violations,
      });

    const tag = this.participantTag(surveyId, caller.accountId);
    const receipt = this.receipt(surveyId, caller.accountId, key, quotes);
    const accepted = { status: 201, body: { surveyId, side, accepted: quotes.length } };
    return this.dataSource.transaction(async (em) => {
      const row = await surveys.surveyStatusForShare(em, surveyId);
      if (row.status === 'open') {
        if (await surveys.claimParticipation(em, surveyId, tag, receipt)) {
          const answer = JSON.stringify(quotes);
          const padded = answer.padEnd(Math.ceil(answer.length / ANSWER_PADDING) * ANSWER_PADDING);
          await surveys.insertSealedAnswer(
            em,
            surveyId,
            side,
            seal(this.answerKey, padded, answerBinding(surveyId, side)),
          );
          return { ...accepted, replayed: false };
        }
      }
      const prior = await surveys.participantReceipt(em, surveyId, tag);
      if (prior === receipt) return { ...accepted, replayed: true };
      if (row.status !== 'open')
        throw new DomainError(
          'SURVEY_CLOSED',
          'this rate survey is closed; its figures are frozen',
        );
      throw new DomainError(
        'SURVEY_ALREADY_ANSWERED',
        'you have already answered this rate survey; each representative answers once (a retry must repeat the same answer with the same Idempotency-Key)',
      );
    });
  }

  // One transaction: the pool is opened, merged into the sorted tallies and deleted. Then VACUUM, so
  // the deleted answers do not linger as dead tuples (they are sealed in any case).
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
        const row = await surveys.surveyStatusForUpdate(qr, surveyId);
        if (row.status !== 'open')
          throw new DomainError('SURVEY_CLOSED', 'this rate survey is already closed');
        const pool = await surveys.sealedAnswers(qr, surveyId);
        const merged = pool.flatMap((a) =>
          (
            JSON.parse(unseal(this.answerKey, a.sealed, answerBinding(surveyId, a.side))) as Quote[]
          ).map((q) => ({ ...q, side: a.side })),
        );
        await surveys.mergeAndClose(qr, surveyId, merged, closedOn);
        return {
          response: { status: 200, body: { id: surveyId, status: 'closed', closedOn } },
          responseStored: false,
        };
      },
    );
    if (!out.replayed)
      await surveys
        .vacuumSurveyTables(this.dataSource)
        .catch((e: unknown) =>
          this.logger.warn({ err: e }, 'VACUUM of the survey tables after a close failed'),
        );
    return out;
  }

  async list(caller: Caller, negotiationId: string) {
    await this.negotiations.participation(caller, negotiationId);
    return surveys.surveysOfRound(this.dataSource, negotiationId);
  }

  // While open: how many have answered on each side, no figures. Once closed: count, high, median,
  // low and mean per side, none for a side under the threshold (ADR 0015).
  async statistics(caller: Caller, surveyId: string) {
    const survey = await this.survey(surveyId);
    await this.participation(caller, survey.negotiationId, surveyId);
    const n = await surveys.respondentCount(this.dataSource, surveyId);
    if (survey.status === 'open') {
      const counts = await surveys.answerCountsBySide(this.dataSource, surveyId);
      const bySide = { worker: 0, employer: 0 };
      for (const c of counts) bySide[c.side] = c.n;
      return {
        ...survey,
        respondents: n,
        respondentsBySide: bySide,
        processes: [],
        figuresWithheld: 'the figures appear when the union chair closes the survey',
      };
    }
    const tallies = await surveys.tallies(this.dataSource, surveyId);
    const byProcess = new Map<string, { worker: string[]; employer: string[] }>();
    for (const t of tallies) {
      const entry = byProcess.get(t.processCode) ?? { worker: [], employer: [] };
      // As text, NUMERIC(12,4) reads "1.2500": exactly the rate format the calculators take.
      entry[t.side] = t.rates;
      byProcess.set(t.processCode, entry);
    }
    return { ...survey, respondents: n, processes: summariseSurvey(byProcess, survey.minQuotes) };
  }
}

const answerBinding = (surveyId: string, side: SurveySide) => `survey_answer:${surveyId}:${side}`;

const surveyNotFound = (surveyId: string) =>
  new DomainError('NOT_FOUND', `no rate survey ${surveyId} is visible to you`);
