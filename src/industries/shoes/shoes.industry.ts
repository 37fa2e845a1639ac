import type { EventDefinition, IndustryDefinition } from '../../kernel/round/procedure.js';
import { kernelEventDefinitions } from '../../kernel/round/kernel-events.js';
import type { SendRule } from '../../kernel/round/round.permissions.js';
import { SHOES_DEMO } from './demo/shoes.demo.js';
import { SHOES_EVENT_PAYLOADS, type ShoesEventType } from './shoes.events.js';
import { SHOES_MACHINE_ID, SHOES_MACHINE_VERSION, shoesMachine } from './shoes.machine.js';
import { shoesViolations, type ShoesContext } from './shoes.rules.js';
import {
  SHOES_KERNEL_EVENT_TEXTS,
  SHOES_OWN_EVENT_TEXTS,
  SHOES_STATE_TEXTS,
} from './shoes.texts.js';

// Who may send the procedure's own events (domain.md §4): the union chair states the band and
// schedules the hearing; the neutral recorder keeps the hearing's record; each chief signs its minutes.
const OWN_SENDERS: Record<ShoesEventType, SendRule> = {
  'increaseBand.stated': { capacities: ['chief'], side: 'worker' },
  'hearing.scheduled': { capacities: ['chief'], side: 'worker' },
  'hearing.attendanceRecorded': { capacities: ['recorder'], side: 'none' },
  'hearing.opinionRecorded': { capacities: ['recorder'], side: 'none' },
  'hearing.minutesRecorded': { capacities: ['recorder'], side: 'none' },
  'hearing.minutesSigned': { capacities: ['chief'], side: 'own' },
};

const ownEvents: Record<string, EventDefinition> = Object.fromEntries(
  (Object.keys(OWN_SENDERS) as ShoesEventType[]).map((type) => [
    type,
    { sender: OWN_SENDERS[type], text: SHOES_OWN_EVENT_TEXTS[type] },
  ]),
);

// 制鞋: the Hengfeng (Wenling) shoe procedure, machine v1 (docs/industries/shoes.md).
export const SHOES: IndustryDefinition = {
  code: 'shoes',
  name: { zh: '制鞋', en: 'Shoes' },
  versions: [
    {
      id: SHOES_MACHINE_ID,
      version: SHOES_MACHINE_VERSION,
      machine: shoesMachine,
      states: SHOES_STATE_TEXTS,
      events: {
        ...kernelEventDefinitions(shoesMachine, SHOES_KERNEL_EVENT_TEXTS),
        ...ownEvents,
      },
      violations: shoesViolations,
      // The public hearing, as every reader of the round sees it (its record is not confidential).
      record: (ctx) => ({ hearing: (ctx as ShoesContext).hearing ?? null }),
      // The agreement covers the whole 234-process table, or names the lines kept (ADR 0031).
      wholeTableDrafts: true,
    },
  ],
  currentVersion: SHOES_MACHINE_VERSION,
  ownEventPayloads: SHOES_EVENT_PAYLOADS,
  demo: SHOES_DEMO,
};
