import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ceilingOf, LIMIT_SETTINGS, type LimitName } from './limits.js';
import { INT32_MAX } from './validation.js';

// The paging query parameters of every list (docs/api.md, "Lists and paging"), declared once so
// every list describes and validates them alike. `type: 'integer'` is explicit: a default alone
// would let the compiler pick the type, and the description must not depend on the compiler (ADR 0024).

const MAX_OFFSET = 1_000_000;

const boundedInteger = (min: number, max: number, o: { default: number; description: string }) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, ...o }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );

/** `offset`: how many items to skip; a client sends back the previous page's `page.next`. */
export const OffsetParam = () =>
  boundedInteger(0, MAX_OFFSET, {
    default: 0,
    description: 'how many items to skip: send page.next of the previous page',
  });

/** `afterSeq`: the last sequence number read, for lists ordered by a sequence (history, logs). */
export const AfterSeqParam = (max: number) =>
  boundedInteger(0, max, {
    default: 0,
    description: 'return entries after this sequence number: send page.next of the previous page',
  });

/**
 * `limit`: the page size. Validated here up to the setting's ceiling; the deployment's own bound (the
 * setting) is checked by the service, so it can be raised without a code change.
 */
export const LimitParam = (limit: LimitName | { max: number }, defaultSize: number) =>
  typeof limit === 'string'
    ? boundedInteger(1, ceilingOf(limit), {
        default: defaultSize,
        description: `page size; the deployment bound is ${LIMIT_SETTINGS[limit].setting}`,
      })
    : boundedInteger(1, limit.max, { default: defaultSize, description: 'page size' });

/** A page of a chained log read by sequence number (a round's history, the administration log). */
export class HistoryQuery {
  @AfterSeqParam(INT32_MAX)
  afterSeq = 0;
  @LimitParam('historyPage', 100)
  limit = 100;
}
