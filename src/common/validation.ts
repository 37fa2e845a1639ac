import {
  ParseUUIDPipe,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import {
  IsObject,
  getMetadataStorage,
  registerDecorator,
  validateSync,
  type ValidationOptions,
} from 'class-validator';
import { isIsoDate } from '../kernel/calendar/statutory-days.js';
import { DomainError } from './domain-error.js';
import { isRawUpload } from './input-guard.js';

// PostgreSQL's integer: a request field bound for an int4 column or compared with one stays below it.
export const INT32_MAX = 2_147_483_647;

export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
} as const;

// Flattens class-validator's tree into "field: what is wrong" lines a client can act on.
export function describeValidationErrors(
  errors: ValidationError[],
  prefix = '',
): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...describeValidationErrors(e.children ?? [], field)];
  });
}

// A list of 10,000 wrong items would otherwise be answered with 10,000 problems (18 MB, measured).
const MAX_REPORTED_FIELDS = 50;

export function validationFailed(
  errors: ValidationError[],
  prefix = '',
  what = 'the request body',
): DomainError {
  const all = describeValidationErrors(errors, prefix);
  const fields = all.slice(0, MAX_REPORTED_FIELDS);
  const more = all.length - fields.length;
  return new DomainError(
    'VALIDATION_FAILED',
    `${what} is not valid: ${fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ')}${more > 0 ? `; and ${more} more problems` : ''}`,
    more > 0 ? { fields, moreProblems: more } : { fields },
  );
}

const PART: Record<string, string> = {
  body: 'the request body',
  query: 'the query',
  param: 'the path',
};

// Fields whose whole value one check reads (a rate table, an event payload validated later by its own
// class): class-transformer would copy them item by item for nothing. A 2,106-line offer's copy cost
// more than everything else the edge does (issue 10), so such a field is set on the instance as
// sent, after the rest of the body is transformed, and then validated like any other field.
const HELD = new Map<object, Set<string>>();

function hold(target: object, propertyName: string): void {
  const fields = HELD.get(target.constructor) ?? new Set<string>();
  fields.add(propertyName);
  HELD.set(target.constructor, fields);
}

function heldFields(cls: object | undefined): string[] {
  const out: string[] = [];
  for (
    let c = cls;
    typeof c === 'function' && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  )
    out.push(...(HELD.get(c) ?? []));
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

// plainToInstance without the held fields, which are then set as they are: the same instance
// class-transformer would build (it only copies a field it has no @Type for), without the copy.
function toInstance<T extends object>(
  cls: new () => T,
  plain: Record<string, unknown>,
  held: string[],
): T {
  const rest = { ...plain };
  const kept: [string, unknown][] = [];
  for (const field of held)
    if (Object.hasOwn(rest, field)) {
      kept.push([field, rest[field]]);
      delete rest[field];
    }
  const instance = plainToInstance(cls, rest) as Record<string, unknown>;
  for (const [field, value] of kept) instance[field] = value;
  return instance as T;
}

// A spreadsheet content type gives the raw upload; a route whose body is a DTO takes JSON only.
// A refusal names the part of the request that is wrong (the query, the path, the body).
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'body' && isRawUpload(value))
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        'this route takes a JSON body: send it with Content-Type: application/json',
      );
    try {
      const held = heldFields(metadata.metatype);
      if (held.length > 0 && isPlainObject(value) && this.toValidate(metadata))
        return this.transformHolding(value, metadata.metatype as new () => object, held);
      return await super.transform(value, metadata);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      throw validationFailed(e.errors, '', PART[metadata.type] ?? 'the request');
    }
  }

  // What ValidationPipe does for an object body (strip prototype keys, close array gaps, transform,
  // validate, answer the instance), with the held fields set instead of copied.
  private transformHolding(value: Record<string, unknown>, cls: new () => object, held: string[]) {
    this.closeArrayGaps(value);
    this.stripProtoKeys(value);
    const entity = toInstance(cls, value, held);
    const errors = validateSync(entity, {
      ...VALIDATION_OPTIONS,
      validationError: { target: false },
    });
    if (errors.length > 0) throw new Invalid(errors);
    return entity;
  }
}

// Carries class-validator's findings out of the pipe to transform(), which knows the request part.
class Invalid {
  constructor(readonly errors: ValidationError[]) {}
}

export const appValidationPipe = () =>
  new AppValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => new Invalid(errors),
  });

