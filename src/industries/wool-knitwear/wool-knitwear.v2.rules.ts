import type { RoundEvent } from '../../kernel/round/round.events.js';
import {
  dateOrderViolations,
  RESTATED_BY_DATE_ORDER,
} from '../../kernel/round/round.date-order.js';
import { recordKeepingViolations } from '../../kernel/round/round.record-keeping.js';
import { violationsOf } from '../../kernel/round/round.rules.js';
import type { RoundContext, Violation } from '../../kernel/round/round.types.js';

// Wool knitwear v2's rules (ADR 0030): every v1 rule, business dates in order, and the record kept
// (recorder replaced only by consent, minutes amended as versions). The machine's guards and the door
// that explains a refusal call this one function, so they cannot disagree.
export function woolKnitwearV2Violations(ctx: RoundContext, event: RoundEvent): Violation[] {
  return [
    ...violationsOf(ctx, event).filter((v) => !RESTATED_BY_DATE_ORDER.has(v.rule)),
    ...dateOrderViolations(ctx, event),
    ...recordKeepingViolations(ctx, event),
  ];
}
