import { parseRateUnits } from '../../kernel/rates/money.js';
import type { ProcedureEvent } from '../../kernel/round/procedure.js';
import { isRoundEventType, type RoundEvent } from '../../kernel/round/round.events.js';
import { violationsOf } from '../../kernel/round/round.rules.js';
import type {
  Instant,
  IsoDate,
  RoundContext,
  Side,
  Violation,
} from '../../kernel/round/round.types.js';
import type { ShoesPayloads } from './shoes.events.js';

// The shoes procedure's rules (Hengfeng practice): every kernel rule, the union's increase band, and a
// public hearing (听证会) whose minutes both chiefs sign before the first joint session. The machine's
// guards and the door that explains a refusal call this one function, so they cannot disagree.

export interface PublicHearing {
  heldOn: IsoDate;
  place: string;
  attendance: { worker: number; employer: number } | null;
  opinions: { side: Side; opinion: string; recordedAt: Instant }[];
  minutes: string | null;
  minutesSignedBy: Side[];
}

export type ShoesContext = RoundContext & { hearing?: PublicHearing | null };

// Hengfeng 2012 held its hearing with "more than 50" representatives of both sides (domain.md §6);
// a profile may set another minimum (policy.hearing.minAttendancePerSide, ADR 0036).
export const DEFAULT_HEARING_MIN_ATTENDANCE = 51;

export const hearingMinimum = (ctx: RoundContext): number =>
  ctx.policy.hearing?.minAttendancePerSide ?? DEFAULT_HEARING_MIN_ATTENDANCE;

export const hearingMinutesSigned = (ctx: ShoesContext): boolean =>
  !!ctx.hearing && ctx.hearing.minutesSignedBy.length === 2;

const v = (rule: string, message: string, field?: string): Violation => ({ rule, message, field });
const when = (cond: boolean, make: () => Violation): Violation[] => (cond ? [make()] : []);

type OwnEvent<T extends keyof ShoesPayloads> = ProcedureEvent & {
  type: T;
  payload: ShoesPayloads[T];
};

function bandRules(e: OwnEvent<'increaseBand.stated'>): Violation[] {
  const low = parseRateUnits(e.payload.lowPercent);
  const high = parseRateUnits(e.payload.highPercent);
  return when(low > high, () =>
    v(
      'band.inverted',
      `the band's low (${e.payload.lowPercent} %) is above its high (${e.payload.highPercent} %); state low first`,
      'lowPercent',
    ),
  );
}

function hearingRules(ctx: ShoesContext, e: ProcedureEvent): Violation[] {
  const h = ctx.hearing ?? null;
  switch (e.type) {
    case 'hearing.scheduled': {
      const { heldOn } = (e as OwnEvent<'hearing.scheduled'>).payload;
      return [
        ...when(!!h?.attendance, () =>
          v('hearing.alreadyHeld', 'the public hearing has been held; its date cannot move now'),
        ),
        ...when(!!ctx.reply && heldOn < ctx.reply.answeredOn, () =>
          v(
            'hearing.beforeReply',
            `the hearing (${heldOn}) cannot come before the answer to the offer (${ctx.reply!.answeredOn})`,
            'heldOn',
          ),
        ),
      ];
    }
    case 'hearing.attendanceRecorded': {
      const p = (e as OwnEvent<'hearing.attendanceRecorded'>).payload;
      const min = hearingMinimum(ctx);
      return [
        ...when(!!h?.attendance, () =>
          v('hearing.attendanceAlreadyRecorded', 'the hearing’s attendance is recorded already'),
        ),
        ...when(p.workerRepresentatives < min, () =>
          v(
            'hearing.belowMinimumAttendance',
            `${p.workerRepresentatives} worker representatives attended; the hearing needs at least ${min} of each side (policy hearing.minAttendancePerSide): hold it again with more`,
            'workerRepresentatives',
          ),
        ),
        ...when(p.employerRepresentatives < min, () =>
          v(
            'hearing.belowMinimumAttendance',
            `${p.employerRepresentatives} employer representatives attended; the hearing needs at least ${min} of each side (policy hearing.minAttendancePerSide): hold it again with more`,
            'employerRepresentatives',
          ),
        ),
      ];
    }
    case 'hearing.opinionRecorded':
      return [
        ...when(!h?.attendance, () =>
          v('hearing.notConvened', 'record the hearing’s attendance before its opinions'),
        ),
        ...when(!!h?.minutes, () =>
          v(
            'hearing.minutesAlreadyRecorded',
            'the hearing’s minutes are recorded; no opinion can be added',
          ),
        ),
      ];
    case 'hearing.minutesRecorded':
      return [
        ...when(!h?.attendance, () =>
          v('hearing.notConvened', 'record the hearing’s attendance before its minutes'),
        ),
        ...when(!!h?.minutes, () =>
          v('hearing.minutesAlreadyRecorded', 'the hearing’s minutes are recorded already'),
        ),
      ];
    case 'hearing.minutesSigned':
      return [
        ...when(!h?.minutes, () =>
          v(
            'hearing.noMinutes',
            'the recorder records the hearing’s minutes before the chiefs sign them',
          ),
        ),
        ...when(!!h && h.minutesSignedBy.includes(e.actor.side as Side), () =>
          v(
            'hearing.alreadySigned',
            `the ${e.actor.side} side has signed the hearing’s minutes already`,
          ),
        ),
      ];
    default:
      return [];
  }
}

