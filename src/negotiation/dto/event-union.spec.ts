import { describe, expect, it } from '@jest/globals';
import { ApiProperty } from '@nestjs/swagger';
import { PAYLOAD_CLASSES } from './event-payloads.dto.js';
import { eventUnion } from './event-union.js';

class Base {
  @ApiProperty() expectedRevision: number;
}
class LunchServedPayload {
  @ApiProperty() menu: string;
}

const modelProperties = (cls: object) =>
  (Reflect.getMetadata(
    'swagger/apiModelPropertiesArray',
    (cls as { prototype: object }).prototype,
  ) ?? []) as string[];

describe('eventUnion', () => {
  it('describes a payload class added to the map, with no other step', () => {
    const union = eventUnion(
      { ...PAYLOAD_CLASSES, 'lunch.served': LunchServedPayload },
      Base,
      'Event',
    );
    expect(union.schema.discriminator.mapping['lunch.served']).toBe(
      '#/components/schemas/LunchServedEvent',
    );
    expect(union.schema.oneOf).toContainEqual({ $ref: '#/components/schemas/LunchServedEvent' });
    const variant = union.models.find((m) => m.name === 'LunchServedEvent')!;
    expect(modelProperties(variant)).toEqual([':expectedRevision', ':type', ':payload']);
    expect(union.models).toContain(LunchServedPayload);
  });

  it('has one variant and one mapping entry per type of PAYLOAD_CLASSES', () => {
    const union = eventUnion(PAYLOAD_CLASSES, Base, 'Event');
    expect(Object.keys(union.schema.discriminator.mapping)).toEqual(Object.keys(PAYLOAD_CLASSES));
    expect(union.schema.oneOf).toHaveLength(Object.keys(PAYLOAD_CLASSES).length);
  });
});
