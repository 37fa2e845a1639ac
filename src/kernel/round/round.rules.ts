import type { RoundEvent, RoundEventOf, RoundEventType } from './round.events.js';
import type { RateItem, RoundContext, Side, Violation } from './round.types.js';
import { otherSide } from './round.types.js';
import { lineKey } from '../rates/rate-table.js';

// Validation rules per event: each returns every violation it finds, so a refused request can say
// all that is wrong at once. The machine's `isValid` guard is "no violations"; the write path calls the
// same functions to explain a refusal, so the rule and its explanation cannot drift apart.

type Rule<T extends RoundEventType> = (ctx: RoundContext, e: RoundEventOf<T>) => Violation[];

const v = (rule: string, message: string, field?: string): Violation => ({ rule, message, field });
const when = (failed: boolean, violation: () => Violation): Violation[] =>
  failed ? [violation()] : [];
const sideOf = (e: RoundEvent): Side => e.actor.side as Side;
const RATE = /^\d{1,6}(\.\d{1,4})?$/;

// Every problem of a rate table at once: format, duplicate lines, and a process given both a rate
// for every product type and a product type's own rate (which one binds would be a guess).
export function rateItemViolations(items: RateItem[], field: string): Violation[] {
  const out: Violation[] = [];
  if (items.length === 0)
    out.push(v('rates.empty', 'list at least one process and its rate', field));
  const seen = new Set<string>();
  const general = new Set<string>();
  const specific = new Set<string>();
  for (const item of items) (item.productType ? specific : general).add(item.processCode);
  for (const code of general)
    if (specific.has(code))
      out.push(
        v(
          'rates.mixedScope',
          `process ${code} has a rate for every product type and a product type's own rate; give one or the other`,
          field,
        ),
      );
  items.forEach((item, i) => {
    const key = lineKey(item);
    if (!RATE.test(item.rate))
      out.push(
        v(
          'rates.format',
          `rate "${item.rate}" must be a non-negative decimal with at most 4 places`,
          `${field}[${i}].rate`,
        ),
      );
    if (seen.has(key))
      out.push(v('rates.duplicate', `line ${key} appears twice`, `${field}[${i}].processCode`));
    seen.add(key);
  });
  return out;
}

export function delegationViolations(ctx: RoundContext): Violation[] {
  const { minPerSide, maxPerSide, maxExpertShare } = ctx.policy.representatives;
  const { worker, employer } = ctx.delegations;
  const out: Violation[] = [];
  // CCR: equal numbers per side, at least 3 each (Zhejiang: at most 10), exactly one chief per side.
  if (worker.length !== employer.length)
    out.push(
      v(
        'delegation.unequal',
        `the sides must have equal numbers (worker ${worker.length}, employer ${employer.length})`,
      ),
    );
  for (const side of ['worker', 'employer'] as const) {
    const d = ctx.delegations[side];
    if (d.length < minPerSide)
      out.push(
        v(
          'delegation.tooSmall',
          `the ${side} side needs at least ${minPerSide} representatives, has ${d.length}`,
        ),
      );
    // Absent: the profile sets no maximum (CCR sets none).
    if (maxPerSide !== undefined && d.length > maxPerSide)
      out.push(
        v(
          'delegation.tooLarge',
          `the ${side} side may have at most ${maxPerSide} representatives, has ${d.length}`,
        ),
      );
    const chiefs = d.filter((m) => m.isChief).length;
    if (chiefs !== 1)
      out.push(
        v(
          'delegation.chief',
          `the ${side} side needs exactly one chief representative, has ${chiefs}`,
        ),
      );
    const experts = d.filter((m) => m.isExpert).length;
    // Outside experts at most a third of the side: experts / size <= 1/3, in integers.
    if (experts * maxExpertShare.denominator > d.length * maxExpertShare.numerator)
      out.push(
        v(
          'delegation.experts',
          `the ${side} side has ${experts} outside experts; at most ${maxExpertShare.numerator}/${maxExpertShare.denominator} of its ${d.length} members may be`,
        ),
      );
  }
  if (!ctx.recorder)
    out.push(
      v('delegation.recorder', 'appoint a neutral recorder before confirming the delegations'),
    );
  out.push(
    ...ctx.vacancies.map((x) =>
      v('delegation.vacancy', `the ${x.side} seat of ${x.personId} is vacant; refill it first`),
    ),
  );
  return out;
}

