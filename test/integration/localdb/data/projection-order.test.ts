import type { Sort } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

/** Field order matters to anyone comparing JSON: mongod answers a kept `_id` first. */
describe('the order of projected fields', () => {
  const own = useTestDb('projection_order', (db) =>
    db.collection('items').insertOne({ _id: 1, a: 1, b: 2, c: { d: 1, e: 2 }, z: 3 } as never),
  );
  const items = () => own.db.collection('items');
  const keysOf = (docs: object[]) => docs.map((d) => Object.keys(d));
  /** The field names of what find answers under `projection`. */
  const foundKeys = async (projection: object) =>
    keysOf(await items().find({}, { projection }).toArray());

  it('puts _id first in find inclusion projections', async () => {
    expect(await foundKeys({ b: 1 })).toEqual([['_id', 'b']]);
    expect(await foundKeys({ 'c.e': 1, a: 1 })).toEqual([['_id', 'a', 'c']]);
  });

  it('puts _id first in $project, then kept fields in document order, then computed ones', async () => {
    const projected = await items()
      .aggregate([{ $project: { s: '$a', b: 1 } }])
      .toArray();
    expect(keysOf(projected)).toEqual([['_id', 'b', 's']]);
  });

  it('keeps the document’s order for included fields, whatever the projection’s order', async () => {
    const named = await items()
      .find({}, { projection: { z: 1, a: 1, 'c.e': 1, 'c.d': 1 } })
      .toArray();
    expect(keysOf(named)).toEqual([['_id', 'a', 'c', 'z']]);
    expect(Object.keys(named[0]?.c ?? {})).toEqual(['d', 'e']);
    const computed = await items()
      .aggregate([{ $project: { k: '$a', z: 1, j: '$b', a: 1 } }])
      .toArray();
    expect(keysOf(computed)).toEqual([['_id', 'a', 'z', 'k', 'j']]);
  });

  it('keeps the stored order when fields are excluded', async () => {
    expect(await foundKeys({ b: 0 })).toEqual([['_id', 'a', 'c', 'z']]);
  });
});

describe('what find projects and in which order it answers', () => {
  const own = useTestDb('find_projection', (db) =>
    db.collection('orders').insertMany([
      {
        _id: 1,
        lines: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 2 },
        ],
        price: 10,
      },
      { _id: 2, lines: [{ sku: 'c', qty: 3 }], price: 20 },
      { _id: 3, price: 30 },
    ] as never[]),
  );
  const orders = () => own.db.collection<{ _id: number }>('orders');

  it('gives the array element the filter matched to a positional projection', async () => {
    const [order] = await orders()
      .find({ 'lines.sku': 'b' }, { projection: { 'lines.$': 1 } })
      .toArray();
    expect(order).toEqual({ _id: 1, lines: [{ sku: 'b', qty: 2 }] });
  });

  it('computes aggregation expressions in a find projection', async () => {
    const [order] = await orders()
      .find({ _id: 2 }, { projection: { total: { $multiply: ['$price', 2] }, price: 1 } })
      .toArray();
    expect(order).toEqual({ _id: 2, price: 20, total: 40 });
  });

  it('answers { $natural: -1 } in reverse insertion order', async () => {
    const ids = async (sort: Sort, limit = 0) =>
      (await orders().find({}, { sort, limit }).toArray()).map((d) => d._id);
    expect(await ids({ $natural: -1 })).toEqual([3, 2, 1]);
    expect(await ids({ $natural: -1 }, 2)).toEqual([3, 2]);
    expect(await ids({ $natural: 1 })).toEqual([1, 2, 3]);
  });

  it('bounds the hinted index with min (inclusive) and max (exclusive), in its order', async () => {
    await orders().createIndex({ price: -1 });
    const ids = async (options: object) =>
      (await orders().find({}, options).toArray()).map((d) => d._id);
    expect(await ids({ min: { price: 20 }, hint: { price: -1 } })).toEqual([2, 1]);
    expect(await ids({ max: { price: 10 }, hint: 'price_-1' })).toEqual([3, 2]);
    expect(
      (
        await failure(
          orders()
            .find({}, { min: { price: 20 } })
            .toArray(),
        )
      ).code,
    ).toBe(51173);
  });
});
