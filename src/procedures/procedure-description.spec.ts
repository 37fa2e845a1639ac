import { describe, expect, it } from '@jest/globals';
import type { AnyStateNode } from 'xstate';
import { INDUSTRY_DEFINITIONS } from '../industries/index.js';
import { eventTypesOf } from '../kernel/round/procedure.js';
import { isRoundEventType, type RoundEventType } from '../kernel/round/round.events.js';
import { WHO_MAY_SEND } from '../kernel/round/round.permissions.js';
import { ProcedureRegistry } from '../negotiation/procedure-registry.js';
import { describeProcedure, type EventRequest } from './procedure-description.js';

const machineRegistry = new ProcedureRegistry(INDUSTRY_DEFINITIONS);
const released = INDUSTRY_DEFINITIONS.flatMap((d) => d.versions);
const requests = (t: string): EventRequest => ({
  payloadSchema: `Schema:${t}`,
  path: `/path/${t}`,
});

function walk(node: AnyStateNode, out: AnyStateNode[] = []): AnyStateNode[] {
  for (const child of Object.values(node.states) as AnyStateNode[]) {
    out.push(child);
    walk(child, out);
  }
  return out;
}

describe.each(released.map((d) => [`${d.id}@${d.version}`, d] as const))(
  'the procedure of %s',
  (_name, def) => {
    const procedure = describeProcedure(def, requests);
    const nodes = walk(def.machine.root);
    const state = (id: string) => procedure.states.find((s) => s.id === id)!;

    it('describes every state of the machine in Chinese and English, and no state it lacks', () => {
      const ids = nodes.map((n) => n.path.join('.'));
      expect(procedure.states.map((s) => s.id)).toEqual(ids);
      expect(Object.keys(def.states).sort()).toEqual([...ids].sort());
      for (const id of ids) {
        expect({ id, zh: def.states[id].zh.trim().length > 0 }).toEqual({ id, zh: true });
        expect({ id, en: def.states[id].en.trim().length > 0 }).toEqual({ id, en: true });
      }
    });

    it('describes every event type in both languages and lists each one some state accepts', () => {
      expect(procedure.events.map((e) => e.type).sort()).toEqual(eventTypesOf(def.machine));
      for (const e of procedure.events) {
        expect(e.description.zh.trim()).not.toBe('');
        expect(e.description.en.trim()).not.toBe('');
      }
    });

    it('says who may send each kernel event as the kernel’s permission table does', () => {
      // Knitwear overrides no sender, so its description must match the table a reviewer reads.
      for (const e of procedure.events.filter((x) => isRoundEventType(x.type)))
        expect({ type: e.type, ...e.senders }).toEqual({
          type: e.type,
          capacities: [...WHO_MAY_SEND[e.type as RoundEventType].capacities],
          side: WHO_MAY_SEND[e.type as RoundEventType].side,
        });
    });

    it('names the payload schema and path the shell gives for each event', () => {
      for (const e of procedure.events)
        expect(e).toMatchObject({ payloadSchema: `Schema:${e.type}`, path: `/path/${e.type}` });
    });

    it('lists for each state the events its node and its parents handle, with their targets', () => {
      for (const node of nodes) {
        const handled = new Set<string>();
        for (let at: AnyStateNode | undefined = node; at?.parent; at = at.parent)
          for (const event of at.transitions.keys()) handled.add(event);
        expect(
          state(node.path.join('.'))
            .accepts.map((a) => a.event)
            .sort(),
        ).toEqual([...handled].sort());
      }
    });
  },
);

describe('the wool-knitwear procedure (version 1)', () => {
  const def = machineRegistry.get('wool-knitwear', 1);
  const procedure = describeProcedure(def, requests);
  const state = (id: string) => procedure.states.find((s) => s.id === id)!;
  const targets = (id: string, event: string) =>
    state(id).accepts.find((a) => a.event === event)?.targets;

  it('starts in opened and ends in the final declined and abandoned states', () => {
    expect(procedure.initial).toBe('opened');
    expect(procedure.states.filter((s) => s.final).map((s) => s.id)).toEqual([
      'declined',
      'abandoned',
    ]);
    expect(state('signed')).toMatchObject({ final: false, tags: ['agreed'], accepts: [] });
  });

  it('gives nested states their parent and compound states their first child', () => {
    expect(state('negotiating')).toMatchObject({
      parent: null,
      initial: 'negotiating.betweenSessions',
    });
    expect(state('negotiating.inSession')).toMatchObject({
      parent: 'negotiating',
      initial: null,
      tags: ['atTable', 'open'],
    });
    expect(state('negotiating.inSession').description.zh).toContain('协商会议进行中');
  });

  it('shows where an event may lead, the state itself where it is recorded in place', () => {
    expect(targets('preparing', 'session.opened')).toEqual(['negotiating.inSession']);
    expect(targets('negotiating.inSession', 'offer.tabled')).toEqual(['negotiating.inSession']);
    expect(targets('draftAgreed', 'draft.signed')).toEqual(['awaitingRatification', 'draftAgreed']);
    // Inherited from the parent: a withdrawal mid-session leaves the session open.
    expect(targets('negotiating.inSession', 'delegate.withdrawn')).toEqual([
      'negotiating.inSession',
    ]);
    expect(targets('negotiating.inSession', 'round.abandoned')).toEqual(['abandoned']);
    expect(targets('opened', 'offer.tabled')).toBeUndefined();
  });
});
