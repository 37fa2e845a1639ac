import type { Transactional } from '../common/transactional.js';

// The one owner of the rate survey's tables (rate_survey, survey_tally, survey_participant,
// survey_answer): hand-written SQL, run inside the caller's transaction where it passes one.

export type SurveySide = 'worker' | 'employer';

export interface SurveyRow {
  id: string;
  negotiationId: string;
  status: 'open' | 'closed';
  minQuotes: number;
  processCodes: string[];
  openedOn: string;
  closedOn: string | null;
}

export interface MergedQuote {
  processCode: string;
  side: SurveySide;
  rate: string;
}

const rows = async <T>(tx: Transactional, sql: string, params: unknown[] = []): Promise<T[]> =>
  (await tx.query(sql, params)) as T[];

export async function findSurvey(tx: Transactional, surveyId: string): Promise<SurveyRow | null> {
  const [s] = await rows<SurveyRow>(
    tx,
    `SELECT id, negotiation_id AS "negotiationId", status, min_quotes AS "minQuotes", process_codes AS "processCodes", opened_on AS "openedOn", closed_on AS "closedOn" FROM rate_survey WHERE id = $1`,
    [surveyId],
  );
  return s ?? null;
}

// Every tally exists from the start, so answering only ever updates rows that are already there.
export async function insertSurvey(
  tx: Transactional,
  s: { negotiationId: string; minQuotes: number; codes: string[]; openedOn: string },
): Promise<string> {
  const [{ id }] = await rows<{ id: string }>(
    tx,
    `INSERT INTO rate_survey (negotiation_id, status, min_quotes, process_codes, opened_on) VALUES ($1, 'open', $2, $3, $4) RETURNING id`,
    [s.negotiationId, s.minQuotes, s.codes, s.openedOn],
  );
  await tx.query(
    `INSERT INTO survey_tally (survey_id, process_code, side, rates) SELECT $1, c, s, '{}' FROM unnest($2::text[]) c CROSS JOIN unnest(ARRAY['worker', 'employer']) s`,
    [id, s.codes],
  );
  return id;
}

// FOR SHARE: answers may run side by side, but not beside the close (which locks FOR UPDATE).
export async function surveyStatusForShare(
  tx: Transactional,
  surveyId: string,
): Promise<{ status: string }> {
  const [row] = await rows<{ status: string }>(
    tx,
    `SELECT status FROM rate_survey WHERE id = $1 FOR SHARE`,
    [surveyId],
  );
  return row;
}

export async function surveyStatusForUpdate(
  tx: Transactional,
  surveyId: string,
): Promise<{ status: string }> {
  const [row] = await rows<{ status: string }>(
    tx,
    `SELECT status FROM rate_survey WHERE id = $1 FOR UPDATE`,
    [surveyId],
  );
  return row;
}

// true: this participant's claim is new (false: the tag had answered already).
export async function claimParticipation(
  tx: Transactional,
  surveyId: string,
  tag: string,
  receipt: string,
): Promise<boolean> {
  const claimed = await rows(
    tx,
    `INSERT INTO survey_participant (survey_id, participant_tag, receipt) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
    [surveyId, tag, receipt],
  );
  return claimed.length === 1;
}

export async function insertSealedAnswer(
  tx: Transactional,
  surveyId: string,
  side: SurveySide,
  sealed: Buffer,
): Promise<void> {
  await tx.query(`INSERT INTO survey_answer (survey_id, side, sealed) VALUES ($1, $2, $3)`, [
    surveyId,
    side,
    sealed,
  ]);
}

export async function participantReceipt(
  tx: Transactional,
  surveyId: string,
  tag: string,
): Promise<string | null> {
  const [prior] = await rows<{ receipt: string }>(
    tx,
    `SELECT receipt FROM survey_participant WHERE survey_id = $1 AND participant_tag = $2`,
    [surveyId, tag],
  );
  return prior?.receipt ?? null;
}

export const sealedAnswers = (
  tx: Transactional,
  surveyId: string,
): Promise<{ side: SurveySide; sealed: Buffer }[]> =>
  rows(tx, `SELECT side, sealed FROM survey_answer WHERE survey_id = $1`, [surveyId]);

// The pool merged into the sorted tallies and deleted; the survey closed.
export async function mergeAndClose(
  tx: Transactional,
  surveyId: string,
  merged: MergedQuote[],
  closedOn: string,
): Promise<void> {
  await tx.query(
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
  await tx.query(`DELETE FROM survey_answer WHERE survey_id = $1`, [surveyId]);
  await tx.query(`UPDATE rate_survey SET status = 'closed', closed_on = $2 WHERE id = $1`, [
    surveyId,
    closedOn,
  ]);
}

// So the deleted answers do not linger as dead tuples (they are sealed in any case).
export async function vacuumSurveyTables(tx: Transactional): Promise<void> {
  await tx.query(`VACUUM survey_answer, survey_tally`);
}

export const surveysOfRound = (tx: Transactional, negotiationId: string): Promise<unknown[]> =>
  rows(
    tx,
    `SELECT s.id, s.status, s.min_quotes AS "minQuotes", cardinality(s.process_codes) AS processes, s.opened_on AS "openedOn", s.closed_on AS "closedOn",
            (SELECT count(*)::int FROM survey_participant p WHERE p.survey_id = s.id) AS respondents
       FROM rate_survey s WHERE s.negotiation_id = $1 ORDER BY s.opened_on, s.id`,
    [negotiationId],
  );

export async function respondentCount(tx: Transactional, surveyId: string): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    tx,
    `SELECT count(*)::int AS n FROM survey_participant WHERE survey_id = $1`,
    [surveyId],
  );
  return n;
}

export const answerCountsBySide = (
  tx: Transactional,
  surveyId: string,
): Promise<{ side: SurveySide; n: number }[]> =>
  rows(
    tx,
    `SELECT side, count(*)::int AS n FROM survey_answer WHERE survey_id = $1 GROUP BY side`,
    [surveyId],
  );

export const tallies = (
  tx: Transactional,
  surveyId: string,
): Promise<{ processCode: string; side: SurveySide; rates: string[] }[]> =>
  rows(
    tx,
    // rates::text[]: node-postgres parses numeric[] into binary floats (numeric alone stays a string).
    `SELECT process_code AS "processCode", side, rates::text[] AS rates FROM survey_tally WHERE survey_id = $1`,
    [surveyId],
  );
