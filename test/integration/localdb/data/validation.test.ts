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
});
