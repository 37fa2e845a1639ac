import type { AnyStateMachine } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { stateName } from '../../src/kernel/round/decide-event.js';
import type { ProcedureEvent, RoundSnapshot } from '../../src/kernel/round/procedure.js';

// The graph walk every machine spec runs: from a freshly opened round, try every step in every state
// the walk reaches (through the door's own decision, so a step the rules refuse is no edge), and
// report which states were reached and which exist. `progress` says what decides the events possible
// next: snapshots that agree on it are one node, which keeps the walk to a few hundred nodes.
export function walkMachine<Step>(
  machine: AnyStateMachine,
  walk: {
    opened: RoundSnapshot;
    steps: readonly Step[];
    // The event the door would record for this step in this snapshot; throws when it would refuse.
    decide: (snapshot: RoundSnapshot, step: Step) => ProcedureEvent;
    progress: (snapshot: RoundSnapshot) => unknown[];
    // Where to stop a path; by default after two sessions or two ballots, which is enough to reach
    // every state of the machines so far.
    stopWhen?: (snapshot: RoundSnapshot) => boolean;
  },
): { reached: Set<string>; states: string[] } {
  const edges = (s: RoundSnapshot) =>
    walk.steps.flatMap((step) => {
      try {
        return [walk.decide(s, step)];
      } catch {
        return [];
      }
    });
  const stop =
    walk.stopWhen ??
    ((s: RoundSnapshot) => s.context.sessions.length > 2 || s.context.ballots.length > 2);
  const paths = getShortestPaths(machine, {
    input: walk.opened.context,
    events: (s) => edges(s as RoundSnapshot),
    serializeState: (s) => JSON.stringify(walk.progress(s as RoundSnapshot)),
    stopWhen: (s) => stop(s as RoundSnapshot),
  });
  return {
    reached: new Set(paths.map((p) => stateName(p.state.value))),
    states: machineStates(machine),
  };
}

// Every leaf state of a machine, by its dotted id, sorted.
export const machineStates = (machine: AnyStateMachine): string[] =>
  leafStates(machine.root as unknown as StateNode).sort();

interface StateNode {
  states: Record<string, StateNode>;
  path: string[];
}
const leafStates = (node: StateNode): string[] => {
  const kids = Object.values(node.states);
  return kids.length === 0 ? [node.path.join('.')] : kids.flatMap(leafStates);
};

// What decides the kernel's own next events: every spec's progress starts with these.
export const kernelProgress = (s: RoundSnapshot): unknown[] => {
  const c = s.context;
  const last = c.sessions.at(-1);
  return [
    stateName(s.value),
    c.delegations.worker.length + c.delegations.employer.length,
    c.recorder !== null,
    c.agenda.length > 0,
    c.sessions.length,
    last
      ? [
          last.offers.length > 0,
          last.minutes !== null,
          last.closedAt !== null,
          last.minutesSignedBy.length,
        ]
      : null,
    c.draft?.signedBy.length ?? -1,
    c.ballots.at(-1)?.outcome ?? null,
    c.agreement ? Object.keys(c.agreement.signatures).length : -1,
    c.coordinationAgreements.length > 0,
  ];
};
