import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { WHO_MAY_SEND } from './round.permissions.js';
import type { RoundEventType } from './round.events.js';

// Renders a machine definition as documentation: a Mermaid state diagram and a table of every state
// with the events it accepts and who may send them. Generated from the definition, so it cannot drift
// (a unit test compares it with the committed document).

const idOf = (node: AnyStateNode) => node.path.join('_') || 'root';

function walk(node: AnyStateNode, out: AnyStateNode[] = []): AnyStateNode[] {
  for (const child of Object.values(node.states) as AnyStateNode[]) {
    out.push(child);
    walk(child, out);
  }
  return out;
}

const sender = (type: string): string => {
  const rule = WHO_MAY_SEND[type as RoundEventType];
  if (!rule) return '';
  const who = rule.capacities.join(' / ');
  return rule.side === 'none' ? who : `${who} (${rule.side} side)`;
};

export function mermaidDiagram(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  const render = (node: AnyStateNode, indent: string) => {
    const kids = Object.values(node.states) as AnyStateNode[];
    if (node !== machine.root && kids.length > 0) lines.push(`${indent}state ${idOf(node)} {`);
    const inner = node === machine.root ? indent : `${indent}  `;
    if (kids.length > 0 && node.initial?.target?.[0])
      lines.push(`${inner}[*] --> ${idOf(node.initial.target[0])}`);
    for (const kid of kids) {
      if (Object.keys(kid.states).length > 0) render(kid, inner);
      else if (node !== machine.root) lines.push(`${inner}state "${kid.key}" as ${idOf(kid)}`);
      if (kid.type === 'final') lines.push(`${inner}${idOf(kid)} --> [*]`);
    }
    if (node !== machine.root && kids.length > 0) lines.push(`${indent}}`);
  };
  render(machine.root, '  ');
  const edges = new Set<string>();
  for (const node of walk(machine.root))
    for (const [event, transitions] of node.transitions)
      for (const t of transitions)
        for (const target of t.target ?? [])
          edges.add(`  ${idOf(node)} --> ${idOf(target)} : ${event}`);
  return [...lines, ...[...edges].sort()].join('\n');
}

export function stateTable(machine: AnyStateMachine): string {
  const rows = walk(machine.root).map((node) => {
    const events = [...node.transitions.keys()].sort();
    const zh = (node.meta as { zh?: string } | undefined)?.zh ?? '';
    const accepts = events.map((e) => `\`${e}\` — ${sender(e)}`).join('<br>') || '—';
    return `| \`${node.path.join('.')}\` | ${node.tags.join(', ')} | ${node.description ?? ''}<br>${zh} | ${accepts} |`;
  });
  return ['| state | tags | meaning | accepts (sent by) |', '|---|---|---|---|', ...rows].join(
    '\n',
  );
}

export const GENERATED_START = '<!-- generated:start (npm run docs:diagram) -->';
export const GENERATED_END = '<!-- generated:end -->';

// A document may carry one generated section per machine version: the first (unlabelled) one keeps the
// markers above; each later one is labelled with its version ("v2").
const markers = (label?: string) =>
  label
    ? [
        `<!-- generated:${label}:start (npm run docs:diagram) -->`,
        `<!-- generated:${label}:end -->`,
      ]
    : [GENERATED_START, GENERATED_END];

export function generatedSection(machine: AnyStateMachine, label?: string): string {
  const [start, end] = markers(label);
  return [
    start,
    '',
    '```mermaid',
    mermaidDiagram(machine),
    '```',
    '',
    stateTable(machine),
    '',
    end,
  ].join('\n');
}

export function replaceGenerated(
  document: string,
  machine: AnyStateMachine,
  label?: string,
): string {
  const [startMarker, endMarker] = markers(label);
  const start = document.indexOf(startMarker);
  const end = document.indexOf(endMarker);
  if (start < 0 || end < 0) return `${document.trimEnd()}\n\n${generatedSection(machine, label)}\n`;
  return (
    document.slice(0, start) +
    generatedSection(machine, label) +
    document.slice(end + endMarker.length)
  );
}
