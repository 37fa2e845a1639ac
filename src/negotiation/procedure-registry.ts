import { DomainError } from '../common/domain-error.js';
import {
  definitionProblems,
  type IndustryDefinition,
  type MachineVersionDefinition,
  type RoundSnapshot,
} from '../kernel/round/procedure.js';
import type { RoundContext } from '../kernel/round/round.types.js';
import { upcastPeople } from '../kernel/round/round.upcast.js';
import type { StateValue } from 'xstate';

// Nest token for the industries the engine serves: src/industries/index.ts in production; a test may
// add an industry of its own without touching an engine file (ADR 0028).
export const INDUSTRIES = Symbol('INDUSTRIES');

// What a negotiation row stores of its machine: enough to restore it, nothing XState-internal.
export interface PersistedRound {
  value: StateValue;
  context: RoundContext;
}

// Every released machine version of every industry, looked up by the id and version a round stores
// (ADR 0004). Built once at boot; a definition that does not hold together stops the server there.
export class ProcedureRegistry {
  private readonly byIndustry = new Map<string, IndustryDefinition>();
  private readonly byMachine = new Map<string, MachineVersionDefinition>();

  constructor(industries: readonly IndustryDefinition[]) {
    const problems = industries.flatMap(definitionProblems);
    for (const def of industries) {
      if (this.byIndustry.has(def.code)) problems.push(`industry ${def.code} is registered twice`);
      this.byIndustry.set(def.code, def);
      for (const v of def.versions) {
        const key = `${v.id}@${v.version}`;
        const holder = this.byMachine.get(key);
        if (holder && holder !== v) problems.push(`machine ${key} is defined by two industries`);
        this.byMachine.set(key, v);
      }
    }
    if (problems.length > 0)
      throw new Error(`industry definitions do not hold together:\n- ${problems.join('\n- ')}`);
  }

  get industries(): IndustryDefinition[] {
    return [...this.byIndustry.values()];
  }

  industry(code: string): IndustryDefinition | null {
    return this.byIndustry.get(code) ?? null;
  }

  currentFor(industryCode: string): MachineVersionDefinition | null {
    const def = this.byIndustry.get(industryCode);
    return def ? (def.versions.find((v) => v.version === def.currentVersion) ?? null) : null;
  }

  // The released versions of an industry's procedure, oldest first.
  versionsFor(industryCode: string): MachineVersionDefinition[] {
    const def = this.byIndustry.get(industryCode);
    return def ? [...def.versions].sort((a, b) => a.version - b.version) : [];
  }

  get(id: string, version: number): MachineVersionDefinition {
    const def = this.byMachine.get(`${id}@${version}`);
    if (!def)
      throw new DomainError(
        'MACHINE_VERSION_UNKNOWN',
        `machine ${id}@${version} is not in the registry`,
        { id, version },
      );
    return def;
  }

  persist(snapshot: RoundSnapshot): PersistedRound {
    return { value: snapshot.value, context: snapshot.context };
  }

  // resolveState throws on a state the machine does not have; we turn that into a loud, coded error
  // instead of letting an actor sit silently in an error status (shared/stack.md). Contexts stored
  // before ADR 0025 are upcast first (member handles become person-id fields).
  restore(
    def: MachineVersionDefinition,
    persisted: PersistedRound,
    negotiationId: string,
  ): RoundSnapshot {
    try {
      return def.machine.resolveState({
        value: persisted.value,
        context: upcastPeople(persisted.context),
      }) as RoundSnapshot;
    } catch (cause) {
      throw new DomainError(
        'SNAPSHOT_UNRESTORABLE',
        `negotiation ${negotiationId} has a snapshot that ${def.id}@${def.version} cannot restore; it was not changed`,
        { negotiationId, machine: `${def.id}@${def.version}`, cause: String(cause) },
      );
    }
  }
}
