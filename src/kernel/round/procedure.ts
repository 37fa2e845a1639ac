import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode } from 'xstate';
import type { CatalogDraft } from '../rates/catalog.rules.js';
import type { Bilingual } from './bilingual.js';
import { isRoundEventType, type ActorStamp } from './round.events.js';
import type { NegotiationActor, SendRule } from './round.permissions.js';
import type { Instant, RoundContext, Violation } from './round.types.js';

// What an industry plugs into the engine (ADR 0028). An industry composes the kernel's building
// blocks (events, rules, who-may-send, reducer) into machine versions and exports one definition; the
// engine reads only this shape, so adding an industry is adding a folder.

// An event as the machine receives it. The kernel's own events are typed in RoundPayloads; an
// industry's own events carry payloads the kernel does not know.
export interface ProcedureEvent {
  type: string;
  at: Instant;
  actor: ActorStamp;
  payload: unknown;
}

export interface EventDefinition {
  // Who may send it (domain.md §4), where a reviewer reads it beside the machine.
  sender: SendRule;
  // What it means, for clients and the console.
  text: Bilingual;
}

export interface MachineVersionDefinition {
  id: string;
  version: number;
  machine: AnyStateMachine;
  // Keyed by state id (the path joined with dots).
  states: Readonly<Record<string, Bilingual>>;
  // Every event the machine accepts in some state, and nothing else.
  events: Readonly<Record<string, EventDefinition>>;
  // The rules an event must satisfy in this version; the machine's guards call the same function.
  violations(ctx: RoundContext, event: ProcedureEvent): Violation[];
  // Issue 10: a draft covers the whole pinned table, or names the lines that keep last year's rate.
  // Off for versions released before (their rounds finish under the rules they opened with).
  wholeTableDrafts?: boolean;
  // What the version's own events keep in the context that readers of the round may see (e.g. shoes'
  // public hearing), shown as the round's industryRecord. Only what this returns is shown.
  record?(ctx: RoundContext): Record<string, unknown>;
  // ADR 0037: what this version's own events built in the round (a package, a survey's findings, an
  // agreement table that is not a piece-rate table), as plain JSON any party to the round may read at
  // GET /api/negotiations/{id}/terms, and the class that publishes its shape in the API description.
  // `describe` is pure, from the context alone; absent: the version keeps none. Whatever a side must
  // not see does not belong here.
  terms?: { describe(ctx: RoundContext): object; schema: new () => object };
  // ADR 0038: an own event's payload completed or checked against the pair's last signed round (its
  // terms as its own version describes them), before the rules decide. Pure; violations answer 422.
  prepareOwn?: Readonly<Record<string, OwnEventPreparer>>;
}

// The pair's last signed round of an earlier year, as the door reads it for an own event's preparer.
export interface PreviousSignedRound {
  negotiationId: string;
  year: number;
  machine: string;
  // What its version's `terms.describe` gives; null when that version keeps no terms.
  terms: object | null;
}

export type OwnEventPreparer = (
  payload: unknown,
  previous: PreviousSignedRound | null,
) => { payload: unknown; violations: Violation[] };

export interface IndustryDefinition {
  // The industry's code in the parties registry (industry.code).
  code: string;
  name: Bilingual;
  // Every released version stays listed while a round uses it (ADR 0004); never edited in place.
  versions: readonly MachineVersionDefinition[];
  // The version new rounds get.
  currentVersion: number;
  // Payload classes (validated at the door, published in the API description) of the events only this
  // industry has; the kernel's events have theirs in the engine.
  ownEventPayloads: Readonly<Record<string, new () => object>>;
  // Its demo data and round script, as plain data: the demo seed (src/seed/) is the one reader, and
  // drives the rounds through the same use cases a request reaches.
  demo?: IndustryDemo;
}

// A party and a person of an industry's demo, with fixed ids so seeding is repeatable.
export interface DemoParty {
  id: string;
  side: 'worker' | 'employer';
  kind: string;
  nameZh: string;
  nameEn: string;
  industryCode: string;
  regionCode: string;
}

export interface DemoPerson {
  id: string;
  fullName: string;
  phone: string;
  email: string;
  organisationPartyId: string | null;
  position: string;
}

// A catalog as the catalog API takes it (POST /catalogs).
type DemoGroup = { code: string; nameZh: string; nameEn?: string };
export interface DemoCatalog {
  industryCode: string;
  note: string;
  productTypes: DemoGroup[];
  sections: DemoGroup[];
  processes: { code: string; sectionCode: string; nameZh: string; nameEn?: string; unit: string }[];
  mappings: CatalogDraft['mappings'];
}

