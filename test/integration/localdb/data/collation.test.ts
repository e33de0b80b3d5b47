import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

const caseInsensitive = { locale: 'en_US', strength: 2 };

describe('collation through the mongodb driver', () => {
  const own = useTestDb('coll');

  it('matches case-insensitively in find, count, distinct, aggregate, update and delete', async () => {
    const c = own.db.collection<{ _id: number; x: string }>('words');
    await c.insertMany([
      { _id: 1, x: 'ping' },
      { _id: 2, x: 'PING' },
      { _id: 3, x: 'pong' },
      { _id: 4, x: 'péng' },
    ]);
    expect(
      (await c.find({ x: 'PING' }, { collation: caseInsensitive }).toArray()).map((d) => d._id),
    ).toEqual([1, 2]);
    expect((await c.find({ x: 'PING' }).toArray()).map((d) => d._id)).toEqual([2]);
    expect(await c.countDocuments({ x: 'ping' }, { collation: caseInsensitive })).toBe(2);
    expect(
      await c.countDocuments({ x: 'peng' }, { collation: { locale: 'en', strength: 1 } }),
    ).toBe(1);
    expect(
      (await c.distinct('x', { _id: { $lt: 3 } }, { collation: caseInsensitive })).length,
    ).toBe(1);
    const matched = await c
      .aggregate([{ $match: { x: 'PING' } }], { collation: caseInsensitive })
      .toArray();
    expect(matched).toEqual([
      { _id: 1, x: 'ping' },
      { _id: 2, x: 'PING' },
    ]);
    expect(
      (await c.updateOne({ x: 'PONG' }, { $set: { x: 'done' } }, { collation: caseInsensitive }))
        .modifiedCount,
    ).toBe(1);
    expect((await c.deleteMany({ x: 'PiNg' }, { collation: caseInsensitive })).deletedCount).toBe(
      2,
    );
  });

  it('sorts strings by the collation', async () => {
    const c = own.db.collection<{ _id: number; s: string }>('sorted');
    await c.insertMany([
      { _id: 1, s: 'b' },
      { _id: 2, s: 'B' },
      { _id: 3, s: 'a' },
      { _id: 4, s: 'C' },
    ]);
    const binary = (await c.find({}, { sort: { s: 1 } }).toArray()).map((d) => d.s);
    expect(binary).toEqual(['B', 'C', 'a', 'b']);
    const english = (
      await c.find({}, { sort: { s: 1, _id: 1 }, collation: { locale: 'en' } }).toArray()
    ).map((d) => d.s);
    expect(english).toEqual(['a', 'b', 'B', 'C']);
  });
});