// A query parameter a route reads by hand (spreadsheet routes have no query DTO): refused like the pipe does.
export const queryInvalid = (field: string, problem: string) =>
  new DomainError('VALIDATION_FAILED', `the query is not valid: ${field} ${problem}`, {
    fields: [{ field, problems: [`${field} ${problem}`] }],
  });

// A path parameter that must be a UUID; the refusal names the parameter and what it identifies.
export const uuidParam = (name: string, what: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new DomainError('VALIDATION_FAILED', `the path parameter ${name} must be a UUID (${what})`, {
        fields: [{ field: `path.${name}`, problems: ['must be a UUID'] }],
      }),
  });

// Validates a nested, type-dependent body (an event payload) with the same strictness as the pipe.
export function validateInto<T extends object>(
  cls: new () => T,
  plain: unknown,
  prefix: string,
): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain))
    throw new DomainError('VALIDATION_FAILED', `${prefix} must be a JSON object`, {
      fields: [{ field: prefix, problems: ['must be an object'] }],
    });
  // A payload class without fields (session.closed, draft.signed, ...) takes exactly {}; class-validator
  // would call such a class "unknown", so it is checked here.
  const extra = Object.keys(plain);
  if (getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false).length === 0) {
    if (extra.length === 0) return new cls();
    throw new DomainError(
      'VALIDATION_FAILED',
      `${prefix} must be {} for this event; remove ${extra.join(', ')}`,
      {
        fields: extra.map((f) => ({
          field: `${prefix}.${f}`,
          problems: [`property ${f} should not exist`],
        })),
      },
    );
  }
  const instance = toInstance(cls, plain as Record<string, unknown>, heldFields(cls));
  const errors = validateSync(instance, VALIDATION_OPTIONS);
  if (errors.length > 0) throw validationFailed(errors, prefix);
  return instance;
}

export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a real calendar date written YYYY-MM-DD`,
        ...options,
      },
      validator: { validate: (v: unknown) => typeof v === 'string' && isIsoDate(v) },
    });
}

const RATE_ITEM_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const RATE_ITEM_RATE = /^\d{1,6}(\.\d{1,4})?$/;

// Problems of a rate table ({ productType?, processCode, rate }[]), every line checked in one loop. Nested
// class-validator DTOs cost 50-150 ms for a 2,106-line offer (measured); this costs well under 1 ms.
export function rateTableProblems(value: unknown, min: number, max: number): string[] {
  if (!Array.isArray(value)) return ['must be an array of { productType?, processCode, rate }'];
  const out: string[] = [];
  if (value.length < min) out.push(`must list at least ${min} line(s)`);
  if (value.length > max) out.push(`must list at most ${max} lines`);
  for (let i = 0; i < value.length && out.length < 20; i++) {
    const item = value[i] as Record<string, unknown> | null;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      out.push(`[${i}] must be an object { productType?, processCode, rate }`);
      continue;
    }
    for (const key of Object.keys(item))
      if (key !== 'processCode' && key !== 'rate' && key !== 'productType')
        out.push(`[${i}].${key} should not exist`);
    const type = item.productType;
    if (
      type !== undefined &&
      type !== null &&
      (typeof type !== 'string' || !RATE_ITEM_CODE.test(type))
    )
      out.push(
        `[${i}].productType must be 1-40 letters, digits, dots, dashes or underscores, or absent`,
      );
    if (typeof item.processCode !== 'string' || !RATE_ITEM_CODE.test(item.processCode))
      out.push(`[${i}].processCode must be 1-40 letters, digits, dots, dashes or underscores`);
    if (typeof item.rate !== 'string' || !RATE_ITEM_RATE.test(item.rate))
      out.push(
        `[${i}].rate must be a decimal string with at most 4 places, e.g. "1.2500" (never a JSON number)`,
      );
  }
  return out;
}

export function IsRateTable(min = 1, max = 5000, options?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    hold(target, propertyName);
    registerDecorator({
      name: 'isRateTable',
      target: target.constructor,
      propertyName,
      options: {
        message: (args) => `${propertyName} ${rateTableProblems(args.value, min, max).join('; ')}`,
        ...options,
      },
      validator: { validate: (v: unknown) => rateTableProblems(v, min, max).length === 0 },
    });
  };
}

// An object the route validates itself afterwards, against a class chosen by another field (an event's
// payload, by its type: validateInto): here only checked to be an object, and not copied.
export function IsPayloadObject(options?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    hold(target, propertyName);
    IsObject(options)(target, propertyName);
  };
}