// One request of a demo round, with the role that sends it (the seed maps roles to demo accounts).
export interface DemoStep {
  as: string;
  type: string;
  payload: unknown;
}

export interface DemoRound {
  year: number;
  workerPartyId: string;
  employerPartyId: string;
  title: string;
  policyProfileId: string;
  // The demo account that opens it.
  openedBy: string;
  // Prefix of the fixed idempotency keys: seeding twice replays every step and changes nothing.
  keyPrefix: string;
  steps: DemoStep[];
}

export interface DemoSurvey {
  // The year of the demo round it belongs to, and who opens it (a demo account's username).
  roundYear: number;
  openedBy: string;
  openedOn: string;
  key: string;
  processCodes: string[];
  // Each answer: a demo account's username and its rates, in the order of processCodes.
  answers: { username: string; rates: string[] }[];
}

// An enterprise rate survey of a demo round (ADR 0036): who opens it, the items, each enterprise's type
// and figures (in the order of itemCodes, null where it gave none), and the close.
export interface DemoEnterpriseSurvey {
  roundYear: number;
  openedBy: string;
  openedOn: string;
  closedOn: string | null;
  key: string;
  itemKind: 'process' | 'trade';
  itemCodes: string[];
  enterprises: { name: string; enterpriseType: string; values: (string | null)[] }[];
}

export interface IndustryDemo {
  catalog: DemoCatalog;
  catalogKey: string;
  // The demo account that plays each role of the script.
  accountOf: Readonly<Record<string, string>>;
  // The same roles as the pure core sees them, for driving a machine without a database.
  actorOf: Readonly<
    Record<string, NegotiationActor & { accountId: string; personId: string | null }>
  >;
  rounds: DemoRound[];
  surveys: DemoSurvey[];
  enterpriseSurveys?: DemoEnterpriseSurvey[];
}

// A machine snapshot whose context is a round's (an industry may add fields of its own).
export type RoundSnapshot = Omit<AnyMachineSnapshot, 'context'> & { context: RoundContext };

function walk(node: AnyStateNode, out: AnyStateNode[] = []): AnyStateNode[] {
  for (const child of Object.values(node.states) as AnyStateNode[]) {
    out.push(child);
    walk(child, out);
  }
  return out;
}

export const stateIdOf = (node: AnyStateNode): string => node.path.join('.');

// Every state of a machine, depth first, as the texts and the procedure description key them.
export const statesOf = (machine: AnyStateMachine): AnyStateNode[] => walk(machine.root);

// The event types a machine accepts in any state.
export function eventTypesOf(machine: AnyStateMachine): string[] {
  const types = new Set<string>();
  for (const node of [machine.root, ...statesOf(machine)])
    for (const type of node.transitions.keys()) if (!type.startsWith('xstate.')) types.add(type);
  return [...types].sort();
}

// What a definition must hold together, checked when the registry is built (a broken definition
// stops the server at boot, not a round in the middle): every accepted event defined with a sender and
// both languages, every defined event accepted somewhere, every state described, the current version
// released, no version twice.
export function definitionProblems(def: IndustryDefinition): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const v of def.versions) {
    const at = `${def.code}: ${v.id}@${v.version}`;
    if (seen.has(`${v.id}@${v.version}`)) problems.push(`${at} is listed twice`);
    seen.add(`${v.id}@${v.version}`);
    const accepted = eventTypesOf(v.machine);
    for (const type of accepted) {
      const e = v.events[type];
      if (!e) problems.push(`${at} accepts ${type} but does not define it (sender and text)`);
      else if (!e.text.zh || !e.text.en)
        problems.push(`${at}: ${type} lacks a Chinese or English text`);
      if (!isRoundEventType(type) && !def.ownEventPayloads[type])
        problems.push(`${at}: its own event ${type} has no payload class in ownEventPayloads`);
    }
    for (const type of Object.keys(v.events))
      if (!accepted.includes(type)) problems.push(`${at} defines ${type} but no state accepts it`);
    for (const node of statesOf(v.machine)) {
      const text = v.states[stateIdOf(node)];
      if (!text?.zh || !text?.en)
        problems.push(`${at}: state ${stateIdOf(node)} lacks a Chinese or English description`);
    }
  }
  if (!def.versions.some((v) => v.version === def.currentVersion))
    problems.push(`${def.code}: current version ${def.currentVersion} is not released`);
  return problems;
}
