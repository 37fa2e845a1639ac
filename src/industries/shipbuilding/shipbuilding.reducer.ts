import type { ProcedureEvent } from '../../kernel/round/procedure.js';
import type { RoundEvent } from '../../kernel/round/round.events.js';
import { recordEvent } from '../../kernel/round/round.reducer.js';
import type { Side } from '../../kernel/round/round.types.js';
import { packageAgreement } from './shipbuilding.agreement.js';
import {
  isShipbuildingEventType,
  recordOf,
  type ClauseState,
  type ShipbuildingContext,
  type ShipbuildingPayloads,
  type ShipbuildingRecord,
} from './shipbuilding.package.js';

// What each event changes in a shipbuilding round: kernel events through the kernel's reducer, the
// package's own events here. Pure; called only after the rules passed.

function tablePackage(
  record: ShipbuildingRecord,
  side: Side,
  p: ShipbuildingPayloads['package.tabled'],
  at: string,
): ShipbuildingRecord {
  // A whole package replaces the side's position; items are laid over it.
  const own =
    p.scope === 'whole' ? { minimums: {}, grids: {}, tabledAt: null } : record.positions[side];
  const position = {
    minimums: {
      ...own.minimums,
      ...Object.fromEntries((p.minimums ?? []).map((m) => [m.trade, m.monthlyMinimum])),
    },
    grids: { ...own.grids, ...Object.fromEntries((p.grids ?? []).map((g) => [g.trade, g.grades])) },
    tabledAt: at,
  };
  let clauses = record.clauses;
  for (const terms of p.clauses ?? []) {
    const current = clauses.find((c) => c.clause === terms.clause);
    // A clause tabled anew (or again after its withdrawal) is its sender's; terms laid over the other
    // side's are a counter; a side restating its own terms leaves the status as it was.
    const next: ClauseState =
      !current || current.status === 'withdrawn'
        ? {
            clause: terms.clause,
            proposer: side,
            terms,
            termsBy: side,
            status: 'tabled',
            changes: [...(current?.changes ?? []), { side, status: 'tabled', at }],
          }
        : {
            ...current,
            terms,
            termsBy: side,
            status: current.termsBy === side ? current.status : 'countered',
            changes:
              current.termsBy === side
                ? current.changes
                : [...current.changes, { side, status: 'countered', at }],
          };
    clauses = current ? clauses.map((c) => (c === current ? next : c)) : [...clauses, next];
  }
  return { ...record, positions: { ...record.positions, [side]: position }, clauses };
}

function settleClause(
  record: ShipbuildingRecord,
  side: Side,
  clause: string,
  status: 'agreed' | 'withdrawn',
  at: string,
): ShipbuildingRecord {
  return {
    ...record,
    clauses: record.clauses.map((c) =>
      c.clause === clause ? { ...c, status, changes: [...c.changes, { side, status, at }] } : c,
    ),
  };
}

export function recordShipbuildingEvent(
  ctx: ShipbuildingContext,
  event: ProcedureEvent,
): ShipbuildingContext {
  if (!isShipbuildingEventType(event.type)) {
    const next: ShipbuildingContext = recordEvent(ctx, event as RoundEvent);
    // A draft the congress rejected is gone (the kernel clears it); so is its agreement table.
    return next.draft || !ctx.shipbuilding?.agreement
      ? next
      : { ...next, shipbuilding: { ...ctx.shipbuilding, agreement: null } };
  }
  const record = recordOf(ctx);
  const side = event.actor.side as Side;
  switch (event.type) {
    case 'wageSurvey.tabled': {
      const p = event.payload as ShipbuildingPayloads['wageSurvey.tabled'];
      return { ...ctx, shipbuilding: { ...record, survey: { ...p, tabledAt: event.at } } };
    }
    case 'package.tabled':
      return {
        ...ctx,
        shipbuilding: tablePackage(
          record,
          side,
          event.payload as ShipbuildingPayloads['package.tabled'],
          event.at,
        ),
      };
    case 'clause.agreed':
    case 'clause.withdrawn':
      return {
        ...ctx,
        shipbuilding: settleClause(
          record,
          side,
          (event.payload as { clause: string }).clause,
          event.type === 'clause.agreed' ? 'agreed' : 'withdrawn',
          event.at,
        ),
      };
    case 'package.draftAgreed': {
      const p = event.payload as ShipbuildingPayloads['package.draftAgreed'];
      return {
        ...ctx,
        // The kernel's draft fields, so draft.signed, the congress and signature work as everywhere.
        draft: { text: p.text, agreedAt: event.at, signedBy: [] },
        shipbuilding: { ...record, agreement: packageAgreement(ctx, p, event.at) },
      };
    }
  }
}
