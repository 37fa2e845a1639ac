import { Inject, Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_LOGGER, type AppLogger } from '../common/logger.js';
import { deadlineBases } from '../kernel/round/round.deadlines.js';
import { stateName } from '../kernel/round/decide-event.js';
import { ProcedureRegistry } from './procedure-registry.js';
import {
  appendRecordedEvent,
  chainEvent,
  computeDeadlineRows,
  lockNegotiation,
  logCalendarGaps,
  moveDeadline,
  openDeadlinesOf,
  openRoundsWithDeadlinesBetween,
  reportCalendarGapsTo,
} from './negotiation.store.js';

// What changed in the calendar, as the history records it.
export interface CalendarChange {
  action: 'calendarDay.marked' | 'calendarDay.cleared' | 'calendarYear.published';
  // The day edited, or the first and last day of the year published.
  from: string;
  to: string;
}

export interface MovedDeadline {
  key: string;
  fromDueOn: string;
  toDueOn: string;
  fromCalendarMissingYear: number | null;
  toCalendarMissingYear: number | null;
}

// The calendar is shared data, not pinned (ADR 0029): when an administrator edits it, the open
// deadlines of open rounds whose counting spans the edited days are counted again, in the same
// transaction. A round where a deadline moved (or lost or gained its missing-calendar flag) gets a
// `deadlines.recomputed` entry in its hash-chained history and its revision raised by one, so a client
// holding the old revision is refused like after any change. The machine is not involved: the state
// does not change.
@Injectable()
export class RecomputeDeadlinesUseCase {
  constructor(
    private readonly clock: Clock,
    private readonly procedures: ProcedureRegistry,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {
    reportCalendarGapsTo(logger);
  }

  async afterCalendarChange(
    qr: QueryRunner,
    by: { accountId: string; personId: string | null },
    change: CalendarChange,
  ): Promise<{ negotiationId: string; seq: number; moved: MovedDeadline[] }[]> {
    const candidates = await openRoundsWithDeadlinesBetween(qr, change.from, change.to);
    const recorded = [];
    for (const { id } of candidates) {
      const n = await lockNegotiation(qr, id);
      if (!n || n.outcome !== 'open') continue;
      const def = this.procedures.get(n.machineId, n.machineVersion);
      const snapshot = this.procedures.restore(def, n.snapshot, n.id);
      const rows = await computeDeadlineRows(qr, deadlineBases(snapshot.context), snapshot.context);
      const stored = await openDeadlinesOf(qr, id);
      const moved: MovedDeadline[] = [];
      for (const s of stored) {
        const r = rows.find((x) => x.key === s.key);
        if (!r || (r.dueOn === s.dueOn && r.calendarMissingYear === s.calendarMissingYear))
          continue;
        moved.push({
          key: s.key,
          fromDueOn: s.dueOn,
          toDueOn: r.dueOn,
          fromCalendarMissingYear: s.calendarMissingYear,
          toCalendarMissingYear: r.calendarMissingYear,
        });
        await moveDeadline(qr, id, s.key, r);
      }
      if (moved.length === 0) continue;
      const state = stateName(snapshot.value);
      const event = chainEvent(
        {
          negotiationId: id,
          seq: n.revision + 1,
          type: 'deadlines.recomputed',
          payload: { calendarChange: change, deadlines: moved },
          actor: {
            accountId: by.accountId,
            personId: by.personId,
            capacity: 'administrator',
            side: null,
          },
          stateBefore: state,
          stateAfter: state,
          machine: `${def.id}@${def.version}`,
          occurredAt: this.clock.now().toISOString(),
        },
        n.headHash,
      );
      await appendRecordedEvent(qr, n, event);
      logCalendarGaps(
        id,
        rows.filter((r) => moved.some((m) => m.key === r.key)),
      );
      recorded.push({ negotiationId: id, seq: event.seq, moved });
    }
    return recorded;
  }
}
