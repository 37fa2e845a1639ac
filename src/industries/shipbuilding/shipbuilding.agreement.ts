import {
  fenOf,
  isSettled,
  recordOf,
  statutoryMinimumOf,
  yuanOf,
  type HeadcountLine,
  type PackageAgreement,
  type PayImpact,
  type ShipbuildingContext,
  type ShipbuildingPayloads,
  type TradeGrid,
} from './shipbuilding.package.js';
import type { Instant } from '../../kernel/round/round.types.js';

// The agreement's table of a shipbuilding round (issue 12): per trade the survey behind it, the
// previous and agreed minimum, the skill grid; the clauses as settled; and, when the draft gives
// headcount per trade and grade, an estimate of what it adds to the monthly pay bill.

// Percent with two decimals, rounded half away from zero (a cut rounds as a rise of the same size);
// null without a previous figure.
function percent(previous: bigint, next: bigint): string | null {
  if (previous <= 0n) return null;
  const diff = next - previous;
  const abs = diff < 0n ? -diff : diff;
  const scaled = (abs * 10_000n * 2n + previous) / (previous * 2n);
  return yuanOf(diff < 0n ? -scaled : scaled);
}

// The estimate (assumed, stated in `basis`): every counted worker of a trade is taken to earn the old
// minimum, so the raise of the minimum is an upper bound; a worker counted at a grade adds that
// grade's monthly allowance.
export function payImpactOf(
  trades: { trade: string; previousMinimum: string | null; agreedMinimum: string }[],
  grids: readonly TradeGrid[],
  headcount: readonly HeadcountLine[],
): PayImpact | null {
  if (headcount.length === 0) return null;
  let total = 0n;
  const rows = trades
    .filter((t) => headcount.some((h) => h.trade === t.trade))
    .map((t) => {
      const lines = headcount.filter((h) => h.trade === t.trade);
      const workers = lines.reduce((n, h) => n + h.workers, 0);
      const raise =
        t.previousMinimum === null
          ? null
          : [fenOf(t.agreedMinimum) - fenOf(t.previousMinimum)].map((d) => (d > 0n ? d : 0n))[0];
      const grid = grids.find((g) => g.trade === t.trade)?.grades ?? [];
      const allowances = lines.reduce((sum, h) => {
        const grade = grid.find((g) => g.grade === h.grade);
        return grade ? sum + fenOf(grade.monthlyAllowance) * BigInt(h.workers) : sum;
      }, 0n);
      const raiseMonthly = raise === null ? null : raise * BigInt(workers);
      const sum = (raiseMonthly ?? 0n) + allowances;
      total += sum;
      return {
        trade: t.trade,
        workers,
        minimumRaisePerWorker: raise === null ? null : yuanOf(raise),
        minimumRaiseMonthly: raiseMonthly === null ? null : yuanOf(raiseMonthly),
        allowancesMonthly: yuanOf(allowances),
        totalMonthly: yuanOf(sum),
      };
    });
  return {
    basis:
      'assumed: each counted worker earns the previous minimum of the trade (an upper bound of the raise); a worker counted at a grade adds that grade’s monthly allowance; yearly = 12 months',
    trades: rows,
    totalMonthly: yuanOf(total),
    totalYearly: yuanOf(total * 12n),
  };
}

export function packageAgreement(
  ctx: ShipbuildingContext,
  p: ShipbuildingPayloads['package.draftAgreed'],
  at: Instant,
): PackageAgreement {
  const record = recordOf(ctx);
  const surveyed = record.survey?.trades ?? [];
  const trades = surveyed.map((s) => {
    const agreedMinimum = p.minimums.find((m) => m.trade === s.trade)!.monthlyMinimum;
    const previousMinimum = s.previousMinimum ?? null;
    const [prev, next] = [
      previousMinimum === null ? null : fenOf(previousMinimum),
      fenOf(agreedMinimum),
    ];
    return {
      trade: s.trade,
      nameZh: s.nameZh,
      nameEn: s.nameEn ?? null,
      survey: {
        enterprises: s.enterprises,
        workers: s.workers,
        highest: s.highest,
        average: s.average,
        lowest: s.lowest,
      },
      previousMinimum,
      agreedMinimum,
      change: prev === null ? null : yuanOf(next - prev),
      changePercent: prev === null ? null : percent(prev, next),
      grid: [...(p.grids.find((g) => g.trade === s.trade)?.grades ?? [])].sort(
        (a, b) => a.grade - b.grade,
      ),
    };
  });
  const settled = record.clauses.filter(isSettled);
  return {
    text: p.text,
    agreedAt: at,
    statutoryMinimum: statutoryMinimumOf(ctx),
    trades,
    clauses: {
      agreed: settled.filter((c) => c.status === 'agreed'),
      withdrawn: settled.filter((c) => c.status === 'withdrawn'),
    },
    payImpact: payImpactOf(trades, p.grids, p.headcount ?? []),
  };
}
