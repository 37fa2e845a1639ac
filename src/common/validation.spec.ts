import { describe, expect, it } from '@jest/globals';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PAYLOAD_CLASSES } from '../negotiation/dto/event-payloads.dto.js';
import { SendEventDto } from '../negotiation/dto/negotiation-requests.dto.js';
import { DomainError } from './domain-error.js';
import {
  VALIDATION_OPTIONS,
  appValidationPipe,
  describeValidationErrors,
  rateTableProblems,
  validateInto,
  validationFailed,
} from './validation.js';

describe('rateTableProblems', () => {
  it('accepts a well-formed table', () => {
    expect(
      rateTableProblems(
        [
          { processCode: 'KN-01', rate: '1.2500' },
          { processCode: 'KN-02', rate: '3' },
        ],
        1,
        10,
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'not an array',
      { processCode: 'A', rate: '1' },
      ['must be an array of { productType?, processCode, rate }'],
    ],
    ['too few lines', [], ['must list at least 1 line(s)']],
    [
      'a rate as a JSON number',
      [{ processCode: 'A', rate: 1.25 }],
      [
        '[0].rate must be a decimal string with at most 4 places, e.g. "1.2500" (never a JSON number)',
      ],
    ],
    [
      'five decimal places',
      [{ processCode: 'A', rate: '1.00001' }],
      [
        '[0].rate must be a decimal string with at most 4 places, e.g. "1.2500" (never a JSON number)',
      ],
    ],
    [
      'an extra field (mass assignment)',
      [{ processCode: 'A', rate: '1', side: 'employer' }],
      ['[0].side should not exist'],
    ],
    [
      'a bad code',
      [{ processCode: '', rate: '1' }],
      ['[0].processCode must be 1-40 letters, digits, dots, dashes or underscores'],
    ],
    ['a non-object line', ['A=1'], ['[0] must be an object { productType?, processCode, rate }']],
  ])('names the problem with %s', (_what, value, problems) => {
    expect(rateTableProblems(value, 1, 10)).toEqual(problems);
  });

  it('stops listing after twenty problems', () => {
    expect(
      rateTableProblems(
        Array.from({ length: 50 }, () => ({ processCode: 'A', rate: 'x' })),
        1,
        100,
      ),
    ).toHaveLength(20);
  });
});

// Rate tables and event payloads are set on the instance as sent instead of copied by
// class-transformer (issue 10): the answers must be those of the plain pipe and plainToInstance.
describe('held fields (a rate table, an event payload) validate as before', () => {
  const line = (i: number) => ({ productType: 'V-SJ', processCode: `P-${i}`, rate: '1.2500' });
  const items = Array.from({ length: 30 }, (_, i) => line(i));
  const reference = new ValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => describeValidationErrors(errors),
  });
  const answer = async (
    pipe: { transform(v: unknown, m: ArgumentMetadata): unknown },
    body: unknown,
  ) => {
    try {
      return { accepted: JSON.parse(JSON.stringify(await pipe.transform(body, meta))) };
    } catch (e) {
      return { refused: e instanceof DomainError ? (e.details.fields as unknown) : e };
    }
  };
  const meta: ArgumentMetadata = { type: 'body', metatype: SendEventDto };
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v));

  it.each([
    ['an offer', { type: 'offer.tabled', expectedRevision: 3, payload: { items, note: null } }],
    ['a payload that is a list', { type: 'offer.tabled', expectedRevision: 3, payload: [items] }],
    ['a payload that is null', { type: 'offer.tabled', expectedRevision: 3, payload: null }],
    ['a payload that is a string', { type: 'offer.tabled', expectedRevision: 3, payload: 'x' }],
    ['no payload', { type: 'offer.tabled', expectedRevision: 3 }],
    ['a bad type and revision', { type: 'nope', expectedRevision: 0, payload: {} }],
    ['an extra field', { type: 'offer.tabled', expectedRevision: 3, payload: {}, side: 'x' }],
  ])('the body of POST /events: %s', async (_what, body) => {
    const ours = await answer(appValidationPipe(), copy(body));
    const theirs = await answer(reference, copy(body));
    if ('refused' in theirs) expect(ours).toEqual({ refused: theirs.refused });
    else expect(ours).toEqual(theirs);
  });

  it('strips prototype keys inside the held payload, as the pipe does everywhere', async () => {
    const body = JSON.parse(
      '{"type":"offer.tabled","expectedRevision":3,"payload":{"items":[{"processCode":"A","rate":"1","constructor":{"x":1}}]}}',
    );
    const out = (await appValidationPipe().transform(body, meta)) as SendEventDto;
    expect(Object.hasOwn((out.payload.items as object[])[0], 'constructor')).toBe(false);
  });

  it.each([
    ['a valid offer', { items, scope: 'full', note: 'n' }],
    ['a bad line among many', { items: [...items, { processCode: '', rate: 1 }] }],
    ['items that are not a list', { items: { a: 1 } }],
    ['no items', { note: null }],
    ['an extra field', { items, side: 'employer' }],
    ['a bad scope and a bad basedOn', { items, scope: 'some', basedOn: 'x' }],
  ])('an offer payload through validateInto: %s', (_what, payload) => {
    const run = (f: () => object) => {
      try {
        return { accepted: JSON.parse(JSON.stringify(f())) };
      } catch (e) {
        return { refused: (e as DomainError).details };
      }
    };
    const cls = PAYLOAD_CLASSES['offer.tabled'] as new () => object;
    const ours = run(() => validateInto(cls, copy(payload), 'payload'));
    const theirs = run(() => {
      const instance = plainToInstance(cls, copy(payload));
      const errors = validateSync(instance, VALIDATION_OPTIONS);
      if (errors.length > 0) throw validationFailed(errors, 'payload');
      return instance;
    });
    expect(ours).toEqual(theirs);
    if ('accepted' in ours)
      expect(ours.accepted.items).toEqual((payload as { items?: unknown }).items);
  });
});
