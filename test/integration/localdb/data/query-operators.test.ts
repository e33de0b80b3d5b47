import { BSONRegExp } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

describe('query operators mingo reads differently from MongoDB', () => {
  const own = useTestDb('query_operators', (db) =>
    db.collection('items').insertMany([
      { _id: 1, a: [1, 2, 3] },
      { _id: 2, a: 4.9 },
      { _id: 3, a: 5 },
      { _id: 4, a: '5' },
      { _id: 5, a: -3 },
      { _id: 6, s: 'ab' },
      { _id: 7, s: 'a b' },
    ] as never[]),
  );
  const ids = async (filter: object) =>
    (
      await own.db
        .collection('items')
        .find(filter, { sort: { _id: 1 } })
        .toArray()
    ).map((d) => d._id);

  it('ranges leave NaN out unless the bound is NaN itself', async () => {
    const coll = own.db.collection('nan');
    await coll.insertMany([
      { _id: 1, n: Number.NaN },
      { _id: 2, n: 1 },
      { _id: 3, n: [Number.NaN, -1] },
    ] as never[]);
    const matched = async (filter: object) =>
      (await coll.find(filter, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await matched({ n: { $gte: 0 } })).toEqual([2]);
    expect(await matched({ n: { $lt: 5 } })).toEqual([2, 3]);
    expect(
      await matched({ $and: [{ n: { $gte: 0 } }, { $or: [{ _id: 1 }, { _id: 2 }] }] }),
    ).toEqual([2]);
    expect(await matched({ n: { $lte: Number.NaN } })).toEqual([1, 3]);
    expect(await matched({ n: { $gt: Number.NaN } })).toEqual([]);
  });

  it('$mod matches numbers only, truncated, array elements too', async () => {
    expect(await ids({ a: { $mod: [2, 1] } })).toEqual([1, 3]);
    expect(await ids({ a: { $mod: [2.9, 0] } })).toEqual([1, 2]);
    expect(await ids({ a: { $mod: [2, -1] } })).toEqual([5]);
  });

  it('$mod refuses a malformed argument', async () => {
    for (const spec of [[2], [2, 1, 0], ['2', 1], [0, 1]]) {
      await expect(ids({ a: { $mod: spec } })).rejects.toMatchObject({ code: 2 });
    }
  });

  it('$regex reads the x option (whitespace and # comments ignored) and refuses unknown ones', async () => {
    expect(await ids({ s: { $regex: 'a b # a comment\n', $options: 'x' } })).toEqual([6]);
    expect(await ids({ s: new BSONRegExp('a b', 'x') })).toEqual([6]);
    expect(await ids({ s: { $regex: 'a[ ]b', $options: 'x' } })).toEqual([7]);
    const piped = await own.db
      .collection('items')
      .aggregate([{ $match: { s: { $regex: 'A B', $options: 'ix' } } }])
      .toArray();
    expect(piped.map((d) => d._id)).toEqual([6]);
    await expect(ids({ s: { $regex: 'a', $options: 'q' } })).rejects.toMatchObject({ code: 51108 });
    await expect(ids({ s: { $regex: '(' } })).rejects.toMatchObject({ code: 51091 });
  });
});

describe('filters read as mongod reads them (filter-normalize.ts)', () => {
  const own = useTestDb('filter_normalize', (db) =>
    db.collection('tagged').insertMany([
      { _id: 1, tags: ['x', 'y'] },
      { _id: 2, tags: 'x' },
      { _id: 3, tags: ['y'] },
    ] as never[]),
  );
  const tagged = () => own.db.collection<{ _id: number }>('tagged');
  const ids = async (filter: object) => (await tagged().find(filter).toArray()).map((d) => d._id);
  const matched = async (filter: object) =>
    (
      await tagged()
        .aggregate([{ $match: filter }])
        .toArray()
    ).map((d) => d._id);

  it('matches $all on a field holding the value itself, in find and in $match', async () => {
    expect(await ids({ tags: { $all: ['x'] } })).toEqual([1, 2]);
    expect(await matched({ tags: { $all: ['x', 'y'] } })).toEqual([1]);
    expect(await ids({ tags: { $all: [] } })).toEqual([]);
  });

  it('ignores $comment, and refuses an empty $and, $or or $nor', async () => {
    expect(await ids({ $comment: 'why', _id: 2 })).toEqual([2]);
    expect(await matched({ $comment: 'why', _id: 3 })).toEqual([3]);
    for (const op of ['$and', '$or', '$nor']) {
      expect(
        (
          await failure(
            tagged()
              .find({ [op]: [] })
              .toArray(),
          )
        ).code,
      ).toBe(2);
    }
  });
});
