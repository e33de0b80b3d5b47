import type { Document } from 'mongodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '#test/support/in-transaction.ts';
import { useTwoClientsOnOneDb } from './two-clients.ts';

/** What a transaction sees and what others see of it (real driver, the run's database). */
describe('transactions: commit, abort and snapshot isolation', () => {
  const [own, other] = useTwoClientsOnOneDb('txn_visibility');
  beforeEach(async () => {
    await own.db.collection('c').deleteMany({});
    await own.db.collection('c').insertMany([{ _id: 1, n: 0 }] as Document[]);
  });

  it('writes are seen inside the transaction, by nobody else until commit, by all after', () =>
    inTransaction(own.client, async (session) => {
      await own.db.collection('c').insertOne({ _id: 2 } as Document, { session });
      await own.db
        .collection('c')
        .updateOne({ _id: 1 } as Document, { $inc: { n: 1 } }, { session });
      expect(await own.db.collection('c').find({}, { session }).toArray()).toEqual([
        { _id: 1, n: 1 },
        { _id: 2 },
      ]);
      expect(await other.db.collection('c').find().toArray()).toEqual([{ _id: 1, n: 0 }]);
      expect(await own.db.collection('c').countDocuments()).toBe(1);
      await session.commitTransaction();
      expect(await other.db.collection('c').find().toArray()).toEqual([
        { _id: 1, n: 1 },
        { _id: 2 },
      ]);
    }));

  it('abort rolls every write back', () =>
    inTransaction(own.client, async (session) => {
      await own.db.collection('c').insertOne({ _id: 2 } as Document, { session });
      await own.db.collection('c').deleteOne({ _id: 1 } as Document, { session });
      await own.db.collection('c').updateMany({}, { $set: { x: 1 } }, { session });
      await session.abortTransaction();
      expect(await own.db.collection('c').find().toArray()).toEqual([{ _id: 1, n: 0 }]);
    }));

  it('a transaction reads its snapshot: later commits by others stay invisible to it', () =>
    inTransaction(own.client, async (session) => {
      expect(await own.db.collection('c').findOne({ _id: 1 } as Document, { session })).toEqual({
        _id: 1,
        n: 0,
      });
      await other.db.collection('c').updateOne({ _id: 1 } as Document, { $set: { n: 42 } });
      await other.db.collection('c').insertOne({ _id: 3 } as Document);
      expect(await own.db.collection('c').find({}, { session }).toArray()).toEqual([
        { _id: 1, n: 0 },
      ]);
      const grouped = await own.db
        .collection('c')
        .aggregate([{ $group: { _id: null, total: { $sum: '$n' } } }], { session })
        .toArray();
      expect(grouped).toEqual([{ _id: null, total: 0 }]);
      await session.commitTransaction();
      expect(await own.db.collection('c').find().toArray()).toEqual([
        { _id: 1, n: 42 },
        { _id: 3 },
      ]);
    }));

  it('the snapshot is taken at the first statement, for every collection it later reads', async () => {
    await own.db.collection('d').deleteMany({});
    await own.db.collection('d').insertOne({ _id: 'd1', v: 1 } as Document);
    const session = own.client.startSession();
    try {
      session.startTransaction();
      await own.db.collection('c').findOne({}, { session });
      await other.db.collection('d').updateOne({ _id: 'd1' } as Document, { $set: { v: 2 } });
      expect(await own.db.collection('d').findOne({}, { session })).toEqual({ _id: 'd1', v: 1 });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
  });

  it('a collection created in a transaction (with its index) exists for others only after commit', async () => {
    const name = `created_${Date.now()}`;
    const session = own.client.startSession();
    try {
      session.startTransaction();
      await own.db.createCollection(name, { session });
      await own.db.collection(name).createIndex({ k: 1 }, { session, name: 'k_1' });
      await own.db.collection(name).insertOne({ k: 1 }, { session });
      const before = await other.db.listCollections({ name }).toArray();
      expect(before).toEqual([]);
      await session.commitTransaction();
      const indexes = await other.db.collection(name).indexes();
      expect(indexes.map((index) => index.name)).toEqual(['_id_', 'k_1']);
      expect(await other.db.collection(name).countDocuments()).toBe(1);
    } finally {
      await session.endSession();
    }
  });

  it('client.withSession + session.withTransaction commit the callback writes', async () => {
    await own.client.withSession(async (session) => {
      await session.withTransaction(async () => {
        await own.db.collection('c').insertOne({ _id: 'w' } as Document, { session });
        await own.db
          .collection('c')
          .updateOne({ _id: 1 } as Document, { $inc: { n: 5 } }, { session });
      });
    });
    expect(await other.db.collection('c').find().toArray()).toEqual([
      { _id: 1, n: 5 },
      { _id: 'w' },
    ]);
  });

  it('a withTransaction callback that throws leaves nothing behind', async () => {
    const failing = own.client.withSession((session) =>
      session.withTransaction(async () => {
        await own.db.collection('c').insertOne({ _id: 'gone' } as Document, { session });
        throw new Error('callback failed');
      }),
    );
    await expect(failing).rejects.toThrow('callback failed');
    expect(await own.db.collection('c').countDocuments({ _id: 'gone' } as Document)).toBe(0);
  });
});
