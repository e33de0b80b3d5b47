import {
  Binary,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'mongodb';
import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

const raw = { promoteValues: false, promoteLongs: false } as const;

describe('BSON types and order through the mongodb driver', () => {
  const own = useTestDb('types');

  it('keeps int32, int64, double, decimal128, dates and binaries through insert, update and find', async () => {
    const c = own.db.collection('numbers');
    const when = new Date('2024-05-06T07:08:09.010Z');
    await c.insertOne({
      _id: 1,
      i: new Int32(7),
      l: Long.fromString('9007199254740993'),
      d: new Double(2),
      m: Decimal128.fromString('0.1'),
      when,
      bin: new Binary(Buffer.from('hi')),
    } as never);
    await c.updateOne({ _id: 1 as never }, { $set: { other: 1 } });
    const doc = await c.findOne({ _id: 1 as never }, raw);
    expect(doc?.i).toBeInstanceOf(Int32);
    expect(doc?.l).toEqual(Long.fromString('9007199254740993'));
    expect(doc?.d).toBeInstanceOf(Double);
    expect(doc?.m?.toString()).toBe('0.1');
    expect(doc?.when).toEqual(when);
    expect(doc?.bin.buffer.toString()).toBe('hi');
    const viaAggregate = await c.aggregate([{ $match: { _id: 1 } }], raw).toArray();
    expect(viaAggregate[0]?.l).toEqual(Long.fromString('9007199254740993'));
    expect(viaAggregate[0]?.d).toBeInstanceOf(Double);
    const computed = await c
      .aggregate([{ $match: { _id: 1 } }, { $set: { extra: { $add: ['$i', 1] } } }], raw)
      .toArray();
    expect(computed[0]?.l).toEqual(Long.fromString('9007199254740993'));
    expect(computed[0]?.i).toBeInstanceOf(Int32);
    expect(computed[0]?.extra).toEqual(new Int32(8));
  });

  it('keeps the type through $inc, promoting an overflowing int32 to a long like MongoDB', async () => {
    const c = own.db.collection('counters');
    await c.insertOne({
      _id: 1,
      small: new Int32(1),
      big: new Int32(2147483647),
      long: Long.fromNumber(5),
      dbl: new Double(1),
    } as never);
    await c.updateOne({ _id: 1 as never }, { $inc: { small: 1, big: 1, long: 1, dbl: 1 } });
    const doc = await c.findOne({ _id: 1 as never }, raw);
    expect(doc?.small).toEqual(new Int32(2));
    expect(doc?.big).toEqual(Long.fromNumber(2147483648));
    expect(doc?.long).toEqual(Long.fromNumber(6));
    expect(doc?.dbl).toEqual(new Double(2));
    await c.updateOne({ _id: 1 as never }, { $set: { added: Long.fromNumber(3) } });
    expect((await c.findOne({ _id: 1 as never }, raw))?.added).toEqual(Long.fromNumber(3));
  });

  it('matches numbers across int, long, double and decimal', async () => {
    const c = own.db.collection('mixed');
    await c.insertMany([
      { _id: 1, v: new Int32(3) },
      { _id: 2, v: Long.fromNumber(3) },
      { _id: 3, v: new Double(3) },
      { _id: 4, v: Decimal128.fromString('3') },
      { _id: 5, v: 4 },
    ] as never[]);
    expect(await c.countDocuments({ v: 3 })).toBe(4);
    expect(await c.countDocuments({ v: { $gt: Long.fromNumber(3) } })).toBe(1);
    const ids = async (type: unknown) =>
      (await c.find({ v: { $type: type } } as never).toArray()).map((d) => d._id);
    expect(await ids('int')).toEqual([1, 5]);
    expect(await ids('long')).toEqual([2]);
    expect(await ids(1)).toEqual([3]);
    expect(await ids(['decimal', 'long'])).toEqual([2, 4]);
    expect((await ids('number')).length).toBe(5);
  });

  it('sorts across types in BSON order', async () => {
    const c = own.db.collection('order');
    const oid = new ObjectId();
    const values = [
      new MaxKey(),
      /re/,
      new Timestamp({ t: 1, i: 1 }),
      new Date(0),
      true,
      oid,
      new Binary(Buffer.from('x')),
      [1],
      { a: 1 },
      'str',
      1.5,
      null,
      new MinKey(),
    ];
    await c.insertMany(values.map((v, i) => ({ _id: i, v })) as never[]);
    const ascending = (await c.find({}, { sort: { v: 1, _id: 1 } }).toArray()).map((d) => d._id);
    // [1] sorts by its element 1, so it lands among the numbers (1 < 1.5).
    expect(ascending).toEqual([12, 11, 7, 10, 9, 8, 6, 5, 4, 3, 2, 1, 0]);
    const descending = (await c.aggregate([{ $sort: { v: -1, _id: 1 } }]).toArray()).map(
      (d) => d._id,
    );
    expect(descending).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 7, 11, 12]);
  });

  it('refuses to change _id with 66 ImmutableField', async () => {
    const c = own.db.collection('ids');
    await c.insertOne({ _id: 1, a: 1 } as never);
    const error = await failure(c.updateOne({ _id: 1 as never }, { $set: { _id: 2 } }));
    expect(error.code).toBe(66);
    expect(error.message).toBe(
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
    expect((await failure(c.replaceOne({ _id: 1 as never }, { _id: 3, a: 2 } as never))).code).toBe(
      66,
    );
    await c.updateOne({ _id: 1 as never }, { $set: { _id: 1, a: 5 } });
    expect(await c.findOne({})).toEqual({ _id: 1, a: 5 });
    expect((await failure(c.insertOne({ _id: [1] } as never))).code).toBe(53);
  });
});
