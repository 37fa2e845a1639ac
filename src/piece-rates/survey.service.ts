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

const DEFAULT_MIN_QUOTES = 3;

type SurveySide = 'worker' | 'employer';
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
    const [s] = await this.dataSource.query(
      `SELECT id, negotiation_id AS "negotiationId", status, min_quotes AS "minQuotes", process_codes AS "processCodes", opened_on AS "openedOn", closed_on AS "closedOn" FROM rate_survey WHERE id = $1`,
      [surveyId],
    );
    if (!s) throw surveyNotFound(surveyId);
    return s as {
      id: string;
      negotiationId: string;
      status: 'open' | 'closed';
      minQuotes: number;
      processCodes: string[];
      openedOn: string;
      closedOn: string | null;
    };
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
      const [{ id }] = await qr.query(
        `INSERT INTO rate_survey (negotiation_id, status, min_quotes, process_codes, opened_on) VALUES ($1, 'open', $2, $3, $4) RETURNING id`,
        [negotiationId, minQuotes, codes, body.openedOn],
      );
      // Every tally exists from the start, so answering only ever updates rows that are already there.
      await qr.query(
        `INSERT INTO survey_tally (survey_id, process_code, side, rates) SELECT $1, c, s, '{}' FROM unnest($2::text[]) c CROSS JOIN unnest(ARRAY['worker', 'employer']) s`,
        [id, codes],
      );
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
      // FOR SHARE: answers may run side by side, but not beside the close (which locks FOR UPDATE).
      const [row] = await em.query(`SELECT status FROM rate_survey WHERE id = $1 FOR SHARE`, [
        surveyId,
      ]);
      if (row.status === 'open') {
        const claimed = await em.query(
          `INSERT INTO survey_participant (survey_id, participant_tag, receipt) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
          [surveyId, tag, receipt],
        );
        if (claimed.length === 1) {
          const answer = JSON.stringify(quotes);
          const padded = answer.padEnd(Math.ceil(answer.length / ANSWER_PADDING) * ANSWER_PADDING);
          await em.query(
            `INSERT INTO survey_answer (survey_id, side, sealed) VALUES ($1, $2, $3)`,
            [surveyId, side, seal(this.answerKey, padded, answerBinding(surveyId, side))],
          );
          return { ...accepted, replayed: false };
        }
      }
      const [prior] = await em.query(
        `SELECT receipt FROM survey_participant WHERE survey_id = $1 AND participant_tag = $2`,
        [surveyId, tag],
      );
      if (prior?.receipt === receipt) return { ...accepted, replayed: true };
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
        const [row] = await qr.query(`SELECT status FROM rate_survey WHERE id = $1 FOR UPDATE`, [
          surveyId,
        ]);
        if (row.status !== 'open')
          throw new DomainError('SURVEY_CLOSED', 'this rate survey is already closed');
        const pool: { side: SurveySide; sealed: Buffer }[] = await qr.query(
          `SELECT side, sealed FROM survey_answer WHERE survey_id = $1`,
          [surveyId],
        );
        const merged = pool.flatMap((a) =>
          (
            JSON.parse(unseal(this.answerKey, a.sealed, answerBinding(surveyId, a.side))) as Quote[]
          ).map((q) => ({ ...q, side: a.side })),
        );
        await qr.query(
          `UPDATE survey_tally t SET rates = (SELECT array_agg(x ORDER BY x) FROM unnest(t.rates || m.rates) x)
             FROM (SELECT code, side, array_agg(rate) AS rates
                     FROM unnest($2::text[], $3::text[], $4::numeric[]) AS q(code, side, rate) GROUP BY code, side) m
            WHERE t.survey_id = $1 AND t.process_code = m.code AND t.side = m.side`,
          [
            surveyId,
            merged.map((q) => q.processCode),
            merged.map((q) => q.side),
            merged.map((q) => q.rate),
          ],
        );
        await qr.query(`DELETE FROM survey_answer WHERE survey_id = $1`, [surveyId]);
        await qr.query(`UPDATE rate_survey SET status = 'closed', closed_on = $2 WHERE id = $1`, [
          surveyId,
          closedOn,
        ]);
        return {
          response: { status: 200, body: { id: surveyId, status: 'closed', closedOn } },
          responseStored: false,
        };
      },
    );
    if (!out.replayed)
      await this.dataSource
        .query(`VACUUM survey_answer, survey_tally`)
        .catch((e: unknown) =>
          this.logger.warn({ err: e }, 'VACUUM of the survey tables after a close failed'),
        );
    return out;
  }

  async list(caller: Caller, negotiationId: string) {
    await this.negotiations.participation(caller, negotiationId);
    return this.dataSource.query(
      `SELECT s.id, s.status, s.min_quotes AS "minQuotes", cardinality(s.process_codes) AS processes, s.opened_on AS "openedOn", s.closed_on AS "closedOn",
              (SELECT count(*)::int FROM survey_participant p WHERE p.survey_id = s.id) AS respondents
         FROM rate_survey s WHERE s.negotiation_id = $1 ORDER BY s.opened_on, s.id`,
      [negotiationId],
    );
  }

  // While open: how many have answered on each side, no figures. Once closed: count, high, median,
  // low and mean per side, none for a side under the threshold (ADR 0015).
  async statistics(caller: Caller, surveyId: string) {
    const survey = await this.survey(surveyId);
    await this.participation(caller, survey.negotiationId, surveyId);
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM survey_participant WHERE survey_id = $1`,
      [surveyId],
    );
    if (survey.status === 'open') {
      const counts: { side: SurveySide; n: number }[] = await this.dataSource.query(
        `SELECT side, count(*)::int AS n FROM survey_answer WHERE survey_id = $1 GROUP BY side`,
        [surveyId],
      );
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
    const tallies: { processCode: string; side: SurveySide; rates: string[] }[] =
      await this.dataSource.query(
        // rates::text[]: node-postgres parses numeric[] into binary floats (numeric alone stays a string).
        `SELECT process_code AS "processCode", side, rates::text[] AS rates FROM survey_tally WHERE survey_id = $1`,
        [surveyId],
      );
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
