import { describe, expect, it } from '@jest/globals';
import type { PreviousSignedRound } from '../../kernel/round/procedure.js';
import { prepareWageSurvey } from './shipbuilding.previous.js';

const trade = (code: string, previousMinimum?: string) => ({
  trade: code,
  nameZh: code,
  enterprises: 3,
  workers: 30,
  highest: '9000',
  average: '7000',
  lowest: '5000',
  ...(previousMinimum === undefined ? {} : { previousMinimum }),
});
const survey = (...trades: ReturnType<typeof trade>[]) => ({
  surveyedOn: '2026-06-10',
  source: 'reports',
  trades,
});
const previous = (terms: object | null): PreviousSignedRound => ({
  negotiationId: 'n-2025',
  year: 2025,
  machine: 'shipbuilding@1',
  terms,
});
const signed2025 = previous({
  kind: 'shipbuilding.package',
  agreement: {
    trades: [
      { trade: 'WELD', agreedMinimum: '4600' },
      { trade: 'FIT', agreedMinimum: '4400' },
    ],
  },
});

describe('the survey’s previous minimums (ADR 0038)', () => {
  it('takes a minimum left out from the pair’s last signed agreement, and says where from', () => {
    const { payload, violations } = prepareWageSurvey(
      survey(trade('WELD'), trade('FIT', '4400.00'), trade('RIG')),
      signed2025,
    );
    expect(violations).toEqual([]);
    expect(payload).toMatchObject({
      trades: [
        { trade: 'WELD', previousMinimum: '4600' },
        { trade: 'FIT', previousMinimum: '4400.00' },
        { trade: 'RIG' },
      ],
      previousRound: { negotiationId: 'n-2025', year: 2025 },
    });
    expect((payload as { trades: object[] }).trades[2]).not.toHaveProperty('previousMinimum');
  });

  it('refuses a stated minimum that differs from the agreement', () => {
    const { violations } = prepareWageSurvey(survey(trade('WELD', '4000')), signed2025);
    expect(violations).toEqual([
      expect.objectContaining({
        rule: 'survey.previousMinimumDiffers',
        field: 'trades[0].previousMinimum',
        message: expect.stringContaining('4600'),
      }),
    ]);
  });

  it.each([
    ['no signed round before', null],
    ['a previous round that keeps no terms', previous(null)],
    [
      'a previous round without an agreement',
      previous({ kind: 'shipbuilding.package', agreement: null }),
    ],
  ])('keeps what the union states with %s', (_what, before) => {
    const sent = survey(trade('WELD', '4000'));
    expect(prepareWageSurvey(sent, before)).toEqual({ payload: sent, violations: [] });
  });
});
