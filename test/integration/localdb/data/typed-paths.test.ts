import { Decimal128, type Document, Int32 } from 'mongodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

/** Dotted `$set`/`$addFields` paths answer the BSON types mongod computes. */
describe('numeric types down dotted $addFields paths', () => {
  const own = useTestDb('typed_paths');
  const orders = () => own.db.collection<{ _id: number } & Document>('orders');
  const run = (pipeline: Document[]) =>
    orders().aggregate(pipeline, { promoteValues: false }).toArray();
  const typeOf = (value: unknown) => (value as { _bsontype?: string })?._bsontype;
  beforeEach(() => orders().deleteMany({}));

  it('into an embedded document and into new ones, decimal128 stays decimal128', async () => {
    await orders().insertOne({ _id: 1, t: { a: new Int32(1) }, p: Decimal128.fromString('1.10') });
    const [doc] = await run([
      {
        $set: {
          't.s': { $add: ['$p', '$p'] },
          'n.m.s': { $multiply: ['$p', 2] },
        },
      },
    ]);
    expect(String(doc?.t.s)).toBe('2.20');
    expect(typeOf(doc?.t.s)).toBe('Decimal128');
    expect(typeOf(doc?.t.a)).toBe('Int32');
    expect(Object.keys(doc?.t ?? {})).toEqual(['a', 's']);
    expect(String(doc?.n.m.s)).toBe('2.20');
    expect(typeOf(doc?.n.m.s)).toBe('Decimal128');
    // The stored document is untouched.
    expect(await orders().findOne({ _id: 1 })).not.toHaveProperty('n');
  });
});
