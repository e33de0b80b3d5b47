import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { validateSchema } from '#localdb/query/json-schema.ts';

const schema = {
  bsonType: 'object',
  required: ['name', 'tags'],
  additionalProperties: false,
  properties: {
    _id: { bsonType: 'objectId' },
    name: { bsonType: 'string', minLength: 2, pattern: '^[a-z]+$' },
    age: { bsonType: ['int', 'long'], minimum: 0, maximum: 150 },
    score: { bsonType: 'number' },
    kind: { enum: ['a', 'b'] },
    tags: { bsonType: 'array', minItems: 1, uniqueItems: true, items: { bsonType: 'string' } },
  },
};

describe('validateSchema', () => {
  it('accepts a document satisfying every rule, telling BSON number types apart', () => {
    const doc = {
      _id: new ObjectId(),
      name: 'ann',
      age: new Int32(3),
      score: Decimal128.fromString('1.5'),
      kind: 'a',
      tags: ['x'],
    };
    expect(validateSchema(schema, doc)).toEqual([]);
    expect(validateSchema(schema, { ...doc, age: Long.fromNumber(3) })).toEqual([]);
    expect(validateSchema(schema, { ...doc, age: new Double(3) })).toMatchObject([
      {
        operatorName: 'properties',
        propertiesNotSatisfied: [
          {
            propertyName: 'age',
            details: [{ operatorName: 'bsonType', consideredType: 'double' }],
          },
        ],
      },
    ]);
  });

  it('reports each unsatisfied rule the way MongoDB names them', () => {
    const failures = validateSchema(schema, {
      name: 'A',
      extra: 1,
      tags: ['x', 'x', 3],
      kind: 'c',
      age: new Int32(-1),
    });
    expect(failures.map((f) => f.operatorName)).toEqual(['properties', 'additionalProperties']);
    expect(validateSchema(schema, { name: 'ab' })).toEqual([
      {
        operatorName: 'required',
        specifiedAs: { required: ['name', 'tags'] },
        missingProperties: ['tags'],
      },
    ]);
    const props = failures[0]?.propertiesNotSatisfied as {
      propertyName: string;
      details: { operatorName: string }[];
    }[];
    expect(props.map((p) => [p.propertyName, p.details.map((d) => d.operatorName)])).toEqual([
      ['name', ['minLength', 'pattern']],
      ['age', ['minimum']],
      ['kind', ['enum']],
      ['tags', ['uniqueItems', 'items']],
    ]);
    expect(failures[1]).toMatchObject({ additionalProperties: ['extra'] });
  });
});
