import type { Delegate, RoundContext } from '../kernel/round/round.types.js';

export interface NameOf {
  name: string | null;
  erased: boolean;
}

// The person ids a round names: delegates, the recorder (proposed and former ones too), vacancies
// and who attended.
export function peopleOf(ctx: RoundContext): string[] {
  return [
    ...ctx.delegations.worker,
    ...ctx.delegations.employer,
    ...(ctx.recorder ? [ctx.recorder] : []),
    ...(ctx.recorderReplacement ? [ctx.recorderReplacement] : []),
    ...(ctx.formerRecorders ?? []),
    ...ctx.vacancies,
  ]
    .map((x) => x.personId)
    .concat(ctx.sessions.flatMap((s) => s.attendance));
}

// How a read shows a person the round names by id: the registry's name at read time, or null and
// erased: true once erased (ADR 0025). Seats recorded before ADR 0025 are not in the registry by id
// and keep the name they were appointed under.
export function named(
  seat: { personId: string; name?: string },
  names: ReadonlyMap<string, NameOf>,
): { personId: string; name: string | null; erased: boolean } {
  const found = names.get(seat.personId);
  if (found) return { personId: seat.personId, name: found.name, erased: found.erased };
  return { personId: seat.personId, name: seat.name ?? null, erased: false };
}

export function namedDelegate(d: Delegate, names: ReadonlyMap<string, NameOf>) {
  return {
    ...named(d, names),
    isChief: d.isChief,
    isExpert: d.isExpert,
    appointedOn: d.appointedOn,
  };
}

// The person ids a page of history names: senders, appointees and attendance.
export function peopleNamedBy(events: readonly { actor: object; payload: unknown }[]): string[] {
  return events.flatMap((e) => {
    const p = (e.payload ?? {}) as { personId?: unknown; attendance?: unknown };
    const actor = 'personId' in e.actor ? [e.actor.personId] : [];
    const appointee = typeof p.personId === 'string' ? [p.personId] : [];
    const attendance = Array.isArray(p.attendance) ? p.attendance : [];
    return [...actor, ...appointee, ...attendance].filter(
      (x): x is string => typeof x === 'string',
    );
  });
}