const representatives = (ctx: RoundContext) =>
  ctx.delegations.worker.concat(ctx.delegations.employer);

export const onlyOpenSession = (ctx: RoundContext) => {
  const last = ctx.sessions.at(-1);
  return last && last.closedAt === null ? last : null;
};

const RULES: { [T in RoundEventType]: Rule<T> } = {
  'parties.registered': (_c, e) => [
    ...when(e.payload.worker.representedCount < 1, () =>
      v(
        'parties.count',
        'the worker side must represent at least one worker',
        'worker.representedCount',
      ),
    ),
    ...when(e.payload.employer.representedCount < 1, () =>
      v(
        'parties.count',
        'the employer side must represent at least one enterprise',
        'employer.representedCount',
      ),
    ),
  ],
  'delegate.appointed': (ctx, e) => {
    const side = sideOf(e);
    const p = e.payload;
    const own = ctx.delegations[side];
    const out: Violation[] = [];
    if (ctx.delegations[otherSide(side)].some((m) => m.personId === p.personId))
      out.push(
        v(
          'delegate.bothSides',
          `${p.personId} already represents the ${otherSide(side)} side; nobody may sit on both sides`,
          'personId',
        ),
      );
    if (own.some((m) => m.personId === p.personId))
      out.push(
        v('delegate.duplicate', `${p.personId} is already on the ${side} delegation`, 'personId'),
      );
    if (ctx.recorder?.personId === p.personId)
      out.push(
        v(
          'delegate.isRecorder',
          `${p.personId} is the recorder, who must not be a representative`,
          'personId',
        ),
      );
    if (p.isChief && p.isExpert)
      out.push(
        v('delegate.expertChief', 'an outside expert may never be chief representative', 'isChief'),
      );
    if (p.isChief && own.some((m) => m.isChief))
      out.push(
        v('delegate.secondChief', `the ${side} side already has a chief representative`, 'isChief'),
      );
    if (
      ctx.policy.representatives.maxPerSide !== undefined &&
      own.length >= ctx.policy.representatives.maxPerSide &&
      !ctx.vacancies.some((x) => x.side === side)
    )
      out.push(
        v(
          'delegation.tooLarge',
          `the ${side} side already has the maximum of ${ctx.policy.representatives.maxPerSide}`,
        ),
      );
    // After confirmation the delegation is fixed; a seat opens only through a vacancy.
    if (ctx.delegationsConfirmedOn && !ctx.vacancies.some((x) => x.side === side))
      out.push(
        v(
          'delegate.noVacancy',
          `the delegations are confirmed and the ${side} side has no vacancy to refill`,
        ),
      );
    return out;
  },
  'delegate.withdrawn': (ctx, e) =>
    when(!ctx.delegations[sideOf(e)].some((m) => m.personId === e.payload.personId), () =>
      v(
        'delegate.unknown',
        `${e.payload.personId} is not on the ${sideOf(e)} delegation`,
        'personId',
      ),
    ),
  'recorder.appointed': (ctx, e) =>
    when(
      ctx.delegations.worker
        .concat(ctx.delegations.employer)
        .some((m) => m.personId === e.payload.personId),
      () =>
        v(
          'recorder.isRepresentative',
          `${e.payload.personId} is a representative; the recorder must be neutral`,
          'personId',
        ),
    ),
  'recorder.replacementProposed': (ctx, e) => [
    ...when(!ctx.recorder, () =>
      v(
        'recorder.noneToReplace',
        'no recorder holds the seat; appoint one with recorder.appointed',
        'personId',
      ),
    ),
    ...when(ctx.recorder?.personId === e.payload.personId, () =>
      v('recorder.samePerson', `${e.payload.personId} is already the recorder`, 'personId'),
    ),
    ...when(
      representatives(ctx).some((m) => m.personId === e.payload.personId),
      () =>
        v(
          'recorder.isRepresentative',
          `${e.payload.personId} is a representative; the recorder must be neutral`,
          'personId',
        ),
    ),
    ...when(!!ctx.recorderReplacement, () =>
      v(
        'recorder.replacementPending',
        `the ${ctx.recorderReplacement?.proposedBy} chief already proposed ${ctx.recorderReplacement?.personId}; the other chief must consent or decline first`,
      ),
    ),
    ...when(e.payload.reason.trim() === '', () =>
      v('recorder.reason', 'say why the recorder is replaced', 'reason'),
    ),
  ],
  'recorder.replacementConsented': (ctx) => {
    const proposal = ctx.recorderReplacement;
    if (!proposal)
      return [v('recorder.noReplacementProposed', 'no replacement of the recorder is proposed')];
    // A representative appointed since the proposal may not become the recorder.
    return when(
      representatives(ctx).some((m) => m.personId === proposal.personId),
      () =>
        v(
          'recorder.isRepresentative',
          `${proposal.personId} is now a representative; the recorder must be neutral: decline this proposal`,
        ),
    );
  },
  'recorder.replacementDeclined': (ctx, e) => [
    ...when(!ctx.recorderReplacement, () =>
      v('recorder.noReplacementProposed', 'no replacement of the recorder is proposed'),
    ),
    ...when(e.payload.reason.trim() === '', () =>
      v('recorder.reason', 'say why the replacement is declined', 'reason'),
    ),
  ],
  'delegations.confirmed': (ctx) => delegationViolations(ctx),
  'offer.sent': (_c, e) => [
    ...when(e.payload.content.trim() === '', () =>
      v('offer.content', 'the offer must state its content (协商内容)', 'content'),
    ),
    ...when(e.payload.proposedPlace.trim() === '', () =>
      v('offer.place', 'the offer must state a place', 'proposedPlace'),
    ),
    ...when(e.payload.receivedOn < e.payload.sentOn, () =>
      v('offer.receivedBeforeSent', 'receivedOn cannot be before sentOn', 'receivedOn'),
    ),
  ],
  'offer.answered': (ctx, e) =>
    when(!!ctx.offer && e.payload.answeredOn < ctx.offer.receivedOn, () =>
      v(
        'offer.answerBeforeReceipt',
        `the answer date cannot precede receipt of the offer (${ctx.offer?.receivedOn})`,
        'answeredOn',
      ),
    ),
  // CCR: the other side may not refuse without just cause, so a refusal must state one.
  'offer.declined': (_c, e) =>
    when(e.payload.justCause.trim().length < 10, () =>
      v(
        'offer.justCause',
        'a refusal must state its just cause in writing (at least 10 characters)',
        'justCause',
      ),
    ),
  'agenda.itemAdded': (ctx, e) =>
    when(
      ctx.agenda.some((i) => i.itemId === e.payload.itemId),
      () => v('agenda.duplicate', `agenda item ${e.payload.itemId} already exists`, 'itemId'),
    ),
  'information.requested': (ctx, e) =>
    when(
      ctx.informationRequests.some((r) => r.requestId === e.payload.requestId),
      () =>
        v('information.duplicate', `request ${e.payload.requestId} already exists`, 'requestId'),
    ),
  'information.supplied': (ctx, e) => {
    const req = ctx.informationRequests.find((r) => r.requestId === e.payload.requestId);
    if (!req)
      return [
        v('information.unknown', `no information request ${e.payload.requestId}`, 'requestId'),
      ];
    return [
      ...when(req.suppliedOn !== null, () =>
        v(
          'information.alreadySupplied',
          `request ${req.requestId} was supplied on ${req.suppliedOn}`,
        ),
      ),
      ...when(req.fromSide === sideOf(e), () =>
        v('information.ownRequest', 'the side that asked cannot supply its own request'),
      ),
    ];
  },
  'caucus.held': (ctx, e) =>
    when(
      ctx.caucuses.some((c) => c.noteId === e.payload.noteId),
      () => v('caucus.duplicate', 'this caucus note is already recorded'),
    ),
  'session.opened': (ctx, e) => {
    const everyone = new Set(
      [...ctx.delegations.worker, ...ctx.delegations.employer].map((m) => m.personId),
    );
    const strangers = e.payload.attendance.filter((ref) => !everyone.has(ref));
    return [
      ...when(ctx.agenda.length === 0, () =>
        v(
          'session.noAgenda',
          'agree at least one agenda item (议题) before the first joint session',
        ),
      ),
      ...when(!!onlyOpenSession(ctx), () =>
        v('session.alreadyOpen', 'close the open joint session first'),
      ),
      ...when(strangers.length > 0, () =>
        v(
          'session.attendance',
          `not representatives of this round: ${strangers.join(', ')}`,
          'attendance',
        ),
      ),
      ...(['worker', 'employer'] as const).flatMap((side) =>
        when(!ctx.delegations[side].some((m) => e.payload.attendance.includes(m.personId)), () =>
          v('session.sideAbsent', `no ${side} representative is listed as present`, 'attendance'),
        ),
      ),
    ];
  },
  // The table's own rules (rateItemViolations, the catalog) run in the write path, which stores it.
  'offer.tabled': (_c, e) =>
    when(e.payload.lineCount < 1, () =>
      v('rates.empty', 'list at least one process and its rate', 'items'),
    ),
  'minutes.recorded': (_c, e) =>
    when(e.payload.minutes.trim() === '', () =>
      v('minutes.empty', 'minutes cannot be empty', 'minutes'),
    ),
  'minutes.amended': (ctx, e) => {
    const s = ctx.sessions.find((x) => x.number === e.payload.sessionNumber);
    if (!s?.minutes)
      return [
        v(
          'minutes.nothingToAmend',
          `joint session ${e.payload.sessionNumber} does not exist or has no minutes yet; record them first`,
          'sessionNumber',
        ),
      ];
    return [
      ...when(e.payload.minutes.trim() === '', () =>
        v('minutes.empty', 'minutes cannot be empty', 'minutes'),
      ),
      ...when(e.payload.minutes === s.minutes, () =>
        v(
          'minutes.unchanged',
          `the text is the same as the latest version of session ${s.number}'s minutes`,
          'minutes',
        ),
      ),
      ...when(e.payload.reason.trim() === '', () =>
        v('minutes.reason', 'say why the minutes are amended', 'reason'),
      ),
    ];
  },
  'session.closed': (ctx) =>
    when(!onlyOpenSession(ctx)?.minutes, () =>
      v(
        'session.noMinutes',
        'the recorder must record the minutes (协商记录) before the session closes',
      ),
    ),
  'minutes.signed': (ctx, e) => {
    const s = ctx.sessions.find((x) => x.number === e.payload.sessionNumber);
    if (!s || s.closedAt === null)
      return [
        v(
          'minutes.noSuchSession',
          `joint session ${e.payload.sessionNumber} does not exist or is still open`,
          'sessionNumber',
        ),
      ];
    return when(s.minutesSignedBy.includes(sideOf(e)), () =>
      v('minutes.alreadySigned', `the ${sideOf(e)} chief already signed these minutes`),
    );
  },
  // Business dates are entered by the parties; they are not compared with the server's clock, so a
  // round can be recorded after the fact.
  'suspension.proposed': (_c, e) =>
    when(e.payload.reason.trim() === '', () =>
      v('suspension.reason', 'say why the round is suspended', 'reason'),
    ),
  'suspension.consented': () => [],
  'suspension.declined': () => [],
  'negotiation.resumed': () => [],
  'coordination.requested': (_c, e) =>
    when(e.payload.application.trim().length < 10, () =>
      v(
        'coordination.application',
        'coordination needs a written application stating the disputed items',
        'application',
      ),
    ),
  'coordination.accepted': (ctx, e) =>
    when(!!ctx.coordination && e.payload.acceptedOn < ctx.coordination.appliedOn, () =>
      v(
        'coordination.acceptedBeforeApplied',
        'acceptance cannot precede the application',
        'acceptedOn',
      ),
    ),
  'coordination.extended': (ctx, e) => {
    const max = ctx.policy.deadlines.coordinationExtensionMaxDays;
    const used = ctx.coordination?.extensionDays ?? 0;
    return when(e.payload.days < 1 || used + e.payload.days > max, () =>
      v(
        'coordination.extension',
        `the coordination period may be extended by at most ${max} days in all (${used} used)`,
        'days',
      ),
    );
  },
  'coordination.concluded': (_c, e) =>
    when(e.payload.resolved.length + e.payload.unresolved.length === 0, () =>
      v(
        'coordination.items',
        'the coordination agreement must list the resolved and unresolved items',
      ),
    ),
  'draft.agreed': (ctx, e) => [
    ...when(ctx.sessions.length === 0, () =>
      v('draft.noSession', 'a draft needs at least one joint session'),
    ),
    ...when(!!onlyOpenSession(ctx), () =>
      v('draft.sessionOpen', 'close the joint session before agreeing the draft'),
    ),
    ...ctx.sessions
      .filter((s) => s.closedAt !== null && s.minutesSignedBy.length < 2)
      .map((s) =>
        v(
          'draft.minutesUnsigned',
          `both chiefs must sign the minutes of joint session ${s.number}`,
        ),
      ),
    ...when(e.payload.text.trim() === '', () =>
      v('draft.text', 'the draft needs its text', 'text'),
    ),
    // The table's own rules (rateItemViolations, the catalog, confirmed cuts) run in the write path.
    ...when(e.payload.lineCount < 1, () =>
      v('rates.empty', 'list at least one process and its rate', 'items'),
    ),
  ],
  'draft.signed': (ctx, e) =>
    when(!!ctx.draft?.signedBy.includes(sideOf(e)), () =>
      v('draft.alreadySigned', `the ${sideOf(e)} chief already signed the draft`),
    ),
  'ratification.submitted': (_c, e) =>
    when(e.payload.totalMembers < 1, () =>
      v('ratification.total', 'the ratifying body must have members', 'totalMembers'),
    ),
  'ballot.closed': (ctx, e) => {
    const total = ctx.ratification?.totalMembers ?? 0;
    const p = e.payload;
    return [
      ...when(p.present > total, () =>
        v(
          'ballot.present',
          `present (${p.present}) cannot exceed the ${total} members of the body`,
          'present',
        ),
      ),
      ...when(p.yes + p.no + p.abstain > p.present, () =>
        v(
          'ballot.votes',
          `yes + no + abstain (${p.yes + p.no + p.abstain}) cannot exceed those present (${p.present})`,
        ),
      ),
    ];
  },
  'agreement.prepared': (_c, e) =>
    when(e.payload.text.trim() === '', () =>
      v('agreement.text', 'the final text cannot be empty', 'text'),
    ),
  'agreement.signed': (ctx, e) => [
    ...when(!ctx.agreement, () =>
      v('agreement.notPrepared', 'the employer side must prepare the final text first'),
    ),
    ...when(!!ctx.agreement?.signatures[sideOf(e)], () =>
      v('agreement.alreadySigned', `the ${sideOf(e)} chief already signed`),
    ),
  ],
  'round.abandoned': (_c, e) =>
    when(e.payload.reason.trim() === '', () =>
      v('round.reason', 'say why the round is abandoned', 'reason'),
    ),
};

export type RuleSet = (ctx: RoundContext, event: RoundEvent) => Violation[];

export function violationsOf(ctx: RoundContext, event: RoundEvent): Violation[] {
  return (RULES[event.type] as Rule<RoundEventType>)(ctx, event as RoundEventOf<RoundEventType>);
}
