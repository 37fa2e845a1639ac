import { describe, expect, it } from '@jest/globals';
import type { AnyStateNode } from 'xstate';
import { machineRegistry } from '../negotiation/machine-registry.js';
import { ROUND_EVENT_TYPES, type RoundEventType } from '../kernel/round/round.events.js';
import { WHO_MAY_SEND } from '../kernel/round/round.permissions.js';
import { describeProcedure, type EventRequest } from './procedure-description.js';

const requests = Object.fromEntries(
  ROUND_EVENT_TYPES.map((t) => [t, { payloadSchema: `Schema:${t}`, path: `/path/${t}` }]),
) as Record<RoundEventType, EventRequest>;

function walk(node: AnyStateNode, out: AnyStateNode[] = []): AnyStateNode[] {
  for (const child of Object.values(node.states) as AnyStateNode[]) {
    out.push(child);
    walk(child, out);
  }
  return out;
}

describe.each(machineRegistry.released.map((d) => [`${d.id}@${d.version}`, d] as const))(
  'the procedure of %s',
  (_name, def) => {
    const procedure = describeProcedure(def, WHO_MAY_SEND, requests);
    const nodes = walk(def.machine.root);
    const state = (id: string) => procedure.states.find((s) => s.id === id)!;

    it('describes every state of the machine in Chinese and English, and no state it lacks', () => {
      const ids = nodes.map((n) => n.path.join('.'));
      expect(procedure.states.map((s) => s.id)).toEqual(ids);
      expect(Object.keys(def.texts.states).sort()).toEqual([...ids].sort());
      for (const id of ids) {
        expect({ id, zh: def.texts.states[id].zh.trim().length > 0 }).toEqual({ id, zh: true });
        expect({ id, en: def.texts.states[id].en.trim().length > 0 }).toEqual({ id, en: true });
      }
    });

    it('describes every event type in both languages and lists each one some state accepts', () => {
      // A version lists the events its states accept: the current one every kernel event; an older one
      // not those added after it (v1 lacks the recorder replacement and minutes.amended, ADR 0030).
      const acceptedSomewhere = new Set(nodes.flatMap((n) => [...n.transitions.keys()]));
      expect(procedure.events.map((e) => e.type).sort()).toEqual(
        ROUND_EVENT_TYPES.filter((t) => acceptedSomewhere.has(t)).sort(),
      );
      if (def === machineRegistry.currentFor('wool-knitwear'))
        expect(procedure.events.map((e) => e.type).sort()).toEqual([...ROUND_EVENT_TYPES].sort());
      for (const e of procedure.events) {
        expect(e.description.zh.trim()).not.toBe('');
        expect(e.description.en.trim()).not.toBe('');
      }
    });

    it('says who may send each event exactly as the permission table does', () => {
      for (const e of procedure.events)
        expect({ type: e.type, ...e.senders }).toEqual({
          type: e.type,
          capacities: [...WHO_MAY_SEND[e.type].capacities],
          side: WHO_MAY_SEND[e.type].side,
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
  const procedure = describeProcedure(def, WHO_MAY_SEND, requests);
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
