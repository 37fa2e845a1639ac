import type { OwnEventPreparer, PreviousSignedRound } from '../../kernel/round/procedure.js';
import type { Violation } from '../../kernel/round/round.types.js';
import { fenOf, type ShipbuildingPayloads } from './shipbuilding.package.js';

// ADR 0038: the survey's previous minimums come from the pair's last signed round when there is one.
// A figure left out is taken from that agreement; a figure stated must match it. Without a signed
// round of an earlier year (the pair's first round on this engine), the union's statement stands, as
// knitwear's stated baseline does.

type Survey = ShipbuildingPayloads['wageSurvey.tabled'];

function agreedMinimums(previous: PreviousSignedRound | null): Map<string, string> | null {
  const terms = previous?.terms as
    | { kind?: string; agreement?: { trades: { trade: string; agreedMinimum: string }[] } | null }
    | null
    | undefined;
  if (terms?.kind !== 'shipbuilding.package' || !terms.agreement) return null;
  return new Map(terms.agreement.trades.map((t) => [t.trade, t.agreedMinimum]));
}

export const prepareWageSurvey: OwnEventPreparer = (payload, previous) => {
  const survey = payload as Survey;
  const agreed = agreedMinimums(previous);
  if (!agreed || !previous) return { payload, violations: [] };
  const violations: Violation[] = [];
  const trades = survey.trades.map((t, i) => {
    const was = agreed.get(t.trade);
    // A trade the last agreement did not cover has no previous minimum but the one stated.
    if (was === undefined) return t;
    if (t.previousMinimum === undefined || t.previousMinimum === null)
      return { ...t, previousMinimum: was };
    if (fenOf(t.previousMinimum) !== fenOf(was))
      violations.push({
        rule: 'survey.previousMinimumDiffers',
        message: `trade ${t.trade}: the pair's ${previous.year} agreement set the minimum at ${was} yuan, not ${t.previousMinimum}; leave previousMinimum out to take it from that agreement`,
        field: `trades[${i}].previousMinimum`,
      });
    return t;
  });
  return {
    payload: {
      ...survey,
      trades,
      // Where the previous minimums come from, kept with the survey in the history.
      previousRound: { negotiationId: previous.negotiationId, year: previous.year },
    },
    violations,
  };
};
