import { ZHEJIANG_DEFAULT_POLICY } from '../../../kernel/policy/policy-profile.js';
import type { IndustryDemo } from '../../../kernel/round/procedure.js';
import { shoesCatalog } from './catalog.js';
import { HENGFENG_PARTIES } from './hengfeng-cast.js';
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

export const SHOES_DEMO: IndustryDemo = {
  catalog: shoesCatalog(),
  // The key the seed used for this catalog before shoes had a folder, so a demo database replays.
  catalogKey: 'demo-catalog-shoes-1',
  accountOf: SHOES_DEMO_ACCOUNT,
  actorOf: SHOES_SCRIPT_ACTORS,
  rounds: [round(2025, 'signature'), round(2026, 'firstSession')],
  surveys: [],
};
