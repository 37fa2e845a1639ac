import { ZHEJIANG_DEFAULT_POLICY } from '../../../kernel/policy/policy-profile.js';
import type { IndustryDemo } from '../../../kernel/round/procedure.js';
import { knitwearCatalog } from './catalog.js';
import { XINHE_PARTIES } from './xinhe-cast.js';
import { DEMO_ACCOUNT, SCRIPT_ACTORS, xinheRoundScript } from './xinhe-round.script.js';

// The knitwear demo as data: the Xinhe catalog, the 2025 round signed and the 2026 round in its second
// joint session, and a rate survey (工价征求表) of the 2026 round answered anonymously. The demo seed
// reads it; the keys are the ones the seed used before the demo moved here, so an existing demo
// database replays unchanged.

const round = (year: number, to: 'signature' | 'secondSession') => {
  const script = xinheRoundScript(year);
  return {
    year,
    workerPartyId: XINHE_PARTIES.xinheUnion.id,
    employerPartyId: XINHE_PARTIES.xinheAssociation.id,
    title: `${year}年度新河镇羊毛衫行业工资集体协商`,
    policyProfileId: ZHEJIANG_DEFAULT_POLICY.id,
    openedBy: DEMO_ACCOUNT.unionChair,
    keyPrefix: `demo-${year}`,
    steps:
      to === 'signature'
        ? [...script.toSecondSession, ...script.toSignature]
        : script.toSecondSession,
  };
};

// Quotes are illustrative and, as in 2003, the two sides start about 10 % apart; in ten-thousandths
// of a yuan, each process 0.15 yuan below the one before.
const SURVEY_CODES = ['KN-01', 'KN-02', 'KN-03', 'KN-04', 'KN-05'];
const quotes = (base: bigint) =>
  SURVEY_CODES.map((_, i) => (base - BigInt(i) * 1500n).toString().replace(/(\d{4})$/, '.$1'));

export const WOOL_KNITWEAR_DEMO: IndustryDemo = {
  catalog: knitwearCatalog(),
  catalogKey: 'demo-catalog-wool-knitwear-1',
  accountOf: DEMO_ACCOUNT,
  actorOf: SCRIPT_ACTORS,
  rounds: [round(2025, 'signature'), round(2026, 'secondSession')],
  surveys: [
    {
      roundYear: 2026,
      openedBy: 'chen.chair',
      openedOn: '2026-07-20',
      key: 'demo-2026-survey',
      processCodes: SURVEY_CODES,
      answers: (
        [
          ['chen.chair', 13200n],
          ['wang.w1', 13000n],
          ['li.w2', 12800n],
          ['zhao.w3', 13400n],
          ['lin.chief', 12000n],
          ['he.e1', 11800n],
          ['guo.e2', 12100n],
        ] as const
      ).map(([username, base]) => ({ username, rates: quotes(base) })),
    },
  ],
};
