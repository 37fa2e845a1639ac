import { kernelEventDefinitions, kernelViolations } from '../../kernel/round/kernel-events.js';
import type { IndustryDefinition } from '../../kernel/round/procedure.js';
import { isRoundEventType, type RoundEvent } from '../../kernel/round/round.events.js';
import {
  WOOL_KNITWEAR_MACHINE_ID,
  WOOL_KNITWEAR_MACHINE_VERSION,
  woolKnitwearMachine,
} from './wool-knitwear.machine.js';
import { WOOL_KNITWEAR_STATE_TEXTS } from './wool-knitwear.texts.js';
import {
  WOOL_KNITWEAR_V2_MACHINE_VERSION,
  woolKnitwearV2Machine,
} from './wool-knitwear.v2.machine.js';
import { woolKnitwearV2Violations } from './wool-knitwear.v2.rules.js';
import { WOOL_KNITWEAR_DEMO } from './demo/wool-knitwear.demo.js';

// 羊毛衫: the Xinhe (Wenling) wool-knitwear procedure, everything the engine needs to run it.
// v2 (ADR 0030) is released beside v1: rounds opened on v1 finish on v1, new rounds get v2.
export const WOOL_KNITWEAR: IndustryDefinition = {
  code: 'wool-knitwear',
  name: { zh: '羊毛衫', en: 'Wool knitwear' },
  versions: [
    {
      id: WOOL_KNITWEAR_MACHINE_ID,
      version: WOOL_KNITWEAR_MACHINE_VERSION,
      machine: woolKnitwearMachine,
      states: WOOL_KNITWEAR_STATE_TEXTS,
      events: kernelEventDefinitions(woolKnitwearMachine),
      violations: kernelViolations,
    },
    {
      id: WOOL_KNITWEAR_MACHINE_ID,
      version: WOOL_KNITWEAR_V2_MACHINE_VERSION,
      machine: woolKnitwearV2Machine,
      // The states are v1's; the texts of the events v2 adds are in the same table.
      states: WOOL_KNITWEAR_STATE_TEXTS,
      events: kernelEventDefinitions(woolKnitwearV2Machine),
      violations: (ctx, event) =>
        isRoundEventType(event.type) ? woolKnitwearV2Violations(ctx, event as RoundEvent) : [],
      // Issue 10 (ADR 0031): from v2 on, a draft covers the whole pinned table.
      wholeTableDrafts: true,
    },
  ],
  currentVersion: WOOL_KNITWEAR_V2_MACHINE_VERSION,
  ownEventPayloads: {},
  demo: WOOL_KNITWEAR_DEMO,
};
