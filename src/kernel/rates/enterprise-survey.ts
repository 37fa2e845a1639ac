import { compareCodes } from './money.js';
import { isSuppressed, rateStatistics, type SurveyStatistics } from './rate-statistics.js';

// The enterprise rate survey (ADR 0036): what enterprises pay, recorded enterprise by enterprise by the
// union's mediation committee (Hengfeng 2012: per process, by type of enterprise, domain.md §6), and
// published as high / median / low / mean per item and per enterprise type. Items are catalog processes
// (a rate per piece or pair) or trades (a monthly wage), so shipbuilding's wage survey by trade can use
// it as it stands. The release rule is the worker rate survey's (ADR 0015): nothing before the close;
// after it, no figure for fewer than k enterprises (the same kernel statistics and the same k).

export interface EnterpriseAnswer {
  enterpriseType: string;
  figures: { itemCode: string; value: string }[];
}

export interface EnterpriseTypeStatistics {
  enterpriseType: string;
  statistics: SurveyStatistics;
}

export interface EnterpriseItemStatistics {
  itemCode: string;
  overall: SurveyStatistics;
  // Null when the grouping is withheld (see byTypeWithheld).
  byType: EnterpriseTypeStatistics[] | null;
  byTypeWithheld: string | null;
}

// Per item: the overall figures, and the figures per enterprise type. A type under k is not merely
// hidden: with the overall mean and count published, the other types' figures would give away the
// hidden type's sum, and for one enterprise its rate. So the grouping of an item is published only
// when every type that answered it reaches k; otherwise the whole grouping is withheld (the overall
// figures, themselves under the same k rule, stay).
export function enterpriseSurveyStatistics(
  itemCodes: readonly string[],
  answers: readonly EnterpriseAnswer[],
  k: number,
): EnterpriseItemStatistics[] {
  const byItem = new Map<string, Map<string, string[]>>(itemCodes.map((c) => [c, new Map()]));
  for (const answer of answers)
    for (const { itemCode, value } of answer.figures) {
      const types = byItem.get(itemCode);
      if (!types) continue;
      const values = types.get(answer.enterpriseType) ?? [];
      values.push(value);
      types.set(answer.enterpriseType, values);
    }
  return [...byItem]
    .sort(([a], [b]) => compareCodes(a, b))
    .map(([itemCode, types]) => {
      const overall = rateStatistics([...types.values()].flat(), k);
      const grouped = [...types]
        .sort(([a], [b]) => compareCodes(a, b))
        .map(([enterpriseType, values]) => ({
          enterpriseType,
          statistics: rateStatistics(values, k),
        }));
      const small = grouped.filter((g) => isSuppressed(g.statistics));
      if (isSuppressed(overall))
        return {
          itemCode,
          overall,
          byType: null,
          byTypeWithheld: `fewer than ${k} enterprises answered this item`,
        };
      if (small.length > 0)
        return {
          itemCode,
          overall,
          byType: null,
          byTypeWithheld: `${small.length} type(s) of enterprise have fewer than ${k} enterprises for this item; showing the others would reveal theirs`,
        };
      return { itemCode, overall, byType: grouped, byTypeWithheld: null };
    });
}