export function shoesViolations(ctx: ShoesContext, event: ProcedureEvent): Violation[] {
  if (event.type === 'increaseBand.stated')
    return bandRules(event as OwnEvent<'increaseBand.stated'>);
  if (event.type.startsWith('hearing.')) return hearingRules(ctx, event);
  if (!isRoundEventType(event.type)) return [];
  const kernel = violationsOf(ctx, event as RoundEvent);
  // Joint sessions open only after the hearing's minutes carry both chiefs' signatures (Hengfeng 2012
  // held the hearing before the sessions, domain.md §6).
  if (event.type === 'session.opened' && ctx.sessions.length === 0 && !hearingMinutesSigned(ctx))
    return [
      ...kernel,
      v(
        'hearing.minutesNotSigned',
        'joint sessions open only after the public hearing (听证会) is held and its minutes are signed by both chiefs; schedule it with hearing.scheduled',
      ),
    ];
  return kernel;
}

// The hearing as each of its events leaves it.
export function recordHearing(ctx: ShoesContext, event: ProcedureEvent): ShoesContext {
  const h = ctx.hearing ?? null;
  switch (event.type) {
    case 'hearing.scheduled': {
      const p = (event as OwnEvent<'hearing.scheduled'>).payload;
      return {
        ...ctx,
        hearing: {
          heldOn: p.heldOn,
          place: p.place,
          attendance: null,
          opinions: [],
          minutes: null,
          minutesSignedBy: [],
        },
      };
    }
    case 'hearing.attendanceRecorded': {
      const p = (event as OwnEvent<'hearing.attendanceRecorded'>).payload;
      return {
        ...ctx,
        hearing: {
          ...h!,
          attendance: { worker: p.workerRepresentatives, employer: p.employerRepresentatives },
        },
      };
    }
    case 'hearing.opinionRecorded': {
      const p = (event as OwnEvent<'hearing.opinionRecorded'>).payload;
      return {
        ...ctx,
        hearing: {
          ...h!,
          opinions: [
            ...h!.opinions,
            { side: p.speakerSide, opinion: p.opinion, recordedAt: event.at },
          ],
        },
      };
    }
    case 'hearing.minutesRecorded':
      return {
        ...ctx,
        hearing: { ...h!, minutes: (event as OwnEvent<'hearing.minutesRecorded'>).payload.minutes },
      };
    case 'hearing.minutesSigned':
      return {
        ...ctx,
        hearing: { ...h!, minutesSignedBy: [...h!.minutesSignedBy, event.actor.side as Side] },
      };
    case 'increaseBand.stated': {
      const p = (event as OwnEvent<'increaseBand.stated'>).payload;
      return { ...ctx, increaseBand: { ...p, side: event.actor.side as Side } };
    }
    default:
      return ctx;
  }
}
