import type { Timestamp } from 'mongodb';
import { describe, expect, it } from 'vitest';
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
