import { applyDecorators, type Type } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from './domain-error.js';
import { STATUS_BY_KIND } from './error.filter.js';

// The shapes every route shares in the OpenAPI description (docs/api.md, ADR 0023): the error body,
// the list envelope, the Idempotency-Key header, and the responses every route can give.

export const codesWithStatus = (status: number): ErrorCode[] =>
  (Object.keys(ERROR_CODES) as ErrorCode[]).filter(
    (c) => STATUS_BY_KIND[ERROR_CODES[c]] === status,
  );

export class ApiError {
  @ApiProperty({
    enum: Object.keys(ERROR_CODES),
    enumName: 'ErrorCode',
    description: 'stable: decide on it, never on the message (docs/api.md lists every code)',
  })
  code: ErrorCode;
  @ApiProperty({ description: 'what is wrong and how to fix it, for a person' })
  message: string;
  // Its keys depend on the code (fields for VALIDATION_FAILED, currentRevision for a stale one, ...).
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'facts for a program, by code: VALIDATION_FAILED has fields[{field, problems}], NEGOTIATION_STALE_REVISION has currentRevision, RULE_VIOLATED has violations[{rule, message, field?}], throttling has retryAfterSeconds',
  })
  details: Record<string, unknown>;
}

const describeStatus = (status: number) =>
  `ApiError with code ${codesWithStatus(status).join(' | ') || 'INTERNAL'}`;

/** The error statuses a route can answer besides the ones every route can (see completeContract). */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: describeStatus(status), type: ApiError }),
    ),
  );

export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Required on every change: 1-200 visible ASCII characters, e.g. a UUID made once per intended change. ' +
  'A retry with the same key and the same request answers the first outcome again (same status and body, ' +
  'header Idempotent-Replayed: true) and changes nothing twice; the same key with a different request is 422 ' +
  'IDEMPOTENCY_KEY_REUSED; while the first is still running, 409 IDEMPOTENCY_KEY_IN_PROGRESS.';

/** A change: Idempotency-Key header required. */
export const ApiWrite = () =>
  ApiHeader({ name: 'Idempotency-Key', required: true, description: IDEMPOTENCY_KEY_DESCRIPTION });

export const REVISION_DESCRIPTION =
  'The answer carries the negotiation’s new revision. Send it back as expectedRevision with your next change; ' +
  'if someone changed the round in between, that change is refused with 409 NEGOTIATION_STALE_REVISION and ' +
  'details.currentRevision: reload, check what changed, and decide again.';

export class Page {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'the most items this page could hold' })
  limit: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      "the cursor for the next page: send it as this list's cursor parameter (afterSeq, offset); null on the last page",
  })
  next: number | null;
}

export interface ListBody<T> {
  items: T[];
  page: Page;
}

/** The one list envelope: { items, page: { limit, next } }, named <Item>List in the description. */
export function listOf<T>(item: Type<T>, name = `${item.name.replace(/Dto$/, '')}List`) {
  class List {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ type: Page }) page: Page;
  }
  Object.defineProperty(List, 'name', { value: name });
  return List as Type<ListBody<T>>;
}

/** A list answered whole, in one page: nothing to follow. */
export const wholeList = <T>(items: T[]): ListBody<T> => ({
  items,
  page: { limit: items.length, next: null },
});

// @nestjs/swagger keeps each DTO's properties under these metadata keys (its DECORATORS constants,
// not exported); toResponse's spec fails if they move.
const PROPERTY_NAMES = 'swagger/apiModelPropertiesArray';
const PROPERTY = 'swagger/apiModelProperties';

type Ctor = abstract new (...args: never[]) => unknown;
const isDto = (t: unknown): t is Ctor =>
  typeof t === 'function' &&
  typeof t.prototype === 'object' &&
  Reflect.getMetadata(PROPERTY_NAMES, t.prototype) !== undefined;

/**
 * Copies into a response exactly the properties its DTO describes, recursively: nothing the
 * description does not name can leak (a new column, a context field, an internal flag).
 */
export function toResponse<T>(dto: Type<T>, value: unknown): T {
  if (value === null || value === undefined || typeof value !== 'object') return value as T;
  if (Array.isArray(value)) return value.map((v) => toResponse(dto, v)) as T;
  const names: string[] = Reflect.getMetadata(PROPERTY_NAMES, dto.prototype) ?? [];
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const key = name.slice(1);
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    const meta: { type?: unknown } = Reflect.getMetadata(PROPERTY, dto.prototype, key) ?? {};
    // A lazy type (() => Dto) is a function without swagger metadata of its own.
    let type = meta.type;
    if (typeof type === 'function' && !isDto(type) && !isBuiltIn(type))
      type = (type as () => unknown)();
    out[key] = isDto(type) && !(v instanceof Date) ? toResponse(type as Type<unknown>, v) : v;
  }
  return out as T;
}

const isBuiltIn = (t: unknown) =>
  t === String || t === Number || t === Boolean || t === Object || t === Array || t === Date;

// Responses every route can give, added to each operation so no route lacks them.
const EVERY_ROUTE: Record<number, (op: Operation) => boolean> = {
  400: () => true,
  401: (op) => (op.security?.length ?? 0) > 0,
  413: (op) => op.requestBody !== undefined,
  415: (op) => op.requestBody !== undefined,
  500: () => true,
};

interface Operation {
  security?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: unknown }>;
}

const ERROR_REF = { $ref: '#/components/schemas/ApiError' };

/**
 * Adds the statuses every route can answer, each with the ApiError body; a schema with no
 * properties (an event without payload fields) takes exactly {}.
 */
export function completeContract(doc: OpenAPIObject): OpenAPIObject {
  for (const schema of Object.values(doc.components?.schemas ?? {}) as Record<string, unknown>[])
    if (
      schema.type === 'object' &&
      Object.keys((schema.properties as object | undefined) ?? {}).length === 0 &&
      schema.additionalProperties === undefined
    )
      Object.assign(schema, { properties: {}, additionalProperties: false });
  for (const path of Object.values(doc.paths))
    for (const [method, op] of Object.entries(path) as [string, Operation][]) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      for (const [status, applies] of Object.entries(EVERY_ROUTE))
        if (applies(op) && !op.responses[status])
          op.responses[status] = {
            description:
              status === '500'
                ? 'ApiError with code INTERNAL (nothing was changed) or SNAPSHOT_UNRESTORABLE / MACHINE_VERSION_UNKNOWN'
                : describeStatus(Number(status)),
            content: { 'application/json': { schema: ERROR_REF } },
          };
    }
  return doc;
}

// A field's help in Chinese, beside its English description, as the extension `x-zh`: the console's
// forms, drawn from the payload schemas, show it to Chinese readers (Chinese first), so a new event
// or a new industry brings its own help with its payload classes and no console code.
// `src/api-description/field-help.spec.ts` requires it on every described field of an event's payload.
export const helpZh = (text: string): object => ({ 'x-zh': text });

// Property shapes used across the response DTOs: a client's generated types read these formats.
export const ApiInt = (o: Record<string, unknown> = {}) => ApiProperty({ type: 'integer', ...o });
export const ApiDate = (o: Record<string, unknown> = {}) =>
  ApiProperty({ type: 'string', format: 'date', example: '2026-07-01', ...o });
export const ApiInstant = (o: Record<string, unknown> = {}) =>
  ApiProperty({ type: 'string', format: 'date-time', ...o });
export const ApiUuid = (o: Record<string, unknown> = {}) =>
  ApiProperty({ type: 'string', format: 'uuid', ...o });
