import { ZHEJIANG_DEFAULT_POLICY } from '../../../kernel/policy/policy-profile.js';
import { formatRateUnits, parseRateUnits } from '../../../kernel/rates/money.js';
import type { DemoEnterpriseSurvey, IndustryDemo } from '../../../kernel/round/procedure.js';
import { shoesCatalog } from './catalog.js';
import { HENGFENG_PARTIES } from './hengfeng-cast.js';
import { shoesRound } from './rate-tables.js';
import {
  SHOES_DEMO_ACCOUNT,
  SHOES_SCRIPT_ACTORS,
  hengfengRoundScript,
} from './hengfeng-round.script.js';

// The shoes demo as data: the Hengfeng catalog (234 processes), the 2025 round signed and the 2026
// round after its first joint session, all sent through the door by the demo seed.

const round = (year: number, to: 'signature' | 'firstSession') => {
  const script = hengfengRoundScript(year);
  return {
    year,
    workerPartyId: HENGFENG_PARTIES.hengfengShoeUnion.id,
    employerPartyId: HENGFENG_PARTIES.hengfengShoeAssociation.id,
    title: `${year}年度横峰街道制鞋行业工资集体协商`,
    policyProfileId: ZHEJIANG_DEFAULT_POLICY.id,
    openedBy: SHOES_DEMO_ACCOUNT.unionChair,
    keyPrefix: `demo-shoes-${year}`,
    steps:
      to === 'signature'
        ? [...script.toFirstSession, ...script.toSignature]
        : script.toFirstSession,
  };
};

const agreed2025 = new Map(shoesRound(2025).agreed.map((l) => [l.processCode, l.rate]));
const paidRate = (code: string, delta: number) =>
  formatRateUnits(parseRateUnits(agreed2025.get(code)!) + BigInt(delta));

// The mediation committee's visits before the 2026 offer (ILLUSTRATIVE enterprises and rates): nine
// enterprises of three types. Two of the three family workshops quoted only 前帮制作 (SH-111), so only
// SH-111 reaches k = 3 in every type and shows its breakdown; the other processes show their
// overall figures with the breakdown withheld (the one workshop would be revealed).
const SURVEYED = ['SH-001', 'SH-035', 'SH-065', 'SH-111', 'SH-155'];
const ENTERPRISE_SURVEY_2026: DemoEnterpriseSurvey = {
  roundYear: 2026,
  openedBy: SHOES_DEMO_ACCOUNT.unionChair,
  openedOn: '2026-05-20',
  closedOn: '2026-06-04',
  key: 'demo-shoes-2026-enterprise-survey',
  itemKind: 'process',
  itemCodes: SURVEYED,
  enterprises: (
    [
      ['示例鞋业有限公司 (illustrative)', '规上企业 (above designated size)', 0],
      ['示例鞋厂二 (illustrative)', '规上企业 (above designated size)', 40],
      ['示例鞋厂三 (illustrative)', '规上企业 (above designated size)', 80],
      ['示例鞋厂四 (illustrative)', '规下企业 (below designated size)', -60],
      ['示例鞋厂五 (illustrative)', '规下企业 (below designated size)', -20],
      ['示例鞋厂六 (illustrative)', '规下企业 (below designated size)', 20],
      ['示例家庭作坊一 (illustrative)', '家庭作坊 (family workshop)', -100],
      ['示例家庭作坊二 (illustrative)', '家庭作坊 (family workshop)', -140],
      ['示例家庭作坊三 (illustrative)', '家庭作坊 (family workshop)', -120],
    ] as const
  ).map(([name, enterpriseType, delta], i) => ({
    name,
    enterpriseType,
    // Ten-thousandths of a yuan around the agreed 2025 rates.
    values: SURVEYED.map((code) => (i >= 7 && code !== 'SH-111' ? null : paidRate(code, delta))),
  })),
};

export const SHOES_DEMO: IndustryDemo = {
  catalog: shoesCatalog(),
  // The key the seed used for this catalog before shoes had a folder, so a demo database replays.
  catalogKey: 'demo-catalog-shoes-1',
  accountOf: SHOES_DEMO_ACCOUNT,
  actorOf: SHOES_SCRIPT_ACTORS,
  rounds: [round(2025, 'signature'), round(2026, 'firstSession')],
  surveys: [],
  enterpriseSurveys: [ENTERPRISE_SURVEY_2026],
};
