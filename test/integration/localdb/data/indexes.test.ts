import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

describe('indexes through the mongodb driver', () => {
  const own = useTestDb('idx');

  it('creates indexes (implicitly creating the collection) and lists them as MongoDB names them', async () => {
    const reply = await own.db.command({
      createIndexes: 'people',
      indexes: [{ key: { last: 1, first: -1 }, name: 'last_1_first_-1' }],
    });
    expect(reply).toMatchObject({
      numIndexesBefore: 1,
      numIndexesAfter: 2,
      createdCollectionAutomatically: true,
      ok: 1,
    });
    expect(await own.db.collection('people').createIndex({ email: 1 }, { unique: true })).toBe(
      'email_1',
    );
    const again = await own.db.command({
      createIndexes: 'people',
      indexes: [{ key: { email: 1 }, name: 'email_1', unique: true }],
    });
    expect(again).toMatchObject({
      numIndexesBefore: 3,
      numIndexesAfter: 3,
      note: 'all indexes already exist',
    });
    expect(await own.db.collection('people').listIndexes().toArray()).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { last: 1, first: -1 }, name: 'last_1_first_-1' },
      { v: 2, key: { email: 1 }, name: 'email_1', unique: true },
    ]);
  });

  it('refuses duplicate unique keys with E11000, keyPattern and keyValue, leaving no trace', async () => {
    const people = own.db.collection('people');
    await people.insertOne({ _id: 1, email: 'a@x', n: 1 } as never);
    const dup = await failure(people.insertOne({ _id: 2, email: 'a@x' } as never));
    expect(dup.code).toBe(11000);
    expect(dup.message).toBe(
      'E11000 duplicate key error collection: ' +
        own.db.databaseName +
        '.people index: email_1 dup key: { email: "a@x" }',
    );
    expect(dup.keyPattern).toEqual({ email: 1 });
    expect(dup.keyValue).toEqual({ email: 'a@x' });
    expect(await people.findOne({ _id: 2 as never })).toBeNull();
    await people.insertOne({ _id: 3, email: 'b@x' } as never);
    const clash = await failure(
      people.updateOne({ _id: 3 as never }, { $set: { email: 'a@x', n: 9 } }),
    );
    expect(clash.code).toBe(11000);
    expect(await people.findOne({ _id: 3 as never })).toEqual({ _id: 3, email: 'b@x' });
    const idDup = await failure(people.insertOne({ _id: 1 } as never));
    expect(idDup.keyPattern).toEqual({ _id: 1 });
    expect(idDup.message).toContain('index: _id_ dup key: { _id: 1 }');
  });

  it('honours sparse, partial and compound unique indexes', async () => {
    const c = own.db.collection('opts');
    await c.createIndex({ nick: 1 }, { unique: true, sparse: true });
    await c.createIndex({ code: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([{ _id: 1 }, { _id: 2 }] as never[]);
    await c.insertMany([
      { _id: 3, code: 'x', active: false },
      { _id: 4, code: 'x', active: true },
    ] as never[]);
    expect(
      (await failure(c.insertOne({ _id: 5, code: 'x', active: true } as never))).keyValue,
    ).toEqual({ code: 'x' });
    const compound = own.db.collection('compound');
    await compound.createIndex({ a: 1, b: 1 }, { unique: true });
    await compound.insertOne({ _id: 6, a: 1, b: 2 } as never);
    await compound.insertOne({ _id: 7, a: 1, b: 3 } as never);
    expect((await failure(compound.insertOne({ _id: 8, a: 1, b: 2 } as never))).keyValue).toEqual({
      a: 1,
      b: 2,
    });
    // Missing fields index as null, so a second document without a or b collides too.
    await compound.insertOne({ _id: 9 } as never);
    expect((await failure(compound.insertOne({ _id: 10 } as never))).keyValue).toEqual({
      a: null,
      b: null,
    });
  });

  it('finds by indexed equality including array elements (multikey)', async () => {
    const c = own.db.collection<{ _id: number; tags: string | string[] }>('tags');
    await c.createIndex({ tags: 1 });
    await c.insertMany([
      { _id: 1, tags: ['red', 'blue'] },
      { _id: 2, tags: 'red' },
      { _id: 3, tags: ['green'] },
    ]);
    expect((await c.find({ tags: 'red' }).toArray()).map((d) => d._id).sort()).toEqual([1, 2]);
    expect((await c.find({ tags: 'red', _id: { $gt: 1 } }).toArray()).map((d) => d._id)).toEqual([
      2,
    ]);
    await c.updateOne({ _id: 1 }, { $pull: { tags: 'red' } } as never);
    expect((await c.find({ tags: 'red' }).toArray()).map((d) => d._id)).toEqual([2]);
  });

  it('fails to build a unique index over duplicates', async () => {
    const c = own.db.collection('dups');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    expect((await failure(c.createIndex({ k: 1 }, { unique: true }))).code).toBe(11000);
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('refuses a partial filter mongod refuses (67), takes the ones it takes', async () => {
    const c = own.db.collection('partials');
    for (const partialFilterExpression of [
      { f: { $ne: 1 } },
      { f: { $exists: false } },
      { f: { $nin: [1] } },
      { f: /a/ },
      { $nor: [{ f: 1 }] },
      { f: { $not: { $gt: 1 } } },
      { $expr: { $gt: ['$f', 1] } },
    ]) {
      const error = await failure(c.createIndex({ f: 1 }, { partialFilterExpression }));
      expect([String(Object.entries(partialFilterExpression)), error.code]).toEqual([
        String(Object.entries(partialFilterExpression)),
        67,
      ]);
    }
    await c.createIndex(
      { f: 1 },
      {
        name: 'taken',
        partialFilterExpression: {
          $and: [{ f: { $exists: true, $gte: 1 } }, { $or: [{ g: 'x' }, { h: { $in: [1, 2] } }] }],
          t: { $type: 'string' },
          e: { $eq: 2 },
          d: { nested: true },
        },
      },
    );
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'taken']);
  });

  it('drops indexes by name, key and "*", with IndexNotFound for unknown ones', async () => {
    const c = own.db.collection('drops');
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: -1 } }, { key: { c: 1 } }]);
    await c.dropIndex('a_1');
    await own.db.command({ dropIndexes: 'drops', index: { b: -1 } });
    expect((await failure(c.dropIndex('nope'))).code).toBe(27);
    expect((await failure(c.dropIndex('_id_'))).code).toBe(72);
    const all = await own.db.command({ dropIndexes: 'drops', index: '*' });
    expect(all).toMatchObject({ nIndexesWas: 2, ok: 1 });
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    expect((await failure(own.db.collection('missing').listIndexes().toArray())).code).toBe(26);
  });
});
