import { kernelEventDefinitions, kernelViolations } from '../../kernel/round/kernel-events.js';
import type { IndustryDefinition } from '../../kernel/round/procedure.js';
import {
  WOOL_KNITWEAR_MACHINE_ID,
  WOOL_KNITWEAR_MACHINE_VERSION,
  woolKnitwearMachine,
} from './wool-knitwear.machine.js';
import { WOOL_KNITWEAR_EVENT_TEXTS, WOOL_KNITWEAR_STATE_TEXTS } from './wool-knitwear.texts.js';

// 羊毛衫: the Xinhe (Wenling) wool-knitwear procedure, everything the engine needs to run it.
export const WOOL_KNITWEAR: IndustryDefinition = {
  code: 'wool-knitwear',
  name: { zh: '羊毛衫', en: 'Wool knitwear' },
  versions: [
    {
      id: WOOL_KNITWEAR_MACHINE_ID,
      version: WOOL_KNITWEAR_MACHINE_VERSION,
      machine: woolKnitwearMachine,
      states: WOOL_KNITWEAR_STATE_TEXTS,
      events: kernelEventDefinitions(woolKnitwearMachine, WOOL_KNITWEAR_EVENT_TEXTS),
      violations: kernelViolations,
    },
  ],
  currentVersion: WOOL_KNITWEAR_MACHINE_VERSION,
  ownEventPayloads: {},
};
