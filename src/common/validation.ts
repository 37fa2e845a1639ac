import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import {
  getMetadataStorage,
  registerDecorator,
  validateSync,
  type ValidationOptions,
} from 'class-validator';
import { isIsoDate } from '../calendar/statutory-days.js';
import { DomainError } from './domain-error.js';

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

export function validationFailed(errors: ValidationError[], prefix = ''): DomainError {
  const fields = describeValidationErrors(errors, prefix);
  return new DomainError(
    'VALIDATION_FAILED',
    `the request body is not valid: ${fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ')}`,
    { fields },
  );
}

export const appValidationPipe = () =>
  new ValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => validationFailed(errors),
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
  const instance = plainToInstance(cls, plain);
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
