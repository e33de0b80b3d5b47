import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bsonJsonSchema, date, objectId } from '#lib/model/index.ts';

describe('bsonJsonSchema (zod → MongoDB $jsonSchema)', () => {
  it('maps JSON types to bsonType and drops what MongoDB does not support', () => {
    const schema = z.strictObject({
      id: objectId(),
      at: z.optional(date()),
      small: z.int().min(0).max(10),
      big: z.int(),
      ratio: z.number().gt(0).lt(1),
      flag: z.boolean(),
      kind: z.literal('x'),
      maybe: z.string().nullable(),
      name: z
        .string()
        .min(2)
        .max(5)
        .regex(/^[a-z]+$/)
        .default('ab'),
      list: z.array(z.strictObject({ n: z.int().min(0).max(9) })).max(3),
      bag: z.object({ any: z.unknown() }),
    });
    expect(bsonJsonSchema(schema)).toEqual({
      bsonType: 'object',
      additionalProperties: false,
      required: ['id', 'small', 'big', 'ratio', 'flag', 'kind', 'maybe', 'name', 'list', 'bag'],
      properties: {
        id: { bsonType: 'objectId' },
        at: { bsonType: 'date' },
        small: { bsonType: 'int', minimum: 0, maximum: 10 },
        big: {
          bsonType: ['int', 'long', 'double'],
          minimum: Number.MIN_SAFE_INTEGER,
          maximum: Number.MAX_SAFE_INTEGER,
        },
        ratio: {
          bsonType: 'number',
          minimum: 0,
          exclusiveMinimum: true,
          maximum: 1,
          exclusiveMaximum: true,
        },
        flag: { bsonType: 'bool' },
        kind: { bsonType: 'string', enum: ['x'] },
        maybe: { bsonType: ['string', 'null'] },
        name: { bsonType: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z]+$' },
        list: {
          bsonType: 'array',
          maxItems: 3,
          items: {
            bsonType: 'object',
            additionalProperties: false,
            required: ['n'],
            properties: { n: { bsonType: 'int', minimum: 0, maximum: 9 } },
          },
        },
        // A stripping z.object has no extra keys in its output either.
        bag: {
          bsonType: 'object',
          additionalProperties: false,
          required: ['any'],
          properties: { any: {} },
        },
      },
    });
  });
});

describe('objectId() and date() fields', () => {
  it("leaves out the keywords mongod's $jsonSchema refuses: a record's propertyNames, a tuple's prefixItems", () => {
    const schema = z.strictObject({
      headers: z.record(z.string(), z.string()),
      pair: z.tuple([z.string(), z.int().min(0).max(9)]),
      rest: z.tuple([z.string()], z.boolean()),
    });
    const json = JSON.stringify(bsonJsonSchema(schema));
    expect(json).not.toMatch(/propertyNames|prefixItems|"type"|format|default|\$schema/);
    expect(bsonJsonSchema(schema).properties).toMatchObject({
      headers: { bsonType: 'object', additionalProperties: { bsonType: 'string' } },
      // A tuple in draft 4's form: the positions in `items`, the rest in `additionalItems`.
      pair: {
        bsonType: 'array',
        items: [{ bsonType: 'string' }, { bsonType: 'int', minimum: 0, maximum: 9 }],
        additionalItems: false,
      },
      rest: {
        bsonType: 'array',
        items: [{ bsonType: 'string' }],
        additionalItems: { bsonType: 'bool' },
      },
    });
  });

  it('accept BSON values or their JSON forms and always output BSON values', () => {
    const id = objectId().parse('65a1b2c3d4e5f60718293a4b');
    expect(id.toHexString()).toBe('65a1b2c3d4e5f60718293a4b');
    expect(objectId().parse(id)).toBe(id);
    expect(objectId().safeParse('65a1b2').success).toBe(false);
    expect(date().parse('2024-02-03T04:05:06.789Z')).toEqual(new Date('2024-02-03T04:05:06.789Z'));
    expect(date().parse('2024-02-03T05:05:06+01:00').toISOString()).toBe(
      '2024-02-03T04:05:06.000Z',
    );
    expect(date().safeParse('yesterday').success).toBe(false);
    expect(date().safeParse(1_700_000_000_000).success).toBe(false);
  });
});
