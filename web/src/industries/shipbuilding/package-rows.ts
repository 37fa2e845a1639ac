import type { components } from '../../api/schema.js';

export type Terms = components['schemas']['ShipbuildingTerms'];
export type Grade = components['schemas']['SkillGradeDto'];
export type ClauseStatus = components['schemas']['ClauseStateTerms']['status'];
type Side = 'worker' | 'employer';

export interface MinimumRow {
  trade: string;
  previous: string | null;
  worker: string | null;
  employer: string | null;
  agreed: string | null;
  // the sides' figures differ (or one side has none yet)
  differs: boolean;
}

export interface GridRow {
  key: string;
  trade: string;
  side: Side | 'agreed';
  // allowance by grade
  allowances: Record<number, string>;
}

// Every trade either side, the survey or the agreement names, in the survey's order first.
export function tradesOf(terms: Terms): string[] {
  const seen = new Set<string>();
  const add = (t: string) => void seen.add(t);
  terms.survey?.trades.forEach((t) => add(t.trade));
  (['worker', 'employer'] as const).forEach((s) => {
    Object.keys(terms.positions[s].minimums).forEach(add);
    Object.keys(terms.positions[s].grids).forEach(add);
  });
  terms.agreement?.trades.forEach((t) => add(t.trade));
  return [...seen];
}

// The trade minimums side by side: last year's (as the survey states them), each side's latest,
// and the agreed one once a draft is agreed.
export function minimumRows(terms: Terms): MinimumRow[] {
  const survey = new Map(terms.survey?.trades.map((t) => [t.trade, t]) ?? []);
  const agreed = new Map(terms.agreement?.trades.map((t) => [t.trade, t]) ?? []);
  return tradesOf(terms).map((trade) => {
    const worker = terms.positions.worker.minimums[trade] ?? null;
    const employer = terms.positions.employer.minimums[trade] ?? null;
    return {
      trade,
      previous: agreed.get(trade)?.previousMinimum ?? survey.get(trade)?.previousMinimum ?? null,
      worker,
      employer,
      agreed: agreed.get(trade)?.agreedMinimum ?? null,
      differs: worker === null || employer === null || Number(worker) !== Number(employer),
    };
  });
}

// The skill grids: per trade one row for each side that tabled one, and the agreed grid.
export function gridRows(terms: Terms): { rows: GridRow[]; grades: number[] } {
  const grades = new Set<number>();
  const agreed = new Map(terms.agreement?.trades.map((t) => [t.trade, t.grid]) ?? []);
  const row = (trade: string, side: GridRow['side'], grid: Grade[] | undefined): GridRow[] => {
    if (!grid || grid.length === 0) return [];
    grid.forEach((g) => grades.add(g.grade));
    return [
      {
        key: `${trade}:${side}`,
        trade,
        side,
        allowances: Object.fromEntries(grid.map((g) => [g.grade, g.monthlyAllowance])),
      },
    ];
  };
  const rows = tradesOf(terms).flatMap((trade) => [
    ...row(trade, 'worker', terms.positions.worker.grids[trade]),
    ...row(trade, 'employer', terms.positions.employer.grids[trade]),
    ...row(trade, 'agreed', agreed.get(trade)),
  ]);
  return { rows, grades: [...grades].sort((a, b) => a - b) };
}

// Each clause's status as a coloured tag: settled clauses green (agreed) or grey (withdrawn).
const TONE: Record<ClauseStatus, 'info' | 'warn' | 'good' | 'neutral'> = {
  tabled: 'info',
  countered: 'warn',
  agreed: 'good',
  withdrawn: 'neutral',
};
export const clauseTone = (status: ClauseStatus) => TONE[status];
