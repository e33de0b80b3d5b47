import { Decimal128, Double, Int32, Long, type Timestamp } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

describe('what an operator update writes', () => {
  const own = useTestDb('update_fields');
  interface Item {
    _id: number;
    a?: number;
    b?: unknown;
    o?: object;
    stamp?: Timestamp;
    when?: Date;
    plain?: Date;
  }
  const items = () => own.db.collection<Item>('items');

  it('adds new fields after the existing ones, in lexicographic order (MongoDB 5.0+)', async () => {
    await items().insertOne({ _id: 1, b: 0, o: { y: 1 } });
    await items().updateOne(
      { _id: 1 },
      { $set: { z: 1, a: 1, 'o.x': 1, 'o.w': 2 }, $inc: { m: 1 } },
    );
    const doc = await items().findOne({ _id: 1 });
    expect(Object.keys(doc ?? {})).toEqual(['_id', 'b', 'o', 'a', 'm', 'z']);
    expect(Object.keys(doc?.o ?? {})).toEqual(['y', 'w', 'x']);
  });

  it('writes $currentDate as a BSON timestamp or a date, as asked', async () => {
    await items().insertOne({ _id: 2 });
    await items().updateOne(
      { _id: 2 },
      { $currentDate: { stamp: { $type: 'timestamp' }, when: { $type: 'date' }, plain: true } },
    );
    const doc = await items().findOne({ _id: 2 }, { promoteValues: false });
    expect(doc?.stamp?._bsontype).toBe('Timestamp');
    expect(doc?.when).toBeInstanceOf(Date);
    expect(doc?.plain).toBeInstanceOf(Date);
  });

  it('names the document by its _id value when $inc meets a string', async () => {
    // A string where the update expects a number, as a client's data may hold.
    await items().insertOne({ _id: 3, a: 'x' as unknown as number });
    await expect(items().updateOne({ _id: 3 }, { $inc: { a: 1 } })).rejects.toMatchObject({
      code: 14,
      message: expect.stringContaining('{_id: 3}'),
    });
  });
});

describe('$inc and $mul on decimal128 and int64, exactly', () => {
  const own = useTestDb('exact_updates');
  interface Account {
    _id: number;
    balance: Decimal128;
    price: Decimal128;
    counter: Long;
  }

  it('adds and multiplies decimals at their scale and int64 past 2^53, as mongod does', async () => {
    const accounts = own.db.collection<Account>('accounts', { promoteLongs: false });
    await accounts.insertOne({
      _id: 1,
      balance: Decimal128.fromString('1.10'),
      price: Decimal128.fromString('19.99'),
      counter: Long.fromString('9007199254740993'),
    });
    await accounts.updateOne(
      { _id: 1 },
      {
        $inc: { balance: Decimal128.fromString('0.10'), counter: Long.fromNumber(1) },
        $mul: { price: new Int32(3) },
      },
    );
    const stored = await accounts.findOne({ _id: 1 });
    expect(String(stored?.balance)).toBe('1.20');
    expect(String(stored?.price)).toBe('59.97');
    expect(stored?.counter).toBeInstanceOf(Long);
    expect(String(stored?.counter)).toBe('9007199254740994');
  });

  it('writes a change only the stored types show: an int64 past 2^53, a new number type, a decimal scale', async () => {
    const values = own.db.collection<{ _id: number; v: unknown }>('values', {
      promoteLongs: false,
      promoteValues: false,
    });
    const cases: [string, unknown, object, string, number][] = [
      [
        '$inc past 2^53',
        Long.fromString('9007199254740993'),
        { $inc: { v: new Int32(1) } },
        'Long 9007199254740994',
        1,
      ],
      [
        '$set past 2^53',
        Long.fromString('9007199254740993'),
        { $set: { v: Long.fromString('9007199254740992') } },
        'Long 9007199254740992',
        1,
      ],
      ['$set a double over an int', new Int32(1), { $set: { v: new Double(1) } }, 'Double 1', 1],
      ['$set a long over an int', new Int32(1), { $set: { v: Long.fromNumber(1) } }, 'Long 1', 1],
      [
        '$set another scale',
        Decimal128.fromString('1.1'),
        { $set: { v: Decimal128.fromString('1.10') } },
        'Decimal128 1.10',
        1,
      ],
      ['$set the same int', new Int32(1), { $set: { v: new Int32(1) } }, 'Int32 1', 0],
      ['$inc by zero', Long.fromNumber(5), { $inc: { v: new Int32(0) } }, 'Long 5', 0],
    ];
    for (const [label, before, update, after, modified] of cases) {
      await values.deleteMany({});
      await values.insertOne({ _id: 1, v: before });
      const result = await values.updateOne({ _id: 1 }, update);
      const v = (await values.findOne({ _id: 1 }))?.v as { _bsontype: string };
      expect([label, `${v._bsontype} ${String(v)}`, Number(result.modifiedCount)]).toEqual([
        label,
        after,
        modified,
      ]);
    }
  });
});

describe('update paths mongod refuses', () => {
  const own = useTestDb('update_paths');
  const docs = () => own.db.collection<{ _id: number; a?: unknown }>('docs');

  it('refuses a field under null, a scalar or an array without an index, and empty field names', async () => {
    await docs().insertMany([
      { _id: 1, a: null },
      { _id: 2, a: 5 },
      { _id: 3, a: [1, 2] },
    ]);
    for (const _id of [1, 2, 3]) {
      expect((await failure(docs().updateOne({ _id }, { $set: { 'a.b': 1 } }))).code).toBe(28);
    }
    expect((await failure(docs().updateOne({ _id: 1 }, { $set: { 'x..y': 1 } }))).code).toBe(56);
    await docs().updateOne({ _id: 3 }, { $set: { 'a.3': 9 } });
    expect((await docs().find().toArray()).map((d) => d.a)).toEqual([null, 5, [1, 2, null, 9]]);
  });
});
