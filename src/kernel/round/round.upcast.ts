import type { RoundContext } from './round.types.js';

// Rounds recorded before ADR 0025 name delegates, the recorder and vacancies by `memberRef` (a member
// handle such as `wang.w1`). At restore the field becomes `personId`, keeping its value: old rounds
// stay as they were decided, and the same rules read both. Pure; returns the context unchanged when
// nothing is old.
type Legacy = { memberRef?: string };

const renamed = <T extends object>(x: T & Legacy): T => {
  if (x.memberRef === undefined) return x;
  const { memberRef, ...rest } = x;
  return { ...rest, personId: memberRef } as unknown as T;
};

export function upcastPeople(ctx: RoundContext): RoundContext {
  const old =
    ctx.delegations.worker.some((m) => 'memberRef' in m) ||
    ctx.delegations.employer.some((m) => 'memberRef' in m) ||
    (ctx.recorder !== null && 'memberRef' in ctx.recorder) ||
    ctx.vacancies.some((v) => 'memberRef' in v);
  if (!old) return ctx;
  return {
    ...ctx,
    delegations: {
      worker: ctx.delegations.worker.map(renamed),
      employer: ctx.delegations.employer.map(renamed),
    },
    recorder: ctx.recorder && renamed(ctx.recorder),
    vacancies: ctx.vacancies.map(renamed),
  };
}
