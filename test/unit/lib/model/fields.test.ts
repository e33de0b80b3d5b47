import { Decimal128 } from 'mongodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import '#lib/config/zod-locale.ts';
import { apiJsonSchema, bsonJsonSchema, decimal, objectId } from '#lib/model/index.ts';

const messages = (schema: z.ZodMiniType, value: unknown) => {
  const result = z.safeParse(schema, value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('decimal(): a decimal128 field, a decimal string at the API edge', () => {
  const price = decimal({ min: 0, scale: 2 });

  it('stores the string a request sent as a decimal128, trailing zeros kept', () => {
    const parsed = z.parse(price, '19.90');
    expect(parsed).toBeInstanceOf(Decimal128);
    expect(String(parsed)).toBe('19.90');
    expect(z.parse(price, Decimal128.fromString('3'))).toEqual(Decimal128.fromString('3'));
  });

  it('refuses numbers, extra places, leading zeros, bounds and over 34 digits with a reason', () => {
    const scaled = 'must be a decimal number with at most 2 decimal places, written as a string';
    expect(messages(price, 19.99)).toEqual([scaled]);
    expect(messages(price, '19.999')).toEqual([scaled]);
    expect(messages(price, '019.99')).toEqual([scaled]);
    expect(messages(price, '-0.01')).toEqual(['must be at least 0']);
    expect(messages(decimal({ max: 10 }), '10.5')).toEqual(['must be at most 10']);
    expect(messages(decimal(), `1.${'1'.repeat(34)}`)).toEqual([
      'must have at most 34 significant digits',
    ]);
    expect(messages(decimal(), `0.${'0'.repeat(40)}1`)).toEqual([]);
  });

  it('rejects unknown options', () => {
    expect(() => decimal({ precision: 2 } as never)).toThrow(/precision/);
  });

  it('is a pattern-checked string in OpenAPI and a bounded decimal in $jsonSchema', () => {
    const schema = z.strictObject({ price });
    expect(apiJsonSchema(schema, 'input').properties).toEqual({
      price: { type: 'string', pattern: '^-?(0|[1-9]\\d*)(\\.\\d{1,2})?$' },
    });
    expect(bsonJsonSchema(schema).properties).toEqual({
      price: { bsonType: 'decimal', minimum: 0 },
    });
  });
});

describe('objectId(): a failing value reads why', () => {
  it('names the expected form instead of "Invalid input"', () => {
    expect(messages(objectId(), 'abc')).toEqual(['must be a 24-character hexadecimal ObjectId']);
    expect(messages(objectId(), 5)).toEqual(['must be a 24-character hexadecimal ObjectId']);
  });
});
