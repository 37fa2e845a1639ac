import type { RoundView } from '../../round/round-types.js';

// The public hearing as the shoes procedure publishes it in the round's industryRecord
// (docs/industries/shoes.md, "What readers see"): the contract types industryRecord as an open
// object, so its shape is read here, in the industry's own folder, and nowhere else.
export interface Hearing {
  heldOn: string;
  place: string;
  attendance: { worker: number; employer: number } | null;
  opinions: { side: 'worker' | 'employer'; opinion: string; recordedAt: string }[];
  minutes: string | null;
  minutesSignedBy: ('worker' | 'employer')[];
}

// Hengfeng 2012: "more than 50" of each side; a policy profile may set another minimum.
export const DEFAULT_MIN_ATTENDANCE = 51;

export function hearingOf(round: Pick<RoundView, 'industryRecord'>): Hearing | null {
  const h = round.industryRecord['hearing'] as Partial<Hearing> | null | undefined;
  if (!h || typeof h.heldOn !== 'string') return null;
  return {
    heldOn: h.heldOn,
    place: h.place ?? '',
    attendance: h.attendance ?? null,
    opinions: h.opinions ?? [],
    minutes: h.minutes ?? null,
    minutesSignedBy: h.minutesSignedBy ?? [],
  };
}

export const minAttendance = (round: Pick<RoundView, 'policy'>): number =>
  (round.policy as { hearing?: { minAttendancePerSide?: number } }).hearing?.minAttendancePerSide ??
  DEFAULT_MIN_ATTENDANCE;
