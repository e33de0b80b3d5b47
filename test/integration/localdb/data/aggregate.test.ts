import { Decimal128, Double, Int32, Long } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

describe('aggregate through the mongodb driver', () => {
  const own = useTestDb('agg', async (db) => {
    await db.collection('orders').insertMany([
      { _id: 1, customer: 'ann', item: 'pen', qty: 2, price: 1.5, tags: ['a', 'b'] },
      { _id: 2, customer: 'bob', item: 'ink', qty: 1, price: 10, tags: ['b'] },
      { _id: 3, customer: 'ann', item: 'ink', qty: 4, price: 10, tags: [] },
    ] as never[]);
    await db.collection('customers').insertMany([
      { _id: 'ann', city: 'Oslo' },
      { _id: 'bob', city: 'Rome' },
    ] as never[]);
  });
  const orders = () => own.db.collection('orders');
  const stock = () =>
    own.db
      .collection('stock')
      .find({}, { sort: { _id: 1 } })
      .toArray();

  it('$match, $group, $sort, $project, $skip and $limit', async () => {
    const totals = await orders()
      .aggregate([
        { $match: { qty: { $gte: 1 } } },
        {
          $group: {
            _id: '$customer',
            spent: { $sum: { $multiply: ['$qty', '$price'] } },
            n: { $sum: 1 },
          },
        },
        { $sort: { spent: -1 } },
        { $project: { _id: 0, customer: '$_id', spent: 1, n: 1 } },
      ])
      .toArray();
    expect(totals).toEqual([
      { spent: 43, n: 2, customer: 'ann' },
      { spent: 10, n: 1, customer: 'bob' },
    ]);
    const page = await orders()
      .aggregate([{ $sort: { _id: 1 } }, { $skip: 1 }, { $limit: 1 }])
      .toArray();
    expect(page.map((d) => d._id)).toEqual([2]);
  });

  it('$unwind, $count, $set/$addFields, $replaceRoot and $facet', async () => {
    const unwound = await orders()
      .aggregate([{ $unwind: '$tags' }, { $count: 'n' }])
      .toArray();
    expect(unwound).toEqual([{ n: 3 }]);
    const computed = await orders()
      .aggregate([
        { $match: { _id: 1 } },
        { $set: { total: { $multiply: ['$qty', '$price'] } } },
        { $addFields: { big: { $gt: ['$total', 2] } } },
        { $replaceRoot: { newRoot: { t: '$total', b: '$big' } } },
      ])
      .toArray();
    expect(computed).toEqual([{ t: 3, b: true }]);
    const [facets] = await orders()
      .aggregate([
        {
          $facet: {
            inks: [{ $match: { item: 'ink' } }, { $count: 'n' }],
            ids: [{ $project: { _id: 1 } }],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({ inks: [{ n: 2 }], ids: [{ _id: 1 }, { _id: 2 }, { _id: 3 }] });
  });

  it('$facet answers documents with their stored BSON types, each facet over its own copy', async () => {
    const typed = own.db.collection('typed');
    const stored = {
      _id: new Int32(1),
      i: new Int32(5),
      l: Long.fromNumber(7),
      d: new Double(3),
      m: Decimal128.fromString('2.50'),
      nested: { l: Long.fromNumber(8), list: [new Double(1), new Int32(2)] },
    };
    await typed.insertOne(stored as never);
    const [facets] = await typed
      .aggregate(
        [
          {
            $facet: {
              // This facet changes a nested value; the other must still see the stored one.
              changed: [{ $set: { 'nested.l': 9 } }, { $project: { nested: 1 } }],
              asStored: [{ $match: {} }],
            },
          },
        ],
        { promoteValues: false },
      )
      .toArray();
    expect(facets?.asStored).toEqual([stored]);
    expect(facets?.changed).toEqual([
      { _id: stored._id, nested: { l: new Int32(9), list: stored.nested.list } },
    ]);
  });

  it('$lookup with localField/foreignField and with let/pipeline', async () => {
    const simple = await orders()
      .aggregate([
        { $match: { _id: 2 } },
        { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'who' } },
      ])
      .toArray();
    expect(simple[0]?.who).toEqual([{ _id: 'bob', city: 'Rome' }]);
    const piped = await own.db
      .collection('customers')
      .aggregate([
        {
          $lookup: {
            from: 'orders',
            let: { c: '$_id' },
            pipeline: [
              { $match: { $expr: { $eq: ['$customer', '$$c'] } } },
              { $project: { _id: 1 } },
            ],
            as: 'orders',
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(piped.map((c) => c.orders.length)).toEqual([2, 1]);
  });

  it('$lookup from an array localField joins the matches of its elements, nothing else', async () => {
    const joined = await orders()
      .aggregate([
        { $match: { _id: 1 } },
        { $project: { people: ['ann', 'zed'] } },
        { $lookup: { from: 'customers', localField: 'people', foreignField: '_id', as: 'who' } },
      ])
      .toArray();
    expect(joined).toEqual([
      { _id: 1, people: ['ann', 'zed'], who: [{ _id: 'ann', city: 'Oslo' }] },
    ]);
  });

  it('$lookup into a dotted as sets that path, beside the fields already there', async () => {
    const joined = await orders()
      .aggregate([
        { $match: { _id: 2 } },
        { $project: { customer: 1, order: { item: '$item' } } },
        {
          $lookup: {
            from: 'customers',
            localField: 'customer',
            foreignField: '_id',
            as: 'order.by',
          },
        },
        {
          $lookup: {
            from: 'customers',
            pipeline: [{ $match: { city: 'Oslo' } }],
            as: 'other.in.oslo',
          },
        },
      ])
      .toArray();
    expect(joined).toEqual([
      {
        _id: 2,
        customer: 'bob',
        order: { item: 'ink', by: [{ _id: 'bob', city: 'Rome' }] },
        other: { in: { oslo: [{ _id: 'ann', city: 'Oslo' }] } },
      },
    ]);
  });

  it('$lookup with localField/foreignField and a pipeline runs it over the matches only', async () => {
    const joined = await own.db
      .collection('customers')
      .aggregate([
        {
          $lookup: {
            from: 'orders',
            localField: '_id',
            foreignField: 'customer',
            let: { city: '$city' },
            pipeline: [{ $sort: { _id: 1 } }, { $project: { _id: 1, city: '$$city' } }],
            as: 'orders',
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(joined).toEqual([
      {
        _id: 'ann',
        city: 'Oslo',
        orders: [
          { _id: 1, city: 'Oslo' },
          { _id: 3, city: 'Oslo' },
        ],
      },
      { _id: 'bob', city: 'Rome', orders: [{ _id: 2, city: 'Rome' }] },
    ]);
  });

  it('$lookup evaluates let on the incoming document, also a field named like as', async () => {
    const joined = await own.db
      .collection('customers')
      .aggregate([
        { $match: { _id: 'bob' } },
        {
          $lookup: {
            from: 'orders',
            localField: '_id',
            foreignField: 'customer',
            let: { was: '$city' },
            pipeline: [{ $project: { _id: 1, was: '$$was' } }],
            as: 'city',
          },
        },
      ])
      .toArray();
    expect(joined).toEqual([{ _id: 'bob', city: [{ _id: 2, was: 'Rome' }] }]);
  });

  it('$out replaces a collection and $merge merges into one', async () => {
    await orders()
      .aggregate([{ $group: { _id: '$item', qty: { $sum: '$qty' } } }, { $out: 'stock' }])
      .toArray();
    expect(await stock()).toEqual([
      { _id: 'ink', qty: 5 },
      { _id: 'pen', qty: 2 },
    ]);
    await own.db
      .collection('stock')
      .aggregate([
        { $match: { _id: 'ink' } },
        { $project: { restock: { $literal: true } } },
        { $merge: { into: 'stock', whenMatched: 'merge' } },
      ])
      .toArray();
    await orders()
      .aggregate([
        { $match: { _id: 1 } },
        { $project: { _id: 'pad', qty: { $literal: 7 } } },
        { $merge: { into: 'stock', whenNotMatched: 'insert' } },
      ])
      .toArray();
    expect(await stock()).toEqual([
      { _id: 'ink', qty: 5, restock: true },
      { _id: 'pad', qty: 7 },
      { _id: 'pen', qty: 2 },
    ]);
  });

  it('countDocuments, estimatedDocumentCount and distinct', async () => {
    expect(await orders().countDocuments({ item: 'ink' })).toBe(2);
    expect(await orders().countDocuments({}, { skip: 1, limit: 1 })).toBe(1);
    expect(await orders().estimatedDocumentCount()).toBe(3);
    expect(await orders().distinct('item')).toEqual(['ink', 'pen']);
    expect(await orders().distinct('tags', { customer: 'ann' })).toEqual(['a', 'b']);
  });

  it('serves aggregate results in batches through getMore', async () => {
    const cursor = orders().aggregate([{ $sort: { _id: -1 } }], { batchSize: 1 });
    expect((await cursor.toArray()).map((d) => d._id)).toEqual([3, 2, 1]);
  });
});
