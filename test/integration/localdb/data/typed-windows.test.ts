import { Decimal128, type Document, Long } from 'mongodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

/** $setWindowFields answers the BSON types mongod computes: read without promotion to see them. */
describe('numeric types through $setWindowFields', () => {
  const own = useTestDb('typed_windows');
  const orders = () => own.db.collection<{ _id: number } & Document>('orders');
  const run = (pipeline: Document[]) =>
    orders().aggregate(pipeline, { promoteValues: false }).toArray();
  const dec = (text: string) => Decimal128.fromString(text);
  const typeOf = (value: unknown) => (value as { _bsontype?: string })?._bsontype;
  beforeEach(() => orders().deleteMany({}));

  it('running, moving and partition-wide decimal128 accumulators stay decimal128', async () => {
    await orders().insertMany([
      { _id: 1, shop: 'a', price: dec('1.10'), qty: 3 },
      { _id: 2, shop: 'a', price: dec('2.20'), qty: 2 },
      { _id: 3, shop: 'b', price: dec('19.99'), qty: 0 },
    ]);
    const docs = await run([
      {
        $setWindowFields: {
          partitionBy: '$shop',
          sortBy: { _id: 1 },
          output: {
            running: { $sum: '$price', window: { documents: ['unbounded', 'current'] } },
            shopTotal: { $sum: '$price' },
            moving: { $avg: '$price', window: { documents: [-1, 0] } },
            units: { $sum: '$qty' },
            next: { $push: '$price', window: { documents: ['current', 1] } },
            cheapest: { $min: '$price' },
          },
        },
      },
      { $sort: { _id: 1 } },
    ]);
    const view = docs.map((d) => ({
      running: String(d.running),
      shopTotal: String(d.shopTotal),
      moving: String(d.moving),
      units: Number(d.units),
      next: (d.next as unknown[]).map(String),
      cheapest: String(d.cheapest),
    }));
    expect(view).toEqual([
      {
        running: '1.10',
        shopTotal: '3.30',
        moving: '1.10',
        units: 5,
        next: ['1.10', '2.20'],
        cheapest: '1.10',
      },
      {
        running: '3.30',
        shopTotal: '3.30',
        moving: '1.65',
        units: 5,
        next: ['2.20'],
        cheapest: '1.10',
      },
      {
        running: '19.99',
        shopTotal: '19.99',
        moving: '19.99',
        units: 0,
        next: ['19.99'],
        cheapest: '19.99',
      },
    ]);
    for (const d of docs) {
      expect([typeOf(d.running), typeOf(d.shopTotal), typeOf(d.moving)]).toEqual([
        'Decimal128',
        'Decimal128',
        'Decimal128',
      ]);
      expect(typeOf(d.units)).toBe('Int32');
      expect(typeOf(d.price)).toBe('Decimal128');
    }
  });

  it('sums int64 exactly past 2^53, as an int64', async () => {
    await orders().insertMany([
      { _id: 1, n: Long.fromString('9007199254740993') },
      { _id: 2, n: Long.fromString('1') },
    ]);
    const docs = await run([
      {
        $setWindowFields: {
          sortBy: { _id: 1 },
          output: { total: { $sum: '$n', window: { documents: ['unbounded', 'current'] } } },
        },
      },
    ]);
    expect(docs.map((d) => [typeOf(d.total), String(d.total)])).toEqual([
      ['Long', '9007199254740993'],
      ['Long', '9007199254740994'],
    ]);
  });

  it('leaves rank functions to the stage as before, beside the stored types', async () => {
    await orders().insertMany([
      { _id: 1, price: dec('5.00') },
      { _id: 2, price: dec('1.00') },
    ]);
    const docs = await run([
      { $setWindowFields: { sortBy: { price: 1 }, output: { rank: { $rank: {} } } } },
      { $sort: { _id: 1 } },
    ]);
    expect(docs.map((d) => [Number(d.rank), typeOf(d.price)])).toEqual([
      [2, 'Decimal128'],
      [1, 'Decimal128'],
    ]);
  });
});
