import { describe, expect, it } from '@jest/globals';
import { enterpriseSurveyStatistics, type EnterpriseAnswer } from './enterprise-survey.js';
import { isSuppressed } from './rate-statistics.js';

const answer = (enterpriseType: string, ...rates: [string, string][]): EnterpriseAnswer => ({
  enterpriseType,
  figures: rates.map(([itemCode, value]) => ({ itemCode, value })),
});

describe('enterprise survey statistics', () => {
  it('gives high, median, low and mean per item, and per enterprise type when every type reaches k', () => {
    const stats = enterpriseSurveyStatistics(
      ['SH-001'],
      [
        answer('large', ['SH-001', '0.1200']),
        answer('large', ['SH-001', '0.1300']),
        answer('small', ['SH-001', '0.1000']),
        answer('small', ['SH-001', '0.1100']),
      ],
      2,
    );
    expect(stats[0].overall).toEqual({
      count: 4,
      high: '0.1300',
      median: '0.1150',
      low: '0.1000',
      mean: '0.1150',
    });
    expect(stats[0].byType).toEqual([
      {
        enterpriseType: 'large',
        statistics: { count: 2, high: '0.1300', median: '0.1250', low: '0.1200', mean: '0.1250' },
      },
      {
        enterpriseType: 'small',
        statistics: { count: 2, high: '0.1100', median: '0.1050', low: '0.1000', mean: '0.1050' },
      },
    ]);
  });

  it('shows no figure for an item fewer than k enterprises answered', () => {
    const [stats] = enterpriseSurveyStatistics(
      ['SH-001'],
      [answer('large', ['SH-001', '0.1200']), answer('small', ['SH-001', '0.1000'])],
      3,
    );
    expect(stats.overall).toEqual({ count: 2, suppressed: true });
    expect(stats.byType).toBeNull();
  });

  it('withholds the whole grouping when one type is under k, so it cannot be derived from the others', () => {
    const [stats] = enterpriseSurveyStatistics(
      ['SH-001'],
      [
        answer('large', ['SH-001', '0.1200']),
        answer('large', ['SH-001', '0.1300']),
        answer('large', ['SH-001', '0.1400']),
        answer('workshop', ['SH-001', '0.0500']),
      ],
      3,
    );
    expect(isSuppressed(stats.overall)).toBe(false);
    expect(stats.byType).toBeNull();
    expect(stats.byTypeWithheld).toContain('fewer than 3');
  });

  // The attacker knows every published figure and every enterprise's rate but one (the strongest
  // insider: a member of the association who knows the others'). Whatever the published figures,
  // if they are consistent with two different rates for the unknown enterprise, it learned nothing
  // exact. With k = 3 every published group has at least three members, so the attacker always has
  // at least one other unknown, unless they know all but one of a group: this test checks the
  // publication never rests on a group the attacker can complete.
  it('never publishes a group in which the figures of all but one enterprise pin down the last', () => {
    const k = 3;
    const types = ['large', 'small', 'workshop'];
    for (let n = 1; n <= 9; n++) {
      const answers = Array.from({ length: n }, (_, i) =>
        answer(types[i % types.length], ['SH-001', `0.${1000 + i * 37}`]),
      );
      const [stats] = enterpriseSurveyStatistics(['SH-001'], answers, k);
      const published = [
        ...(isSuppressed(stats.overall) ? [] : [stats.overall.count]),
        ...(stats.byType ?? []).flatMap((g) =>
          isSuppressed(g.statistics) ? [] : [g.statistics.count],
        ),
      ];
      for (const count of published) expect(count).toBeGreaterThanOrEqual(k);
      // The grouping is all or nothing: no type hidden beside published ones.
      if (stats.byType) expect(stats.byType.every((g) => !isSuppressed(g.statistics))).toBe(true);
    }
  });

  it('takes monthly wages by trade as well as rates by process', () => {
    const [stats] = enterpriseSurveyStatistics(
      ['WELD'],
      [
        answer('yard', ['WELD', '8200.00']),
        answer('yard', ['WELD', '7600.00']),
        answer('yard', ['WELD', '9100.00']),
      ],
      3,
    );
    expect(stats.overall).toMatchObject({ count: 3, high: '9100.0000', low: '7600.0000' });
  });
});
