import { MongoBulkWriteError, type MongoServerError } from 'mongodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

describe('CRUD through the mongodb driver', () => {
  const own = useTestDb('crud');
  beforeEach(async () => {
    await own.db.collection('items').drop();
  });

  it('inserts ordered batches up to the first error and unordered ones past it', async () => {
    const items = own.db.collection('items');
    await items.insertOne({ _id: 2, v: 'existing' } as never);
    const ordered = await items
      .insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }] as never[])
      .catch((e) => e);
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    expect(ordered.result.insertedCount).toBe(1);
    expect(ordered.writeErrors[0]).toMatchObject({ index: 1, code: 11000 });
    const unordered = await items
      .insertMany([{ _id: 4 }, { _id: 2 }, { _id: 5 }] as never[], { ordered: false })
      .catch((e) => e);
    expect(unordered.result.insertedCount).toBe(2);
    expect(unordered.writeErrors.map((e: { index: number }) => e.index)).toEqual([1]);
    expect((await items.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual([
      1, 2, 4, 5,
    ]);
  });

  it('generates an ObjectId _id placed first', async () => {
    const items = own.db.collection('items');
    await own.db.command({ insert: 'items', documents: [{ name: 'a', n: 1 }] });
    const [doc] = await items.find({}).toArray();
    expect(Object.keys(doc ?? {})[0]).toBe('_id');
    expect(doc?._id?.constructor.name).toBe('ObjectId');
  });

  it('updates one and many, with upsert, arrayFilters and pipelines', async () => {
    const items = own.db.collection('items');
    await items.insertMany([
      { _id: 1, qty: 5, grades: [80, 95, 100] },
      { _id: 2, qty: 15, grades: [70, 99] },
    ] as never[]);
    const one = await items.updateOne({ qty: { $gt: 1 } }, { $inc: { qty: 1 } });
    expect(one).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    const many = await items.updateMany(
      {},
      { $set: { 'grades.$[g]': 0 } },
      { arrayFilters: [{ g: { $gte: 95 } }] },
    );
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect((await items.findOne({ _id: 1 as never }))?.grades).toEqual([80, 0, 0]);
    const noop = await items.updateOne({ _id: 1 as never }, { $set: { qty: 6 } });
    expect(noop).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    const up = await items.updateOne(
      { _id: 7 as never, kind: 'new' },
      { $set: { qty: 1 }, $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect(up).toMatchObject({ upsertedCount: 1, upsertedId: 7, matchedCount: 0 });
    expect(await items.findOne({ _id: 7 as never })).toEqual({
      _id: 7,
      kind: 'new',
      qty: 1,
      created: true,
    });
    const pipeline = await items.updateMany({ _id: { $lt: 3 } as never }, [
      { $set: { total: { $add: ['$qty', 100] } } },
    ]);
    expect(pipeline.modifiedCount).toBe(2);
    expect((await items.findOne({ _id: 2 as never }))?.total).toBe(115);
  });

  it('replaces and deletes', async () => {
    const items = own.db.collection('items');
    await items.insertMany([
      { _id: 1, a: 1 },
      { _id: 2, a: 2 },
      { _id: 3, a: 2 },
    ] as never[]);
    expect(await items.replaceOne({ _id: 1 as never }, { b: 9 })).toMatchObject({
      matchedCount: 1,
      modifiedCount: 1,
    });
    expect(await items.findOne({ _id: 1 as never })).toEqual({ _id: 1, b: 9 });
    const upserted = await items.replaceOne({ _id: 9 as never }, { c: 1 }, { upsert: true });
    expect(upserted.upsertedId).toBe(9);
    expect((await items.deleteOne({ a: 2 })).deletedCount).toBe(1);
    expect((await items.deleteMany({})).deletedCount).toBe(3);
  });

  it('findOneAndUpdate/Replace/Delete return the before or after document', async () => {
    const items = own.db.collection('items');
    await items.insertMany([
      { _id: 1, n: 1 },
      { _id: 2, n: 2 },
    ] as never[]);
    const before = await items.findOneAndUpdate(
      { n: { $gte: 1 } },
      { $inc: { n: 10 } },
      { sort: { n: -1 } },
    );
    expect(before).toEqual({ _id: 2, n: 2 });
    const after = await items.findOneAndUpdate(
      { _id: 1 as never },
      { $inc: { n: 10 } },
      { returnDocument: 'after', projection: { n: 1, _id: 0 } },
    );
    expect(after).toEqual({ n: 11 });
    const withMeta = await items.findOneAndReplace(
      { _id: 3 as never },
      { n: 3 },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(withMeta.value).toEqual({ _id: 3, n: 3 });
    expect(withMeta.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false, upserted: 3 });
    expect(await items.findOneAndDelete({ _id: 1 as never })).toEqual({ _id: 1, n: 11 });
    expect(await items.findOneAndDelete({ _id: 1 as never })).toBeNull();
  });

  it('runs a mixed bulkWrite and reports each kind of count', async () => {
    const items = own.db.collection('items');
    const result = await items.bulkWrite([
      { insertOne: { document: { _id: 1, v: 1 } } },
      { insertOne: { document: { _id: 2, v: 2 } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { v: 10 } } } },
      { updateMany: { filter: {}, update: { $inc: { v: 1 } } } },
      { replaceOne: { filter: { _id: 2 }, replacement: { v: 0 } } },
      { updateOne: { filter: { _id: 3 }, update: { $set: { v: 3 } }, upsert: true } },
      { deleteOne: { filter: { _id: 1 } } },
    ] as never[]);
    expect(result).toMatchObject({
      insertedCount: 2,
      matchedCount: 4,
      modifiedCount: 4,
      deletedCount: 1,
      upsertedCount: 1,
    });
    expect(await items.find({}, { sort: { _id: 1 } }).toArray()).toEqual([
      { _id: 2, v: 0 },
      { _id: 3, v: 3 },
    ]);
  });

  it('answers bad arguments with MongoDB error codes', async () => {
    const err = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: MongoServerError) => e.code,
      );
    expect(await err(own.db.command({ find: 'items', filter: 'x' }))).toBe(14);
    expect(await err(own.db.command({ find: 'items', bogus: 1 }))).toBe(40415);
    expect(await err(own.db.command({ find: 'items', skip: -1 }))).toBe(2);
    expect(await err(own.db.command({ find: 'items', filter: { a: { $bogus: 1 } } }))).toBe(2);
    expect(await err(own.db.command({ count: 'items', query: { a: { $bogus: 1 } } }))).toBe(2);
    expect(await err(own.db.command({ findAndModify: 'items', query: {} }))).toBe(9);
    expect(await err(own.db.command({ aggregate: 'items', pipeline: [] }))).toBe(9);
    expect(
      await err(own.db.command({ aggregate: 'items', pipeline: [{ $nope: 1 }], cursor: {} })),
    ).toBe(40324);
  });
});
