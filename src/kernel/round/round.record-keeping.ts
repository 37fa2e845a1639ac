import type { RoundEvent } from './round.events.js';
import { onlyOpenSession } from './round.rules.js';
import type { RoundContext, Violation } from './round.types.js';

// The record is kept, never overwritten (ADR 0030): a rule set composed beside `violationsOf` by the
// machine versions that adopt it (wool-knitwear v2). The recorder changes only through a replacement
// both chiefs agree to; minutes once recorded change only by a new version (minutes.amended).
export function recordKeepingViolations(ctx: RoundContext, event: RoundEvent): Violation[] {
  switch (event.type) {
    case 'recorder.appointed':
      return ctx.recorder
        ? [
            {
              rule: 'recorder.seatHeld',
              message: `${ctx.recorder.personId} holds the recorder's seat; replace the recorder with recorder.replacementProposed, which the other chief must consent to`,
              field: 'personId',
            },
          ]
        : [];
    case 'minutes.recorded': {
      const open = onlyOpenSession(ctx);
      return open?.minutes
        ? [
            {
              rule: 'minutes.alreadyRecorded',
              message: `the minutes of joint session ${open.number} are already recorded; send minutes.amended with the reason to add a new version`,
              field: 'minutes',
            },
          ]
        : [];
    }
    default:
      return [];
  }
}
