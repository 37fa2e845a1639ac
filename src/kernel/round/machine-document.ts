import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { IndustryDefinition, MachineVersionDefinition } from './procedure.js';

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

const sender = (def: MachineVersionDefinition, type: string): string => {
  const rule = def.events[type]?.sender;
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

export function stateTable(def: MachineVersionDefinition): string {
  const rows = walk(def.machine.root).map((node) => {
    const events = [...node.transitions.keys()].sort();
    const text = def.states[node.path.join('.')];
    const accepts = events.map((e) => `\`${e}\` — ${sender(def, e)}`).join('<br>') || '—';
    return `| \`${node.path.join('.')}\` | ${node.tags.join(', ')} | ${text?.en ?? ''}<br>${text?.zh ?? ''} | ${accepts} |`;
  });
  return ['| state | tags | meaning | accepts (sent by) |', '|---|---|---|---|', ...rows].join(
    '\n',
  );
}

export const GENERATED_START = '<!-- generated:start (npm run docs:diagram) -->';
export const GENERATED_END = '<!-- generated:end -->';

// One diagram and one state table per released version, newest first: rounds opened on an older
// version finish on it, so its document stays.
export function generatedSection(industry: IndustryDefinition): string {
  const versions = [...industry.versions].sort((a, b) => b.version - a.version);
  return [
    GENERATED_START,
    ...versions.flatMap((def) => [
      '',
      `### \`${def.id}\` version ${def.version}${def.version === industry.currentVersion ? ' (new rounds)' : ''}`,
      '',
      '```mermaid',
      mermaidDiagram(def.machine),
      '```',
      '',
      stateTable(def),
    ]),
    '',
    GENERATED_END,
  ].join('\n');
}

export function replaceGenerated(document: string, industry: IndustryDefinition): string {
  const start = document.indexOf(GENERATED_START);
  const end = document.indexOf(GENERATED_END);
  if (start < 0 || end < 0) return `${document.trimEnd()}\n\n${generatedSection(industry)}\n`;
  return (
    document.slice(0, start) +
    generatedSection(industry) +
    document.slice(end + GENERATED_END.length)
  );
}
