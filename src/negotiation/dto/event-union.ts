import type { Type } from '@nestjs/common';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';

const pascal = (type: string) =>
  type
    .split('.')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

/**
 * One schema per event type, { type: <that type>, ...base, payload: <its payload class> }, and the
 * discriminated union of them on `type`. Built from a map of payload classes, so a class added to the
 * map is described with no other step.
 */
export function eventUnion(
  payloads: Record<string, Type<unknown>>,
  base: Type<unknown>,
  suffix: string,
) {
  const variants = Object.entries(payloads).map(([type, payload]) => {
    const Variant = class extends (base as new () => object) {};
    ApiProperty({ enum: [type], description: 'the event type' })(Variant.prototype, 'type');
    ApiProperty({ type: () => payload })(Variant.prototype, 'payload');
    Object.defineProperty(Variant, 'name', { value: `${pascal(type)}${suffix}` });
    return { type, variant: Variant as Type<unknown> };
  });
  const schema = {
    oneOf: variants.map(({ variant }) => ({ $ref: getSchemaPath(variant) })),
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(
        variants.map(({ type, variant }) => [type, getSchemaPath(variant)]),
      ),
    },
  };
  return {
    models: [...variants.map((v) => v.variant), ...new Set(Object.values(payloads))],
    schema,
  };
}
