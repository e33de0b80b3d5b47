import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

interface Entry {
  _id: number;
  pad?: string;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('capped collections', () => {
  const own = useTestDb('capped');
  const coll = (name: string) => own.db.collection<Entry>(name);

  it('keep their newest documents within max and size, in insertion order', async () => {
    await own.db.createCollection('byCount', { capped: true, size: 4096, max: 3 });
    for (const _id of range(0, 5)) await coll('byCount').insertOne({ _id });
    expect((await coll('byCount').find().toArray()).map((d) => d._id)).toEqual([2, 3, 4]);

    await own.db.createCollection('bySize', { capped: true, size: 4096 });
    for (const _id of range(0, 100)) await coll('bySize').insertOne({ _id, pad: 'x'.repeat(150) });
    const kept = await coll('bySize').find().toArray();
    const first = kept[0]?._id ?? 0;
    expect(kept.map((d) => d._id)).toEqual(range(first, 100));
    expect(kept.reduce((sum, d) => sum + BSON.calculateObjectSize(d), 0)).toBeLessThanOrEqual(4096);
    expect(kept.length).toBeGreaterThan(10);
  });

  it('refuse what cannot fit: no size, a document larger than the cap, writes in a transaction', async () => {
    expect((await failure(own.db.createCollection('noSize', { capped: true }))).code).toBe(72);
    await own.db.createCollection('small', { capped: true, size: 4096 });
    expect((await failure(coll('small').insertOne({ _id: 1, pad: 'x'.repeat(5000) }))).code).toBe(
      2,
    );
    const session = own.client.startSession();
    try {
      session.startTransaction();
      expect((await failure(coll('small').insertOne({ _id: 2 }, { session }))).code).toBe(263);
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
    expect(await coll('small').countDocuments()).toBe(0);
  });

  it('answer $collStats with their cap, counts and sizes', async () => {
    await own.db.createCollection('stats', { capped: true, size: 10_000, max: 50 });
    await coll('stats').insertMany(range(0, 4).map((_id) => ({ _id, pad: 'abc' })));
    const [stats] = await coll('stats')
      .aggregate([{ $collStats: { storageStats: {}, count: {} } }])
      .toArray();
    expect(stats?.count).toBe(4);
    expect(stats?.storageStats).toMatchObject({ count: 4, capped: true, max: 50, nindexes: 1 });
    expect(stats?.storageStats.maxSize).toBeGreaterThanOrEqual(10_000);
    expect(stats?.storageStats.size).toBe(4 * BSON.calculateObjectSize({ _id: 0, pad: 'abc' }));
    expect(
      (
        await failure(
          coll('absent')
            .aggregate([{ $collStats: { count: {} } }])
            .toArray(),
        )
      ).code,
    ).toBe(26);
  });
});

describe('tailable cursors', () => {
  const own = useTestDb('tailable');
  const coll = (name: string) => own.db.collection<Entry>(name);

  it('read a capped collection to its end, then wait for what is inserted next', async () => {
    await own.db.createCollection('feed', { capped: true, size: 4096 });
    await coll('feed').insertMany([{ _id: 1 }, { _id: 2 }]);
    const cursor = coll('feed').find(
      { _id: { $ne: 3 } },
      { tailable: true, awaitData: true, maxAwaitTimeMS: 10_000 },
    );
    expect([(await cursor.next())?._id, (await cursor.next())?._id]).toEqual([1, 2]);
    const next = cursor.next();
    setTimeout(() => void coll('feed').insertMany([{ _id: 3 }, { _id: 4 }]), 100);
    expect((await next)?._id).toBe(4);
    await cursor.close();
  });

  it('die with CappedPositionLost when eviction removes their position', async () => {
    await own.db.createCollection('short', { capped: true, size: 4096, max: 2 });
    await coll('short').insertMany([{ _id: 1 }, { _id: 2 }]);
    const cursor = coll('short').find({}, { tailable: true, batchSize: 1 });
    expect((await cursor.next())?._id).toBe(1);
    await coll('short').insertMany([{ _id: 3 }, { _id: 4 }]);
    expect((await failure(cursor.next())).code).toBe(136);
  });

  it('are refused on collections that are not capped', async () => {
    await coll('plain').insertOne({ _id: 1 });
    expect((await failure(coll('plain').find({}, { tailable: true }).toArray())).code).toBe(2);
  });
});
