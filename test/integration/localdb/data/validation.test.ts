import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

const schema = {
  $jsonSchema: {
    bsonType: 'object',
    required: ['name', 'age'],
    properties: { name: { bsonType: 'string' }, age: { bsonType: 'int', minimum: 0 } },
  },
};

describe('collection validators through the mongodb driver', () => {
  const own = useTestDb('val');

  it('stores the options, reports them in listCollections and refuses a second create (48)', async () => {
    await own.db.createCollection('people', {
      validator: schema,
      validationLevel: 'strict',
      validationAction: 'error',
    });
    const [info] = await own.db.listCollections({ name: 'people' }).toArray();
    expect(info).toMatchObject({
      name: 'people',
      type: 'collection',
      options: { validator: schema, validationLevel: 'strict', validationAction: 'error' },
      info: { readOnly: false },
    });
    expect((await failure(own.db.createCollection('people', { validator: schema }))).code).toBe(48);
  });

  it('answers an invalid insert with 121 and errInfo naming the failing rules', async () => {
    const people = own.db.collection('people');
    await people.insertOne({ name: 'ann', age: 30 });
    const error = await failure(people.insertOne({ _id: 'bad', name: 'bob', age: -1 } as never));
    expect(error.code).toBe(121);
    expect(error.errInfo?.failingDocumentId).toBe('bad');
    expect(error.errInfo?.details).toMatchObject({
      operatorName: '$jsonSchema',
      schemaRulesNotSatisfied: [
        {
          operatorName: 'properties',
          propertiesNotSatisfied: [
            { propertyName: 'age', details: [{ operatorName: 'minimum', consideredValue: -1 }] },
          ],
        },
      ],
    });
    const missing = await failure(people.insertOne({ name: 'x' }));
    expect(missing.errInfo?.details.schemaRulesNotSatisfied).toEqual([
      {
        operatorName: 'required',
        specifiedAs: { required: ['name', 'age'] },
        missingProperties: ['age'],
      },
    ]);
    expect(await people.countDocuments()).toBe(1);
  });

  it('validates updates, and bypassDocumentValidation skips it', async () => {
    const people = own.db.collection('people');
    expect((await failure(people.updateOne({ name: 'ann' }, { $set: { age: 'old' } }))).code).toBe(
      121,
    );
    expect((await people.findOne({ name: 'ann' }))?.age).toBe(30);
    await people.updateOne(
      { name: 'ann' },
      { $set: { age: 'old' } },
      { bypassDocumentValidation: true },
    );
    expect((await people.findOne({ name: 'ann' }))?.age).toBe('old');
  });

  it('moderate level lets invalid documents be updated; warn action and off level let writes through', async () => {
    const people = own.db.collection('people');
    await own.db.command({ collMod: 'people', validationLevel: 'moderate' });
    await people.updateOne({ name: 'ann' }, { $set: { note: 'still invalid' } });
    expect((await people.findOne({ name: 'ann' }))?.note).toBe('still invalid');
    expect((await failure(people.insertOne({ name: 'z' }))).code).toBe(121);
    await own.db.command({ collMod: 'people', validationAction: 'warn' });
    await people.insertOne({ name: 'warned' });
    await own.db.command({ collMod: 'people', validationAction: 'error', validationLevel: 'off' });
    await people.insertOne({ name: 'off' });
    const [info] = await own.db.listCollections({ name: 'people' }, { nameOnly: false }).toArray();
    expect(info && 'options' in info ? info.options : undefined).toMatchObject({
      validationLevel: 'off',
      validationAction: 'error',
    });
  });

  it('supports query-operator validators', async () => {
    await own.db.createCollection('prices', {
      validator: { price: { $gt: 0 }, currency: { $in: ['EUR', 'USD'] } },
    });
    await own.db.collection('prices').insertOne({ price: 2, currency: 'EUR' });
    const error = await failure(
      own.db.collection('prices').insertOne({ price: 0, currency: 'EUR' }),
    );
    expect(error.code).toBe(121);
    expect(error.errInfo?.details).toMatchObject({
      operatorName: '$gt',
      specifiedAs: { price: { $gt: 0 } },
    });
  });

  it('refuses bad validator options with BadValue', async () => {
    expect(
      (await failure(own.db.createCollection('x', { validationLevel: 'sometimes' as never }))).code,
    ).toBe(2);
    expect((await failure(own.db.command({ collMod: 'nope', validationLevel: 'off' }))).code).toBe(
      26,
    );
  });

  it('validates a tuple in draft 4 form: items by position, additionalItems false or a schema', async () => {
    const tuple = (additionalItems: unknown) => ({
      $jsonSchema: {
        properties: {
          pair: {
            bsonType: 'array',
            items: [{ bsonType: 'string' }, { bsonType: 'int' }],
            additionalItems,
          },
        },
      },
    });
    await own.db.createCollection('closed', { validator: tuple(false) });
    await own.db.createCollection('open', { validator: tuple({ bsonType: 'bool' }) });
    const closed = own.db.collection<{ pair: unknown[] }>('closed');
    const open = own.db.collection<{ pair: unknown[] }>('open');
    await closed.insertOne({ pair: ['a', 1] });
    await open.insertMany([{ pair: ['a', 1, true, false] }, { pair: ['a'] }]);
    for (const [c, pair] of [
      [closed, ['a', 'b']],
      [closed, ['a', 1, 2]],
      [open, ['a', 1, 'x']],
      [open, [1]],
    ] as const) {
      expect([pair, (await failure(c.insertOne({ pair: [...pair] }))).code]).toEqual([pair, 121]);
    }
  });

  it('refuses the $jsonSchema keywords mongod refuses (9 FailedToParse), at any depth', async () => {
    const refused = [
      { type: 'integer' },
      { properties: { n: { type: ['null', 'integer'] } } },
      { properties: { email: { bsonType: 'string', format: 'email' } } },
      { items: { $ref: '#/definitions/x' } },
      { $schema: 'http://json-schema.org/draft-04/schema#' },
      { anyOf: [{ bsonType: 'string', default: 'x' }] },
      { properties: { a: { nullable: true } } },
    ];
    for (const [i, $jsonSchema] of refused.entries()) {
      const error = await failure(
        own.db.createCollection(`schema${i}`, { validator: { $jsonSchema } }),
      );
      expect([JSON.stringify($jsonSchema), error.code]).toEqual([JSON.stringify($jsonSchema), 9]);
    }
    await own.db.createCollection('accepted', {
      validator: {
        $jsonSchema: {
          bsonType: 'object',
          title: 't',
          required: ['n'],
          properties: { n: { bsonType: ['int', 'long'], minimum: 0, description: 'd' } },
          additionalProperties: false,
        },
      },
    });
    expect(
      (
        await failure(
          own.db.command({ collMod: 'accepted', validator: { $jsonSchema: { format: 'x' } } }),
        )
      ).code,
    ).toBe(9);
  });
});
