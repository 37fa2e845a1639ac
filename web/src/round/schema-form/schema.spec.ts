import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  dateTimeToIso,
  describeFields,
  type Field,
  initialValues,
  problemsOnFields,
  resolve,
  type Schemas,
  toPayload,
} from './schema.js';

// The server's own contract, as the console reads it from GET /api/openapi.json.
const contract = JSON.parse(
  readFileSync(new URL('../../../../docs/api/openapi.json', import.meta.url), 'utf8'),
) as { components: { schemas: Schemas } };
const schemas = contract.components.schemas;
const fieldsOf = (name: string) =>
  describeFields({ $ref: `#/components/schemas/${name}` }, schemas);
const byName = (fields: Field[], name: string) => {
  const f = fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};

describe('schema → fields', () => {
  it('follows $ref, merges allOf and reads anyOf-with-null and type [x, null] as nullable', () => {
    const local: Schemas = {
      Side: { type: 'string', enum: ['worker', 'employer'] },
      Inner: { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] },
    };
    expect(resolve({ allOf: [{ $ref: '#/components/schemas/Side' }] }, local)).toMatchObject({
      enum: ['worker', 'employer'],
      nullable: false,
    });
    expect(
      resolve({ anyOf: [{ $ref: '#/components/schemas/Inner' }, { type: 'null' }] }, local),
    ).toMatchObject({ type: 'object', required: ['a'], nullable: true });
    expect(resolve({ type: ['string', 'null'] }, local)).toMatchObject({
      type: 'string',
      nullable: true,
    });
    expect(() => resolve({ $ref: '#/components/schemas/Nope' }, local)).toThrow('Nope');
  });

  it('draws dates, required marks, bounds and descriptions from the contract', () => {
    const ballot = fieldsOf('BallotClosedPayload');
    expect(byName(ballot, 'closedOn')).toMatchObject({ kind: 'date', required: true });
    expect(byName(ballot, 'yes')).toMatchObject({
      kind: 'integer',
      minimum: 0,
      maximum: 1_000_000,
      required: true,
    });
    const offer = fieldsOf('OfferSentPayload');
    expect(byName(offer, 'proposedTime')).toMatchObject({
      kind: 'dateTime',
      description: expect.stringContaining('ISO-8601'),
      descriptionZh: '建议的首次协商会议时间',
    });
    // Inside a $ref'd row too: a shipbuilding trade minimum's help, in both languages.
    const minimums = byName(fieldsOf('PackageTabledPayload'), 'minimums');
    if (minimums.kind !== 'objectList') throw new Error('minimums is a list of rows');
    expect(byName(minimums.fields, 'monthlyMinimum').descriptionZh).toMatch(/法定月最低工资/);
    expect(byName(offer, 'content')).toMatchObject({ kind: 'text', long: true });
    const closed = fieldsOf('SessionClosedPayload');
    expect(byName(closed, 'closedOn')).toMatchObject({ kind: 'date', required: false });
  });

  it('makes enums selects, booleans switches, and rate lines rows with a nullable product type', () => {
    const tabled = fieldsOf('OfferTabledPayload');
    expect(byName(tabled, 'scope')).toMatchObject({
      kind: 'enum',
      options: ['full', 'subset'],
      default: 'subset',
    });
    expect(byName(tabled, 'note')).toMatchObject({ kind: 'text', nullable: true, maxLength: 2000 });
    const items = byName(tabled, 'items');
    expect(items.kind).toBe('objectList');
    if (items.kind !== 'objectList') return;
    expect(items.fields.map((f) => [f.name, f.kind, f.required, f.nullable])).toEqual([
      ['processCode', 'text', true, false],
      ['productType', 'text', false, true],
      ['rate', 'text', true, false],
    ]);
    expect(byName(fieldsOf('DelegateAppointedPayload'), 'isChief')).toMatchObject({
      kind: 'boolean',
      required: true,
    });
  });

  it('offers people and offers the round knows where the field is an id of one', () => {
    expect(byName(fieldsOf('DelegateAppointedPayload'), 'personId')).toMatchObject({
      kind: 'reference',
      reference: 'person',
      multiple: false,
    });
    expect(byName(fieldsOf('SessionOpenedPayload'), 'attendance')).toMatchObject({
      kind: 'reference',
      reference: 'person',
      multiple: true,
    });
    expect(byName(fieldsOf('OfferTabledPayload'), 'basedOn')).toMatchObject({
      kind: 'reference',
      reference: 'offer',
    });
    expect(byName(fieldsOf('DraftAgreedPayload'), 'keepPreviousRate').kind).toBe('textList');
    expect(byName(fieldsOf('InformationRequestedPayload'), 'requestId').kind).toBe('text');
  });

  it('draws every payload the procedure can name without falling back to raw JSON', () => {
    const payloads = Object.keys(schemas).filter((n) => /Payload$|^RecordCaucusDto$/.test(n));
    expect(payloads.length).toBeGreaterThan(20);
    const raw = (fields: Field[]): string[] =>
      fields.flatMap((f) =>
        f.kind === 'json'
          ? [f.name]
          : f.kind === 'object' || f.kind === 'objectList'
            ? raw(f.fields)
            : [],
      );
    for (const name of payloads) expect([name, raw(fieldsOf(name))]).toEqual([name, []]);
    expect(fieldsOf('EmptyPayload')).toEqual([]);
  });
});

