import { kernelEventDefinitions } from '../../kernel/round/kernel-events.js';
import type { EventDefinition, IndustryDefinition } from '../../kernel/round/procedure.js';
import type { SendRule } from '../../kernel/round/round.permissions.js';
import { SHIPBUILDING_DEMO } from './demo/shipbuilding.demo.js';
import { SHIPBUILDING_PAYLOADS } from './shipbuilding.events.js';
import {
  SHIPBUILDING_MACHINE_ID,
  SHIPBUILDING_MACHINE_VERSION,
  shipbuildingMachine,
} from './shipbuilding.machine.js';
import {
  recordOf,
  statutoryMinimumOf,
  type ShipbuildingContext,
  type ShipbuildingEventType,
} from './shipbuilding.package.js';
import { prepareWageSurvey } from './shipbuilding.previous.js';
import { shipbuildingViolations } from './shipbuilding.rules.js';
import { ShipbuildingTerms } from './shipbuilding.terms.js';
import {
  SHIPBUILDING_KERNEL_EVENT_TEXTS,
  SHIPBUILDING_OWN_EVENT_TEXTS,
  SHIPBUILDING_STATE_TEXTS,
} from './shipbuilding.texts.js';

// Who may send the package's own events (domain.md §4): the union runs the survey; either chief
// tables, counters, agrees and withdraws for their own side (the rules say which side may do what to
// a given clause) and agrees the draft, as a draft is agreed in the kernel.
const chief = (side: SendRule['side']): SendRule => ({ capacities: ['chief'], side });
const OWN_SENDERS: Record<ShipbuildingEventType, SendRule> = {
  'wageSurvey.tabled': chief('worker'),
  'package.tabled': chief('own'),
  'clause.agreed': chief('own'),
  'clause.withdrawn': chief('own'),
  'package.draftAgreed': chief('own'),
};

const ownEvents = Object.fromEntries(
  (Object.keys(OWN_SENDERS) as ShipbuildingEventType[]).map((type) => [
    type,
    { sender: OWN_SENDERS[type], text: SHIPBUILDING_OWN_EVENT_TEXTS[type] },
  ]),
) as Record<ShipbuildingEventType, EventDefinition>;

// What the package's events built, for GET /api/negotiations/{id}/terms (ADR 0037). The survey holds
// aggregates per trade only (how many enterprises and workers, no enterprise named), so both sides
// read all of it.
export function shipbuildingTerms(ctx: ShipbuildingContext) {
  const record = recordOf(ctx);
  const statutory = statutoryMinimumOf(ctx);
  return {
    kind: 'shipbuilding.package',
    statutoryMinimum: {
      monthlyYuan: statutory,
      policyProfileId: ctx.policy.id,
      checked: statutory !== null,
    },
    survey: record.survey,
    positions: record.positions,
    clauses: record.clauses,
    agreement: ctx.draft ? record.agreement : null,
  };
}

// 船舶修造: the Wenling ship repair and building round (issue 12); trades and rates are illustrative.
export const SHIPBUILDING: IndustryDefinition = {
  code: 'shipbuilding',
  name: { zh: '船舶修造', en: 'Ship repair and building' },
  versions: [
    {
      id: SHIPBUILDING_MACHINE_ID,
      version: SHIPBUILDING_MACHINE_VERSION,
      machine: shipbuildingMachine,
      states: SHIPBUILDING_STATE_TEXTS,
      events: {
        ...kernelEventDefinitions(shipbuildingMachine, SHIPBUILDING_KERNEL_EVENT_TEXTS),
        ...ownEvents,
      },
      violations: shipbuildingViolations,
      terms: { describe: shipbuildingTerms, schema: ShipbuildingTerms },
      prepareOwn: { 'wageSurvey.tabled': prepareWageSurvey },
    },
  ],
  currentVersion: SHIPBUILDING_MACHINE_VERSION,
  ownEventPayloads: SHIPBUILDING_PAYLOADS,
  demo: SHIPBUILDING_DEMO,
};
