import type { Db, Document, MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectTestClient, uniqueDbName } from '#test/support/database.ts';

/** What a transaction sees and what others see of it (real driver, the run's database). */
describe('transactions: commit, abort and snapshot isolation', () => {
  let client: MongoClient;
  let other: MongoClient;
  let db: Db;
  let otherDb: Db;

  beforeAll(async () => {
    client = await connectTestClient();
    other = await connectTestClient();
    const name = uniqueDbName('txn_visibility');
    db = client.db(name);
    otherDb = other.db(name);
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
    await other?.close();
  });
  beforeEach(async () => {
    await db.collection('c').deleteMany({});
    await db.collection('c').insertMany([{ _id: 1, n: 0 }] as Document[]);
  });

  it('writes are seen inside the transaction, by nobody else until commit, by all after', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      await db.collection('c').insertOne({ _id: 2 } as Document, { session });
      await db.collection('c').updateOne({ _id: 1 } as Document, { $inc: { n: 1 } }, { session });
      expect(await db.collection('c').find({}, { session }).toArray()).toEqual([
        { _id: 1, n: 1 },
        { _id: 2 },
      ]);
      expect(await otherDb.collection('c').find().toArray()).toEqual([{ _id: 1, n: 0 }]);
      expect(await db.collection('c').countDocuments()).toBe(1);
      await session.commitTransaction();
      expect(await otherDb.collection('c').find().toArray()).toEqual([
        { _id: 1, n: 1 },
        { _id: 2 },
      ]);
    } finally {
      await session.endSession();
    }
  });

  it('abort rolls every write back', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      await db.collection('c').insertOne({ _id: 2 } as Document, { session });
      await db.collection('c').deleteOne({ _id: 1 } as Document, { session });
      await db.collection('c').updateMany({}, { $set: { x: 1 } }, { session });
      await session.abortTransaction();
      expect(await db.collection('c').find().toArray()).toEqual([{ _id: 1, n: 0 }]);
    } finally {
      await session.endSession();
    }
  });

  it('a transaction reads its snapshot: later commits by others stay invisible to it', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      expect(await db.collection('c').findOne({ _id: 1 } as Document, { session })).toEqual({
        _id: 1,
        n: 0,
      });
      await otherDb.collection('c').updateOne({ _id: 1 } as Document, { $set: { n: 42 } });
      await otherDb.collection('c').insertOne({ _id: 3 } as Document);
      expect(await db.collection('c').find({}, { session }).toArray()).toEqual([{ _id: 1, n: 0 }]);
      const grouped = await db
        .collection('c')
        .aggregate([{ $group: { _id: null, total: { $sum: '$n' } } }], { session })
        .toArray();
      expect(grouped).toEqual([{ _id: null, total: 0 }]);
      await session.commitTransaction();
      expect(await db.collection('c').find().toArray()).toEqual([{ _id: 1, n: 42 }, { _id: 3 }]);
    } finally {
      await session.endSession();
    }
  });

  it('the snapshot is taken at the first statement, for every collection it later reads', async () => {
    await db.collection('d').deleteMany({});
    await db.collection('d').insertOne({ _id: 'd1', v: 1 } as Document);
    const session = client.startSession();
    try {
      session.startTransaction();
      await db.collection('c').findOne({}, { session });
      await otherDb.collection('d').updateOne({ _id: 'd1' } as Document, { $set: { v: 2 } });
      expect(await db.collection('d').findOne({}, { session })).toEqual({ _id: 'd1', v: 1 });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
  });

  it('a collection created in a transaction (with its index) exists for others only after commit', async () => {
    const name = `created_${Date.now()}`;
    const session = client.startSession();
    try {
      session.startTransaction();
      await db.createCollection(name, { session });
      await db.collection(name).createIndex({ k: 1 }, { session, name: 'k_1' });
      await db.collection(name).insertOne({ k: 1 }, { session });
      const before = await otherDb.listCollections({ name }).toArray();
      expect(before).toEqual([]);
      await session.commitTransaction();
      const indexes = await otherDb.collection(name).indexes();
      expect(indexes.map((index) => index.name)).toEqual(['_id_', 'k_1']);
      expect(await otherDb.collection(name).countDocuments()).toBe(1);
    } finally {
      await session.endSession();
    }
  });

  it('client.withSession + session.withTransaction commit the callback writes', async () => {
    await client.withSession(async (session) => {
      await session.withTransaction(async () => {
        await db.collection('c').insertOne({ _id: 'w' } as Document, { session });
        await db.collection('c').updateOne({ _id: 1 } as Document, { $inc: { n: 5 } }, { session });
      });
    });
    expect(await otherDb.collection('c').find().toArray()).toEqual([
      { _id: 1, n: 5 },
      { _id: 'w' },
    ]);
  });

  it('a withTransaction callback that throws leaves nothing behind', async () => {
    const failing = client.withSession((session) =>
      session.withTransaction(async () => {
        await db.collection('c').insertOne({ _id: 'gone' } as Document, { session });
        throw new Error('callback failed');
      }),
    );
    await expect(failing).rejects.toThrow('callback failed');
    expect(await db.collection('c').countDocuments({ _id: 'gone' } as Document)).toBe(0);
  });
});
