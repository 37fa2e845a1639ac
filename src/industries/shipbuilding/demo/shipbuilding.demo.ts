import { ZHEJIANG_DEFAULT_POLICY } from '../../../kernel/policy/policy-profile.js';
import type { DemoRound, IndustryDemo } from '../../../kernel/round/procedure.js';
import { shipbuildingCatalog } from './catalog.js';
import {
  SHIPBUILDING_DEMO_ACCOUNT,
  SHIPBUILDING_SCRIPT_ACTORS,
  shipbuildingRoundScript,
} from './shipbuilding-round.script.js';
import { SHIPBUILDING_PARTIES } from './wenling-shipyards-cast.js';

// The shipbuilding demo as data: the trades catalog (as the seed had it), the 2025 round signed and
// the 2026 round in its second joint session, every step through the door. Illustrative throughout.

const round = (year: number, to: 'signature' | 'secondSession'): DemoRound => {
  const script = shipbuildingRoundScript(year);
  return {
    year,
    workerPartyId: SHIPBUILDING_PARTIES.shipbuildingUnion.id,
    employerPartyId: SHIPBUILDING_PARTIES.shipbuildingAssociation.id,
    title: `${year}年度温岭市船舶修造行业工资集体协商`,
    policyProfileId: ZHEJIANG_DEFAULT_POLICY.id,
    openedBy: SHIPBUILDING_DEMO_ACCOUNT.unionChair,
    keyPrefix: `demo-shipbuilding-${year}`,
    steps:
      to === 'signature'
        ? [...script.toSecondSession, ...script.toSignature]
        : script.toSecondSession,
  };
};

export const SHIPBUILDING_DEMO: IndustryDemo = {
  catalog: shipbuildingCatalog(),
  // The key the seed used for this catalog before it moved here: an existing demo replays it.
  catalogKey: 'demo-catalog-shipbuilding-1',
  accountOf: SHIPBUILDING_DEMO_ACCOUNT,
  actorOf: SHIPBUILDING_SCRIPT_ACTORS,
  rounds: [round(2025, 'signature'), round(2026, 'secondSession')],
  surveys: [],
};
