import type { StateValue } from 'xstate';
import { DomainError } from '../common/domain-error.js';
import { upcastPeople } from '../kernel/round/round.upcast.js';
import {
  WOOL_KNITWEAR_MACHINE_ID,
  WOOL_KNITWEAR_MACHINE_VERSION,
  woolKnitwearMachine,
} from '../industries/wool-knitwear/wool-knitwear.machine.js';
import {
  WOOL_KNITWEAR_V2_MACHINE_VERSION,
  woolKnitwearV2Machine,
} from '../industries/wool-knitwear/wool-knitwear.v2.machine.js';
import type { Bilingual } from '../kernel/round/bilingual.js';
import {
  WOOL_KNITWEAR_EVENT_TEXTS,
  WOOL_KNITWEAR_STATE_TEXTS,
} from '../industries/wool-knitwear/wool-knitwear.texts.js';
import type { RoundEventType } from '../kernel/round/round.events.js';

export type RoundMachine = typeof woolKnitwearMachine;
export type RoundSnapshot = ReturnType<RoundMachine['resolveState']>;

export interface MachineDefinition {
  id: string;
  version: number;
  machine: RoundMachine;
  // What its states (keyed by state id) and events mean, for clients (GET /industries/:code/procedure).
  texts: { states: Readonly<Record<string, Bilingual>>; events: Record<RoundEventType, Bilingual> };
}

// What a negotiation row stores of its machine: enough to restore it, nothing XState-internal.
export interface PersistedRound {
  value: StateValue;
  context: RoundSnapshot['context'];
}

// Every released version stays here while any negotiation uses it (ADR 0004). A new version is added
// beside the old one, never edited in place; `currentFor` decides what new rounds get.
const RELEASED: readonly MachineDefinition[] = [
  {
    id: WOOL_KNITWEAR_MACHINE_ID,
    version: WOOL_KNITWEAR_MACHINE_VERSION,
    machine: woolKnitwearMachine,
    texts: { states: WOOL_KNITWEAR_STATE_TEXTS, events: WOOL_KNITWEAR_EVENT_TEXTS },
  },
  // ADR 0030: v2 beside v1; its guards apply woolKnitwearV2Violations (v1's states and events, plus
  // the recorder replacement and minutes.amended), so its snapshots restore with the same shape.
  {
    id: WOOL_KNITWEAR_MACHINE_ID,
    version: WOOL_KNITWEAR_V2_MACHINE_VERSION,
    machine: woolKnitwearV2Machine as unknown as RoundMachine,
    texts: { states: WOOL_KNITWEAR_STATE_TEXTS, events: WOOL_KNITWEAR_EVENT_TEXTS },
  },
];

const CURRENT_BY_INDUSTRY: Record<string, { id: string; version: number }> = {
  'wool-knitwear': { id: WOOL_KNITWEAR_MACHINE_ID, version: WOOL_KNITWEAR_V2_MACHINE_VERSION },
};

export const machineRegistry = {
  released: RELEASED,

  currentFor(industryCode: string): MachineDefinition | null {
    const ref = CURRENT_BY_INDUSTRY[industryCode];
    return ref ? this.get(ref.id, ref.version) : null;
  },

  // The released versions of the machine an industry's new rounds get, oldest first.
  versionsFor(industryCode: string): MachineDefinition[] {
    const ref = CURRENT_BY_INDUSTRY[industryCode];
    return ref ? RELEASED.filter((d) => d.id === ref.id).sort((a, b) => a.version - b.version) : [];
  },

  get(id: string, version: number): MachineDefinition {
    const def = RELEASED.find((d) => d.id === id && d.version === version);
    if (!def)
      throw new DomainError(
        'MACHINE_VERSION_UNKNOWN',
        `machine ${id}@${version} is not in the registry`,
        { id, version },
      );
    return def;
  },

  persist(snapshot: RoundSnapshot): PersistedRound {
    return { value: snapshot.value, context: snapshot.context };
  },

  // resolveState throws on a state the machine does not have; we turn that into a loud, coded error
  // instead of letting an actor sit silently in an error status (shared/stack.md). Contexts stored
  // before ADR 0025 are upcast first (member handles become person-id fields).
  restore(def: MachineDefinition, persisted: PersistedRound, negotiationId: string): RoundSnapshot {
    try {
      return def.machine.resolveState({
        value: persisted.value,
        context: upcastPeople(persisted.context),
      });
    } catch (cause) {
      throw new DomainError(
        'SNAPSHOT_UNRESTORABLE',
        `negotiation ${negotiationId} has a snapshot that ${def.id}@${def.version} cannot restore; it was not changed`,
        { negotiationId, machine: `${def.id}@${def.version}`, cause: String(cause) },
      );
    }
  },
};

export function stateName(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0];
  return child === undefined ? key : `${key}.${stateName(child as StateValue)}`;
}
