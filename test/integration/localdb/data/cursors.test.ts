import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

describe('cursors through the mongodb driver', () => {
  const own = useTestDb('cur', async (db) => {
    await db
      .collection('n')
      .insertMany(Array.from({ length: 25 }, (_, i) => ({ _id: i })) as never[]);
  });

  it('answers find with a Long cursor id, a first batch and the namespace', async () => {
    const reply = await own.db.command({ find: 'n', filter: {}, batchSize: 10, sort: { _id: 1 } });
    expect(reply.cursor.ns).toBe(`${own.db.databaseName}.n`);
    expect(reply.cursor.firstBatch).toHaveLength(10);
    expect(
      typeof reply.cursor.id === 'bigint' || reply.cursor.id?.constructor.name === 'Long',
    ).toBe(true);
    const more = await own.db.command({ getMore: reply.cursor.id, collection: 'n', batchSize: 10 });
    expect(more.cursor.nextBatch.map((d: { _id: number }) => d._id)).toEqual([
      10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
    const last = await own.db.command({ getMore: reply.cursor.id, collection: 'n' });
    expect(last.cursor.nextBatch).toHaveLength(5);
    expect(Number(last.cursor.id)).toBe(0);
    expect(
      (await failure(own.db.command({ getMore: reply.cursor.id, collection: 'n' }))).code,
    ).toBe(43);
  });

  it('iterates with a small batchSize through getMore in the driver', async () => {
    const ids = (
      await own.db
        .collection('n')
        .find({}, { batchSize: 2, sort: { _id: -1 } })
        .toArray()
    ).map((d) => d._id);
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => 24 - i));
  });

  it('applies skip and limit, and closes a singleBatch cursor after its first batch', async () => {
    const page = await own.db
      .collection('n')
      .find({}, { sort: { _id: 1 }, skip: 5, limit: 3 })
      .toArray();
    expect(page.map((d) => d._id)).toEqual([5, 6, 7]);
    const single = await own.db.command({ find: 'n', limit: 4, batchSize: 2, singleBatch: true });
    expect(single.cursor.firstBatch).toHaveLength(2);
    expect(Number(single.cursor.id)).toBe(0);
  });

  it('kills cursors and reports killed and unknown ids', async () => {
    const reply = await own.db.command({ find: 'n', batchSize: 1 });
    const killed = await own.db.command({ killCursors: 'n', cursors: [reply.cursor.id, 12345] });
    expect(killed.cursorsKilled.map(Number)).toEqual([Number(reply.cursor.id)]);
    expect(killed.cursorsNotFound.map(Number)).toEqual([12345]);
    expect(killed).toMatchObject({ cursorsAlive: [], cursorsUnknown: [] });
    expect(
      (await failure(own.db.command({ getMore: reply.cursor.id, collection: 'n' }))).code,
    ).toBe(43);
    const cursor = own.db.collection('n').find({}, { batchSize: 1 });
    await cursor.next();
    await cursor.close();
  });
});
