import { standaloneRequest } from '../kernel/round/offer-table.js';
import type { ClientRequest } from '../kernel/round/round.events.js';
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '../common/limits.js';
import { decideRequest, stateName } from '../kernel/round/decide-event.js';
import { INDUSTRY_DEFINITIONS } from '../industries/index.js';
import { ProcedureRegistry, type PersistedRound } from './procedure-registry.js';

const machineRegistry = new ProcedureRegistry(INDUSTRY_DEFINITIONS);

// The fixtures continue with the knitwear demo's 2025 round, reached through the definition: the engine
// names no industry folder.
const knitwearDemo = INDUSTRY_DEFINITIONS.find((d) => d.code === 'wool-knitwear')!.demo!;
const SCRIPT_2025 = knitwearDemo.rounds.find((r) => r.year === 2025)!.steps;
const SCRIPT_ACTORS = knitwearDemo.actorOf;

// Snapshots persisted by each released machine version, frozen when the version was released
// (test/fixtures/snapshots/<id>@<version>/). Every one must still restore and move on.
const FIXTURES = 'test/fixtures/snapshots';

const fixtures = readdirSync(FIXTURES).flatMap((version) =>
  readdirSync(join(FIXTURES, version)).map((file) => {
    const body = JSON.parse(readFileSync(join(FIXTURES, version, file), 'utf8')) as {
      machine: string;
      scriptStep: number;
      persisted: PersistedRound;
    };
    return { version, file, ...body };
  }),
);

describe('machine registry', () => {
  it('keeps every version that has fixtures', () => {
    const versions = new Set(fixtures.map((f) => f.machine));
    for (const v of versions) {
      const [id, version] = v.split('@');
      expect(machineRegistry.get(id, Number(version))).toBeDefined();
    }
    expect(versions.size).toBeGreaterThan(0);
  });

  it.each(fixtures.map((f) => [f.version, f.file, f] as const))(
    'restores %s/%s and continues the round',
    (_v, _f, fixture) => {
      const [id, version] = fixture.machine.split('@');
      const def = machineRegistry.get(id, Number(version));
      const snapshot = machineRegistry.restore(def, fixture.persisted, 'fixture');
      expect(stateName(snapshot.value)).toBe(stateName(fixture.persisted.value));
      // Each industry's fixtures continue with its own demo's 2025 round.
      const demo = INDUSTRY_DEFINITIONS.find((d) => d.versions.some((v) => v.id === id))!.demo!;
      const next = demo.rounds.find((r) => r.year === 2025)!.steps[fixture.scriptStep];
      if (!next) return expect(snapshot.hasTag('agreed')).toBe(true);
      const { as, ...request } = next;
      const decision = decideRequest(
        def,
        snapshot,
        standaloneRequest(request as ClientRequest, 'fixture-offer'),
        demo.actorOf[as],
        '2025-09-01T00:00:00.000Z',
        DEFAULT_LIMITS,
      );
      expect(decision.next).not.toBe(snapshot);
    },
  );

  it('gives new wool-knitwear rounds v2 and keeps v1 released beside it (ADR 0030)', () => {
    expect(machineRegistry.currentFor('wool-knitwear')?.version).toBe(2);
    expect(machineRegistry.versionsFor('wool-knitwear').map((d) => d.version)).toEqual([1, 2]);
  });

  // v1 rounds finish on v1: every v1 fixture, restored on v1, runs the rest of the script to a signed
  // agreement, with the joint sessions' business dates left out as v1 clients send them.
  it.each(fixtures.filter((f) => f.machine === 'wool-knitwear@1').map((f) => [f.file, f] as const))(
    'finishes the v1 round of %s on v1, to signature',
    (_f, fixture) => {
      const def = machineRegistry.get('wool-knitwear', 1);
      const rest = SCRIPT_2025.slice(fixture.scriptStep);
      let snapshot = machineRegistry.restore(def, fixture.persisted, 'fixture');
      rest.forEach(({ as, ...request }, i) => {
        // Fixtures frozen before ADR 0025 seat member handles: those present are whoever holds a seat.
        const { worker, employer } = snapshot.context.delegations;
        const attendance = [...worker, ...employer].map((m) => m.personId);
        const undated =
          request.type === 'session.opened'
            ? { ...request, payload: { attendance } }
            : request.type === 'session.closed'
              ? { ...request, payload: {} }
              : request;
        snapshot = decideRequest(
          def,
          snapshot,
          standaloneRequest(undated as ClientRequest, `fixture-offer-${i}`),
          SCRIPT_ACTORS[as],
          '2025-09-01T00:00:00.000Z',
          DEFAULT_LIMITS,
        ).next;
      });
      expect(stateName(snapshot.value)).toBe('signed');
      expect(snapshot.machine).toBe(def.machine);
    },
  );

  it('refuses, loudly and with a code, a snapshot whose state the machine does not have', () => {
    const def = machineRegistry.get('wool-knitwear', 1);
    const bad = { ...fixtures[0].persisted, value: 'filedInTriplicate' };
    expect(() => machineRegistry.restore(def, bad, 'n-9')).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_UNRESTORABLE' }),
    );
  });

  it('refuses an unknown machine version with a code', () => {
    expect(() => machineRegistry.get('wool-knitwear', 99)).toThrow(
      expect.objectContaining({ code: 'MACHINE_VERSION_UNKNOWN' }),
    );
  });
});

describe('building the registry', () => {
  const [knitwear] = INDUSTRY_DEFINITIONS;
  const v1 = knitwear.versions[0];
  const without = (type: string) =>
    Object.fromEntries(Object.entries(v1.events).filter(([t]) => t !== type));

  it('refuses, at boot, a version that accepts an event it does not define', () => {
    const broken = { ...knitwear, versions: [{ ...v1, events: without('offer.sent') }] };
    expect(() => new ProcedureRegistry([broken])).toThrow(
      /accepts offer\.sent but does not define it/,
    );
  });

  it('refuses an industry registered twice, and a current version that is not released', () => {
    expect(() => new ProcedureRegistry([knitwear, knitwear])).toThrow(/registered twice/);
    expect(() => new ProcedureRegistry([{ ...knitwear, currentVersion: 9 }])).toThrow(
      /current version 9 is not released/,
    );
  });

  it('refuses a state without both languages', () => {
    const states = { ...v1.states, opened: { zh: '', en: 'Opened' } };
    expect(() => new ProcedureRegistry([{ ...knitwear, versions: [{ ...v1, states }] }])).toThrow(
      /state opened lacks a Chinese or English description/,
    );
  });

  it('gives new rounds of an industry its current version and nothing for an unknown industry', () => {
    const registry = new ProcedureRegistry(INDUSTRY_DEFINITIONS);
    expect(registry.currentFor(knitwear.code)?.version).toBe(knitwear.currentVersion);
    expect(registry.currentFor('pottery')).toBeNull();
  });
});
