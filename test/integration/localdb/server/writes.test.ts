import type { Timestamp } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useOwnLocalDb } from '#test/support/own-localdb.ts';

// The write path through the server: unacknowledged writes, opcounters per document, cluster time.
describe('writes through the server', () => {
  const own = useOwnLocalDb();
  const { started } = own;

  it('executes an unacknowledged (w: 0) insert without a reply', async () => {
    const items = own.client.db('writes').collection('unacked');
    const result = await items.insertOne({ n: 1 }, { writeConcern: { w: 0 } });
    expect(result.acknowledged).toBe(false);
    await expect.poll(() => items.countDocuments({ n: 1 })).toBe(1);
  });

  it('counts inserts, updates and deletes per statement, finds as queries', async () => {
    const items = own.client.db('writes').collection('counted');
    const before = { ...own.db.state.opcounters };
    await items.insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
    await items.bulkWrite([
      { updateOne: { filter: { a: 1 }, update: { $set: { b: 1 } } } },
      { updateOne: { filter: { a: 2 }, update: { $set: { b: 2 } } } },
    ]);
    await items.deleteOne({ a: 3 });
    await items.find({}).toArray();
    const after = own.db.state.opcounters;
    expect(after.insert - before.insert).toBe(3);
    expect(after.update - before.update).toBe(2);
    expect(after.delete - before.delete).toBe(1);
    expect(after.query - before.query).toBe(1);
  });

  it('advances operationTime with each write, not with reads', async () => {
    const session = own.client.startSession();
    try {
      const items = own.client.db('writes').collection('clock');
      await items.insertOne({ x: 1 }, { session });
      const first = session.operationTime as Timestamp;
      await items.findOne({}, { session });
      const afterRead = session.operationTime as Timestamp;
      await items.insertOne({ x: 2 }, { session });
      const second = session.operationTime as Timestamp;
      expect(afterRead.equals(first)).toBe(true);
      expect(second.greaterThan(first)).toBe(true);
    } finally {
      await session.endSession();
    }
  });

  it('lets the driver split batches at the advertised maxWriteBatchSize', async () => {
    const items = own.client.db('writes').collection('batched');
    const documents = Array.from({ length: 100_001 }, (_, i) => ({ i }));
    const result = await items.insertMany(documents);
    expect(result.insertedCount).toBe(100_001);
    const inserts = started.filter((event) => event.commandName === 'insert');
    const sizes = inserts.map((event) => event.command.documents.length as number);
    expect(sizes).toHaveLength(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100_000);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(100_001);
    expect(await items.countDocuments()).toBe(100_001);
  });
});