describe('form values → payload', () => {
  it('leaves out empty optional fields and sends an empty required nullable field as null', () => {
    const fields = fieldsOf('RateLine');
    expect(toPayload(fields, { processCode: ' KN-01 ', rate: '1.30', productType: '' })).toEqual({
      processCode: 'KN-01',
      rate: '1.30',
      productType: null,
    });
    const tabled = fieldsOf('OfferTabledPayload');
    expect(
      toPayload(tabled, {
        scope: 'subset',
        note: '',
        basedOn: undefined,
        items: [
          { processCode: 'KN-01', productType: 'V-SJ', rate: '1.3000' },
          { processCode: '', productType: '', rate: '' },
        ],
      }),
    ).toEqual({
      scope: 'subset',
      items: [{ processCode: 'KN-01', productType: 'V-SJ', rate: '1.3000' }],
    });
  });

  it('converts numbers, booleans, lists and times in China to what the API takes', () => {
    expect(
      toPayload(fieldsOf('BallotClosedPayload'), {
        present: '90',
        yes: 81,
        no: 5,
        abstain: 4,
        closedOn: '2026-08-20',
      }),
    ).toEqual({ present: 90, yes: 81, no: 5, abstain: 4, closedOn: '2026-08-20' });
    expect(
      toPayload(fieldsOf('DraftAgreedPayload'), {
        text: '草案',
        items: [],
        keepPreviousRate: ['KN-02', ' ', 'V-DJ:KN-01'],
      }),
    ).toEqual({ text: '草案', items: [], keepPreviousRate: ['KN-02', 'V-DJ:KN-01'] });
    expect(dateTimeToIso('2026-08-03T09:30')).toBe('2026-08-03T09:30:00+08:00');
    expect(dateTimeToIso('2026-08-03T09:30:00Z')).toBe('2026-08-03T09:30:00Z');
    expect(toPayload(fieldsOf('DelegateAppointedPayload'), { isChief: true })).toEqual({
      isChief: true,
    });
  });

  it('starts from the schema’s defaults, false booleans and one empty row of a required list', () => {
    expect(initialValues(fieldsOf('OfferTabledPayload'))).toEqual({
      scope: 'subset',
      items: [{}],
    });
    expect(initialValues(fieldsOf('DelegateAppointedPayload'))).toEqual({
      isChief: false,
      isExpert: false,
    });
  });
});

describe('refusals → fields', () => {
  const tabled = fieldsOf('OfferTabledPayload');
  it('puts validation problems on list rows and rule violations on top-level fields', () => {
    const { onFields, elsewhere } = problemsOnFields(tabled, {
      fields: [
        { field: 'payload.items.1.rate', problems: ['rate must be a decimal'] },
        { field: 'payload.items.1.rate', problems: ['rate is required'] },
        { field: 'expectedRevision', problems: ['must be an integer'] },
      ],
    });
    expect(onFields).toEqual([
      { path: ['items', 1, 'rate'], messages: ['rate must be a decimal', 'rate is required'] },
    ]);
    expect(elsewhere).toEqual(['must be an integer']);
    expect(
      problemsOnFields(fieldsOf('SessionClosedPayload'), {
        violations: [{ rule: 'v2.closedOn', field: 'closedOn', message: 'closedOn is required' }],
      }).onFields,
    ).toEqual([{ path: ['closedOn'], messages: ['closedOn is required'] }]);
  });

  it('hands a problem under a field it does not draw to the nearest drawn ancestor', () => {
    expect(
      problemsOnFields(tabled, {
        violations: [
          { field: 'items.unknownPart', message: 'bad items' },
          { message: 'the round is closed' },
        ],
      }),
    ).toEqual({
      onFields: [{ path: ['items'], messages: ['bad items'] }],
      elsewhere: ['the round is closed'],
    });
  });
});
