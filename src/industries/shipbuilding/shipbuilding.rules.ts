import type { ProcedureEvent } from '../../kernel/round/procedure.js';
import {
  dateOrderViolations,
  RESTATED_BY_DATE_ORDER,
} from '../../kernel/round/round.date-order.js';
import type { RoundEvent } from '../../kernel/round/round.events.js';
import { isRoundEventType } from '../../kernel/round/round.events.js';
import { recordKeepingViolations } from '../../kernel/round/round.record-keeping.js';
import { violationsOf } from '../../kernel/round/round.rules.js';
import type { Side, Violation } from '../../kernel/round/round.types.js';
import {
  fenOf,
  isSettled,
  isShipbuildingEventType,
  recordOf,
  statutoryMinimumOf,
  YUAN_PATTERN,
  type ClauseTerms,
  type HeadcountLine,
  type ShipbuildingContext,
  type ShipbuildingPayloads,
  type SurveyedTrade,
  type TradeGrid,
  type TradeMinimum,
} from './shipbuilding.package.js';

// The rules of shipbuilding v1. Kernel events follow the kernel's rules as knitwear v2 composes them
// (business dates in order, the record kept); the package's own events follow the rules below. The
// machine's guards and the door's 422 call this one function, so they cannot disagree.

const v = (rule: string, message: string, field?: string): Violation => ({ rule, message, field });

const positive = (yuan: string) => YUAN_PATTERN.test(yuan) && fenOf(yuan) > 0n;

function duplicates<T>(items: readonly T[], key: (x: T) => string | number): (string | number)[] {
  const seen = new Set<string | number>();
  const twice = new Set<string | number>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) twice.add(k);
    seen.add(k);
  }
  return [...twice];
}

export function surveyViolations(trades: readonly SurveyedTrade[]): Violation[] {
  const out: Violation[] = [];
  if (trades.length === 0)
    out.push(v('survey.empty', 'list at least one surveyed trade', 'trades'));
  for (const t of duplicates(trades, (x) => x.trade))
    out.push(
      v('survey.duplicateTrade', `trade ${t} is listed twice; list each trade once`, 'trades'),
    );
  trades.forEach((t, i) => {
    const at = `trades[${i}]`;
    const amounts = [
      t.lowest,
      t.average,
      t.highest,
      ...(t.previousMinimum ? [t.previousMinimum] : []),
    ];
    if (!amounts.every(positive)) {
      out.push(
        v(
          'survey.notPositive',
          `trade ${t.trade}: every wage must be a positive amount in yuan (at most 2 decimals)`,
          at,
        ),
      );
      return;
    }
    const [low, avg, high] = [fenOf(t.lowest), fenOf(t.average), fenOf(t.highest)];
    if (low > avg || avg > high)
      out.push(
        v(
          'survey.order',
          `trade ${t.trade}: the lowest (${t.lowest}) ≤ the average (${t.average}) ≤ the highest (${t.highest}) wage must hold; check the figures`,
          at,
        ),
      );
  });
  return out;
}

function minimumViolations(
  ctx: ShipbuildingContext,
  minimums: readonly TradeMinimum[],
  field: string,
): Violation[] {
  const survey = recordOf(ctx).survey;
  const statutory = statutoryMinimumOf(ctx);
  const out: Violation[] = duplicates(minimums, (m) => m.trade).map((t) =>
    v('package.duplicateTrade', `trade ${t} has two minimums; give each trade one`, field),
  );
  minimums.forEach((m, i) => {
    const at = `${field}[${i}]`;
    if (survey && !survey.trades.some((t) => t.trade === m.trade))
      out.push(
        v(
          'package.tradeNotSurveyed',
          `trade ${m.trade} is not among the surveyed trades (${survey.trades.map((t) => t.trade).join(', ')})`,
          at,
        ),
      );
    if (!positive(m.monthlyMinimum))
      out.push(
        v('package.notPositive', `trade ${m.trade}: the minimum must be a positive amount`, at),
      );
    else if (statutory !== null && fenOf(m.monthlyMinimum) < fenOf(statutory))
      out.push(
        v(
          'package.belowStatutoryMinimum',
          `trade ${m.trade}: ${m.monthlyMinimum} yuan a month is below the statutory monthly minimum wage of ${statutory} yuan in the round's policy profile (${ctx.policy.id}); propose at least ${statutory}`,
          at,
        ),
      );
  });
  return out;
}

