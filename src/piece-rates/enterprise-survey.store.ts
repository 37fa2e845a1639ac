import type { Transactional } from '../common/transactional.js';

// The one owner of the enterprise rate survey's tables (enterprise_survey,
// enterprise_survey_participant, enterprise_survey_answer): hand-written SQL, run inside the caller's
// transaction where it passes one.

export interface EnterpriseSurveyRow {
  id: string;
  negotiationId: string;
  status: 'open' | 'closed';
  minEnterprises: number;
  itemKind: 'process' | 'trade';
  itemCodes: string[];
  openedOn: string;
  closedOn: string | null;
  statistics: unknown;
}

const rows = async <T>(tx: Transactional, sql: string, params: unknown[] = []): Promise<T[]> =>
  (await tx.query(sql, params)) as T[];

const COLUMNS = `id, negotiation_id AS "negotiationId", status, min_enterprises AS "minEnterprises", item_kind AS "itemKind", item_codes AS "itemCodes", opened_on AS "openedOn", closed_on AS "closedOn", statistics`;

export async function findEnterpriseSurvey(
  tx: Transactional,
  surveyId: string,
): Promise<EnterpriseSurveyRow | null> {
  const [s] = await rows<EnterpriseSurveyRow>(
    tx,
    `SELECT ${COLUMNS} FROM enterprise_survey WHERE id = $1`,
    [surveyId],
  );
  return s ?? null;
}

export async function insertEnterpriseSurvey(
  tx: Transactional,
  s: {
    negotiationId: string;
    minEnterprises: number;
    itemKind: 'process' | 'trade';
    itemCodes: string[];
    openedOn: string;
  },
): Promise<string> {
  const [{ id }] = await rows<{ id: string }>(
    tx,
    `INSERT INTO enterprise_survey (negotiation_id, status, min_enterprises, item_kind, item_codes, opened_on) VALUES ($1, 'open', $2, $3, $4, $5) RETURNING id`,
    [s.negotiationId, s.minEnterprises, s.itemKind, s.itemCodes, s.openedOn],
  );
  return id;
}

// FOR SHARE: records may run side by side, but not beside the close (which locks FOR UPDATE).
export async function enterpriseSurveyStatus(
  tx: Transactional,
  surveyId: string,
  lock: 'FOR SHARE' | 'FOR UPDATE',
): Promise<string> {
  const [row] = await rows<{ status: string }>(
    tx,
    `SELECT status FROM enterprise_survey WHERE id = $1 ${lock}`,
    [surveyId],
  );
  return row.status;
}

// true: this enterprise's record is new (false: it was recorded already).
export async function claimEnterprise(
  tx: Transactional,
  surveyId: string,
  tag: string,
  receipt: string,
): Promise<boolean> {
  const claimed = await rows(
    tx,
    `INSERT INTO enterprise_survey_participant (survey_id, enterprise_tag, receipt) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
    [surveyId, tag, receipt],
  );
  return claimed.length === 1;
}

export async function enterpriseReceipt(
  tx: Transactional,
  surveyId: string,
  tag: string,
): Promise<string | null> {
  const [prior] = await rows<{ receipt: string }>(
    tx,
    `SELECT receipt FROM enterprise_survey_participant WHERE survey_id = $1 AND enterprise_tag = $2`,
    [surveyId, tag],
  );
  return prior?.receipt ?? null;
}

export async function insertSealedEnterpriseAnswer(
  tx: Transactional,
  surveyId: string,
  sealed: Buffer,
): Promise<void> {
  await tx.query(`INSERT INTO enterprise_survey_answer (survey_id, sealed) VALUES ($1, $2)`, [
    surveyId,
    sealed,
  ]);
}

export const sealedEnterpriseAnswers = (
  tx: Transactional,
  surveyId: string,
): Promise<{ sealed: Buffer }[]> =>
  rows(tx, `SELECT sealed FROM enterprise_survey_answer WHERE survey_id = $1`, [surveyId]);

// The statistics stored, the sealed answers deleted, the survey closed: one transaction.
export async function publishAndClose(
  tx: Transactional,
  surveyId: string,
  statistics: unknown,
  closedOn: string,
): Promise<void> {
  await tx.query(`DELETE FROM enterprise_survey_answer WHERE survey_id = $1`, [surveyId]);
  await tx.query(
    `UPDATE enterprise_survey SET status = 'closed', closed_on = $2, statistics = $3 WHERE id = $1`,
    [surveyId, closedOn, JSON.stringify(statistics)],
  );
}

// So the deleted answers do not linger as dead tuples (they are sealed in any case).
export async function vacuumEnterpriseAnswers(tx: Transactional): Promise<void> {
  await tx.query(`VACUUM enterprise_survey_answer`);
}

export async function enterpriseCount(tx: Transactional, surveyId: string): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    tx,
    `SELECT count(*)::int AS n FROM enterprise_survey_participant WHERE survey_id = $1`,
    [surveyId],
  );
  return n;
}

export const enterpriseSurveysOfRound = (
  tx: Transactional,
  negotiationId: string,
): Promise<unknown[]> =>
  rows(
    tx,
    `SELECT s.id, s.status, s.min_enterprises AS "minEnterprises", s.item_kind AS "itemKind", cardinality(s.item_codes) AS items, s.opened_on AS "openedOn", s.closed_on AS "closedOn",
            (SELECT count(*)::int FROM enterprise_survey_participant p WHERE p.survey_id = s.id) AS enterprises
       FROM enterprise_survey s WHERE s.negotiation_id = $1 ORDER BY s.opened_on, s.id`,
    [negotiationId],
  );
