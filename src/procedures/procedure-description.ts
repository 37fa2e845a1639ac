import type { AnyStateNode } from 'xstate';
import type { Bilingual } from '../kernel/round/bilingual.js';
import type { MachineVersionDefinition } from '../kernel/round/procedure.js';
import { ROUND_EVENT_TYPES, type Capacity } from '../kernel/round/round.events.js';
import type { SideRule } from '../kernel/round/round.permissions.js';

// A machine version described for clients: its states and the events each accepts, what every event
// means, who may send it and the OpenAPI schema of its payload. Read from the definition and the
// permission table, never copied, so a console drawing forms and timelines from it cannot drift.

export interface AcceptedEvent {
  event: string;
  // Where the event may lead from here; the state's own id when it may be recorded without moving.
  targets: string[];
}

export interface ProcedureState {
  id: string;
  parent: string | null;
  initial: string | null;
  description: Bilingual;
  tags: string[];
  final: boolean;
  accepts: AcceptedEvent[];
}

// How a client sends an event: the schema of its payload in the OpenAPI description and the path.
export interface EventRequest {
  payloadSchema: string;
  path: string;
}

export interface ProcedureEvent extends EventRequest {
  type: string;
  description: Bilingual;
  senders: { capacities: Capacity[]; side: SideRule };
}

export interface Procedure {
  machineId: string;
  version: number;
  initial: string;
  states: ProcedureState[];
  events: ProcedureEvent[];
}

const stateId = (node: AnyStateNode) => node.path.join('.');

function walk(node: AnyStateNode, out: AnyStateNode[] = []): AnyStateNode[] {
  for (const child of Object.values(node.states) as AnyStateNode[]) {
    out.push(child);
    walk(child, out);
  }
  return out;
}

// The events a state accepts while active: its own and, where it does not handle them, its ancestors'.
function accepted(node: AnyStateNode): AcceptedEvent[] {
  const targets = new Map<string, Set<string>>();
  for (let at: AnyStateNode | undefined = node; at && at.parent; at = at.parent)
    for (const [event, transitions] of at.transitions) {
      if (targets.has(event) && at !== node) continue;
      const set = targets.get(event) ?? new Set<string>();
      for (const t of transitions)
        if (t.target?.length) t.target.forEach((n: AnyStateNode) => set.add(stateId(n)));
        else set.add(stateId(node));
      targets.set(event, set);
    }
  return order([...targets.keys()]).map((event) => ({
    event,
    targets: [...targets.get(event)!],
  }));
}

// The tags that hold while in this state: its own and its parents', as a snapshot's hasTag sees them.
function tagsIn(node: AnyStateNode): string[] {
  const tags = new Set<string>();
  for (let at: AnyStateNode | undefined = node; at?.parent; at = at.parent)
    at.tags.forEach((t: string) => tags.add(t));
  return [...tags].sort();
}

// The kernel's events in the order a round meets them, then an industry's own events by name.
const order = (types: string[]): string[] => [
  ...ROUND_EVENT_TYPES.filter((t) => types.includes(t)),
  ...types.filter((t) => !(ROUND_EVENT_TYPES as readonly string[]).includes(t)).sort(),
];

export function describeProcedure(
  def: MachineVersionDefinition,
  requestOf: (type: string) => EventRequest,
): Procedure {
  const nodes = walk(def.machine.root);
  const missing = nodes.map(stateId).filter((id) => !def.states[id]);
  if (missing.length)
    throw new Error(`${def.id}@${def.version}: no description for states ${missing.join(', ')}`);
  const states = nodes.map((node) => ({
    id: stateId(node),
    parent: node.parent?.parent ? stateId(node.parent) : null,
    initial: node.initial?.target?.[0] ? stateId(node.initial.target[0]) : null,
    description: def.states[stateId(node)],
    tags: tagsIn(node),
    final: node.type === 'final',
    accepts: accepted(node),
  }));
  const used = order([...new Set(states.flatMap((s) => s.accepts.map((a) => a.event)))]);
  return {
    machineId: def.id,
    version: def.version,
    initial: stateId(def.machine.root.initial.target[0]),
    states,
    events: used.map((type) => ({
      type,
      description: def.events[type].text,
      senders: {
        capacities: [...def.events[type].sender.capacities],
        side: def.events[type].sender.side,
      },
      ...requestOf(type),
    })),
  };
}