// 能级: allowances rise with the grade (a worker who gains a grade earns more), each grade once.
export function gridViolations(
  ctx: ShipbuildingContext,
  grids: readonly TradeGrid[],
  field: string,
): Violation[] {
  const survey = recordOf(ctx).survey;
  const out: Violation[] = duplicates(grids, (g) => g.trade).map((t) =>
    v('grid.duplicateTrade', `trade ${t} has two grids; give each trade one`, field),
  );
  grids.forEach((g, i) => {
    const at = `${field}[${i}]`;
    if (survey && !survey.trades.some((t) => t.trade === g.trade))
      out.push(
        v('package.tradeNotSurveyed', `trade ${g.trade} is not among the surveyed trades`, at),
      );
    if (g.grades.length === 0)
      out.push(v('grid.empty', `trade ${g.trade}: list at least one grade`, at));
    for (const grade of duplicates(g.grades, (x) => x.grade))
      out.push(
        v(
          'grid.duplicateGrade',
          `trade ${g.trade}: grade ${grade} is listed twice; list each grade once`,
          at,
        ),
      );
    if (!g.grades.every((x) => positive(x.monthlyAllowance))) {
      out.push(
        v('grid.notPositive', `trade ${g.trade}: every allowance must be a positive amount`, at),
      );
      return;
    }
    const sorted = [...g.grades].sort((a, b) => a.grade - b.grade);
    for (let k = 1; k < sorted.length; k++) {
      const [lower, higher] = [sorted[k - 1], sorted[k]];
      if (
        lower.grade !== higher.grade &&
        fenOf(higher.monthlyAllowance) <= fenOf(lower.monthlyAllowance)
      )
        out.push(
          v(
            'grid.fallingAllowance',
            `trade ${g.trade}: grade ${higher.grade} pays ${higher.monthlyAllowance} yuan, not more than grade ${lower.grade} (${lower.monthlyAllowance}); allowances must rise with the grade`,
            at,
          ),
        );
    }
  });
  return out;
}

// What each kind of clause must state (the sources name the kinds; the bounds are CCR's term and
// the calendar, the rest assumed).
export function clauseTermsViolations(clauses: readonly ClauseTerms[], field: string): Violation[] {
  const out: Violation[] = duplicates(clauses, (c) => c.clause).map((k) =>
    v('clause.duplicate', `clause ${k} is listed twice; table each clause once`, field),
  );
  clauses.forEach((c, i) => {
    const at = `${field}[${i}]`;
    const bad = (message: string) =>
      out.push(v('clause.terms', `clause ${c.clause}: ${message}`, at));
    if (c.clause === 'seniorityPay') {
      if (!c.yuanPerYear || !positive(c.yuanPerYear) || !c.capYuan || !positive(c.capYuan))
        bad(
          'state yuanPerYear (yuan a month per year of service) and capYuan (its cap), both positive',
        );
      else if (fenOf(c.capYuan) < fenOf(c.yuanPerYear))
        bad(`the cap (${c.capYuan}) must be at least one year's amount (${c.yuanPerYear})`);
    }
    if (
      c.clause === 'paymentDay' &&
      !(Number.isInteger(c.latestDay) && c.latestDay! >= 1 && c.latestDay! <= 31)
    )
      bad('state latestDay, the latest day of the month wages are paid (1-31)');
    // CCR: a collective contract runs 1-3 years (domain.md §2, term).
    if (c.clause === 'term' && !(Number.isInteger(c.years) && c.years! >= 1 && c.years! <= 3))
      bad('state years, the term of the agreement: 1 to 3 years (CCR)');
    if (c.sumInsuredYuan !== undefined && !positive(c.sumInsuredYuan))
      bad('sumInsuredYuan must be a positive amount');
  });
  return out;
}

function headcountViolations(
  ctx: ShipbuildingContext,
  headcount: readonly HeadcountLine[],
  grids: readonly TradeGrid[],
): Violation[] {
  const survey = recordOf(ctx).survey;
  const out: Violation[] = duplicates(headcount, (h) => `${h.trade} grade ${h.grade ?? '-'}`).map(
    (k) =>
      v(
        'headcount.duplicate',
        `${k} is counted twice; give each trade and grade one line`,
        'headcount',
      ),
  );
  headcount.forEach((h, i) => {
    const at = `headcount[${i}]`;
    if (survey && !survey.trades.some((t) => t.trade === h.trade))
      out.push(
        v('package.tradeNotSurveyed', `trade ${h.trade} is not among the surveyed trades`, at),
      );
    if (h.grade !== undefined && h.grade !== null) {
      const grid = grids.find((g) => g.trade === h.trade);
      if (!grid?.grades.some((x) => x.grade === h.grade))
        out.push(
          v(
            'headcount.unknownGrade',
            `trade ${h.trade} has no grade ${h.grade} in the draft's grid`,
            at,
          ),
        );
    }
  });
  return out;
}

function packageViolations(
  ctx: ShipbuildingContext,
  p: ShipbuildingPayloads['package.tabled'],
): Violation[] {
  const clauses = recordOf(ctx).clauses;
  const out: Violation[] = [];
  if (!p.minimums?.length && !p.grids?.length && !p.clauses?.length)
    out.push(
      v(
        'package.empty',
        'table at least one item: a trade minimum, a skill grid or a clause',
        'minimums',
      ),
    );
  out.push(...minimumViolations(ctx, p.minimums ?? [], 'minimums'));
  if (p.scope === 'whole')
    for (const t of recordOf(ctx).survey?.trades ?? [])
      if (!(p.minimums ?? []).some((m) => m.trade === t.trade))
        out.push(
          v(
            'package.wholeIncomplete',
            `a whole package gives a minimum for every surveyed trade; ${t.trade} has none (or table scope "items")`,
            'minimums',
          ),
        );
  out.push(...gridViolations(ctx, p.grids ?? [], 'grids'));
  out.push(...clauseTermsViolations(p.clauses ?? [], 'clauses'));
  (p.clauses ?? []).forEach((c, i) => {
    const state = clauses.find((x) => x.clause === c.clause);
    if (state?.status === 'agreed')
      out.push(
        v(
          'clause.settled',
          `clause ${c.clause} is already agreed; it is not reopened in this round`,
          `clauses[${i}]`,
        ),
      );
  });
  return out;
}

