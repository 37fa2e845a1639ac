import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { refuseOverLimit } from '../common/limits.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import { sha256Hex } from '../common/canonical-json.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { NegotiationService } from '../negotiation/negotiation.service.js';
import { summariseSurvey } from './rate-statistics.js';

const DEFAULT_MIN_QUOTES = 3;

// 工价征求表 (ADR 0011): quotes are merged into sorted per-process tallies; who answered is kept only as
// a keyed tag, so the one-answer rule holds without any row linking a person to a rate.
@Injectable()
export class SurveyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly negotiations: NegotiationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private participantTag(surveyId: string, accountId: string): string {
    return createHmac('sha256', this.config.surveyKey)
      .update(`${surveyId}:${accountId}`)
      .digest('hex');
  }

  private async survey(surveyId: string) {
    const [s] = await this.dataSource.query(
      `SELECT id, negotiation_id AS "negotiationId", status, min_quotes AS "minQuotes", process_codes AS "processCodes", opened_on AS "openedOn", closed_on AS "closedOn" FROM rate_survey WHERE id = $1`,
      [surveyId],
    );
    if (!s) throw new DomainError('NOT_FOUND', `no rate survey ${surveyId} is visible to you`);
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

  private async asUnionChair(caller: Caller, negotiationId: string) {
    const p = await this.negotiations.participation(caller, negotiationId);
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

  // The idempotency record is keyed on the survey only, never on the quotes: a hash of a short answer
  // could be brute-forced back into rates and is stored beside the caller's account id.
  async respond(
    caller: Caller,
    surveyId: string,
    quotes: { processCode: string; rate: string }[],
    key: string,
  ): Promise<StoredResponse & { replayed: boolean }> {
    const survey = await this.survey(surveyId);
    const p = await this.negotiations.participation(caller, survey.negotiationId);
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

    return inIdempotentTransaction(
      this.dataSource,
      caller.accountId,
      { key, requestHash: sha256Hex(`survey-response:${surveyId}`) },
      async (qr) => {
        // FOR SHARE: answers may run side by side, but not beside the close (which locks FOR UPDATE).
        const [row] = await qr.query(`SELECT status FROM rate_survey WHERE id = $1 FOR SHARE`, [
          surveyId,
        ]);
        if (row.status !== 'open')
          throw new DomainError(
            'SURVEY_CLOSED',
            'this rate survey is closed; its figures are frozen',
          );
        const claimed = await qr.query(
          `INSERT INTO survey_participant (survey_id, participant_tag) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
          [surveyId, this.participantTag(surveyId, caller.accountId)],
        );
        if (claimed.length === 0)
          throw new DomainError(
            'SURVEY_ALREADY_ANSWERED',
            'you have already answered this rate survey; each representative answers once',
          );
        await qr.query(
          `UPDATE survey_tally t SET rates = (SELECT array_agg(x ORDER BY x) FROM unnest(t.rates || q.rate) x)
           FROM unnest($3::text[], $4::numeric[]) AS q(code, rate)
          WHERE t.survey_id = $1 AND t.side = $2 AND t.process_code = q.code`,
          [surveyId, side, quotes.map((q) => q.processCode), quotes.map((q) => q.rate)],
        );
        return {
          response: { status: 201, body: { surveyId, side, accepted: quotes.length } },
          responseStored: false,
        };
      },
    );
  }

  async close(
    caller: Caller,
    surveyId: string,
    closedOn: string,
    idempotency: { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    const survey = await this.survey(surveyId);
    await this.asUnionChair(caller, survey.negotiationId);
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      const [row] = await qr.query(`SELECT status FROM rate_survey WHERE id = $1 FOR UPDATE`, [
        surveyId,
      ]);
      if (row.status !== 'open')
        throw new DomainError('SURVEY_CLOSED', 'this rate survey is already closed');
      await qr.query(`UPDATE rate_survey SET status = 'closed', closed_on = $2 WHERE id = $1`, [
        surveyId,
        closedOn,
      ]);
      return {
        response: { status: 200, body: { id: surveyId, status: 'closed', closedOn } },
        responseStored: false,
      };
    });
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

  // Statistics only: count, high, median, low and mean per side, none for a side under the threshold.
  async statistics(caller: Caller, surveyId: string) {
    const survey = await this.survey(surveyId);
    await this.negotiations.participation(caller, survey.negotiationId);
    const tallies: { processCode: string; side: 'worker' | 'employer'; rates: string[] }[] =
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
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM survey_participant WHERE survey_id = $1`,
      [surveyId],
    );
    return { ...survey, respondents: n, processes: summariseSurvey(byProcess, survey.minQuotes) };
  }
}