function clauseActionViolations(
  ctx: ShipbuildingContext,
  side: Side,
  type: 'clause.agreed' | 'clause.withdrawn',
  clause: string,
): Violation[] {
  const state = recordOf(ctx).clauses.find((c) => c.clause === clause);
  if (!state)
    return [v('clause.unknown', `clause ${clause} has not been tabled in this round`, 'clause')];
  if (isSettled(state))
    return [v('clause.settled', `clause ${clause} is already ${state.status}`, 'clause')];
  if (type === 'clause.agreed' && state.termsBy === side)
    return [
      v(
        'clause.ownTerms',
        `the terms of clause ${clause} on the table are the ${side} side's own; the other side agrees them, or ${side} waits for a counter`,
        'clause',
      ),
    ];
  if (type === 'clause.withdrawn' && state.proposer !== side)
    return [
      v(
        'clause.notProposer',
        `clause ${clause} was tabled by the ${state.proposer} side; only its proposer withdraws it (the ${side} side may counter it instead)`,
        'clause',
      ),
    ];
  return [];
}

function draftViolations(
  ctx: ShipbuildingContext,
  event: ProcedureEvent,
  p: ShipbuildingPayloads['package.draftAgreed'],
): Violation[] {
  const record = recordOf(ctx);
  // The kernel's conditions for any draft (a session held and closed, every minutes signed by both
  // chiefs, a text), read from its own rule; its table rule is this industry's business below.
  const kernel = violationsOf(ctx, {
    ...event,
    type: 'draft.agreed',
    payload: { text: p.text, draftId: '', sha256: '', lineCount: 1 },
  } as RoundEvent);
  const out = [...kernel];
  if (!record.survey)
    out.push(v('package.noSurvey', 'the wage survey must be tabled before a draft'));
  for (const c of record.clauses.filter((x) => !isSettled(x)))
    out.push(
      v(
        'draft.clauseUnsettled',
        `clause ${c.clause} is ${c.status} (terms of the ${c.termsBy} side); agree it, or its proposer (${c.proposer}) withdraws it, before the draft`,
        'clauses',
      ),
    );
  out.push(...minimumViolations(ctx, p.minimums, 'minimums'));
  for (const t of record.survey?.trades ?? [])
    if (!p.minimums.some((m) => m.trade === t.trade))
      out.push(
        v(
          'draft.tradeMissing',
          `the draft gives no minimum for the surveyed trade ${t.trade}`,
          'minimums',
        ),
      );
  out.push(...gridViolations(ctx, p.grids, 'grids'));
  out.push(...headcountViolations(ctx, p.headcount ?? [], p.grids));
  return out;
}

// Bargaining opens on the survey's findings (Dalian 2014), so no joint session meets before it closed.
function sessionAfterSurvey(ctx: ShipbuildingContext, e: RoundEvent): Violation[] {
  const survey = recordOf(ctx).survey;
  if (e.type !== 'session.opened' || !survey || !e.payload.openedOn) return [];
  return e.payload.openedOn < survey.surveyedOn
    ? [
        v(
          'dates.sessionBeforeSurvey',
          `a joint session on ${e.payload.openedOn} cannot meet before the wage survey closed on ${survey.surveyedOn}`,
          'openedOn',
        ),
      ]
    : [];
}

export function shipbuildingViolations(
  ctx: ShipbuildingContext,
  event: ProcedureEvent,
): Violation[] {
  if (isRoundEventType(event.type)) {
    const e = event as RoundEvent;
    return [
      ...violationsOf(ctx, e).filter((x) => !RESTATED_BY_DATE_ORDER.has(x.rule)),
      ...dateOrderViolations(ctx, e),
      ...recordKeepingViolations(ctx, e),
      ...sessionAfterSurvey(ctx, e),
    ];
  }
  if (!isShipbuildingEventType(event.type)) return [];
  const side = event.actor.side as Side;
  switch (event.type) {
    case 'wageSurvey.tabled':
      return surveyViolations((event.payload as ShipbuildingPayloads['wageSurvey.tabled']).trades);
    case 'package.tabled':
      return packageViolations(ctx, event.payload as ShipbuildingPayloads['package.tabled']);
    case 'clause.agreed':
    case 'clause.withdrawn':
      return clauseActionViolations(
        ctx,
        side,
        event.type,
        (event.payload as { clause: string }).clause,
      );
    case 'package.draftAgreed':
      return draftViolations(
        ctx,
        event,
        event.payload as ShipbuildingPayloads['package.draftAgreed'],
      );
  }
}
