import { Decimal128, type Document, Double, Long } from 'mongodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

/** Aggregations answer the BSON types mongod computes: read without promotion to see them. */
describe('numeric types through aggregation pipelines', () => {
  const own = useTestDb('typed_aggregation');
  const orders = () => own.db.collection<{ _id: number } & Document>('orders');
  const raw = { promoteValues: false } as const;
  const run = (pipeline: Document[]) => orders().aggregate(pipeline, raw).toArray();
  const dec = (text: string) => Decimal128.fromString(text);
  const typeOf = (value: unknown) => (value as { _bsontype?: string })?._bsontype;
  const text = (value: unknown) => String(value);
  beforeEach(() => orders().deleteMany({}));

  const seed = () =>
    orders().insertMany([
      { _id: 1, shop: 'a', price: dec('1.10'), discount: dec('0.10'), qty: 3, tags: [dec('2.0')] },
      { _id: 2, shop: 'a', price: dec('2.20'), qty: 2, tags: [] },
      { _id: 3, shop: 'b', price: dec('19.99'), qty: 0, tags: [dec('0.5'), new Double(1)] },
    ]);

  it('$group sums and averages decimal128 prices exactly, as decimal128', async () => {
    await seed();
    const [a] = await run([
      { $match: { shop: 'a' } },
      {
        $group: {
          _id: '$shop',
          total: { $sum: '$price' },
          mean: { $avg: '$price' },
          top: { $max: '$price' },
          first: { $first: '$price' },
          all: { $push: '$price' },
          count: { $sum: 1 },
        },
      },
    ]);
    expect(typeOf(a?.total)).toBe('Decimal128');
    expect(text(a?.total)).toBe('3.30');
    expect(text(a?.mean)).toBe('1.65');
    expect(text(a?.top)).toBe('2.20');
    expect(text(a?.first)).toBe('1.10');
    expect(((a?.all ?? []) as unknown[]).map(text)).toEqual(['1.10', '2.20']);
    expect(typeOf(a?.count)).toBe('Int32');
  });

  it('$firstN, $maxN, $top, $topN and $bottomN pick stored values', async () => {
    await seed();
    const [picked] = await run([
      { $match: { shop: 'a' } },
      {
        $group: {
          _id: null,
          firstTwo: { $firstN: { input: '$price', n: 2 } },
          dearest: { $maxN: { input: '$price', n: 1 } },
          top: { $top: { sortBy: { price: -1 }, output: ['$_id', '$price'] } },
          cheapest: { $topN: { sortBy: { price: 1 }, output: '$price', n: 2 } },
          last: { $bottomN: { sortBy: { price: 1 }, output: '$_id', n: 1 } },
        },
      },
    ]);
    const list = (field: string) => (picked?.[field] ?? []) as unknown[];
    expect(list('firstTwo').map(text)).toEqual(['1.10', '2.20']);
    expect(list('dearest').map(typeOf)).toEqual(['Decimal128']);
    expect(list('top').map(text)).toEqual(['2', '2.20']);
    expect(list('cheapest').map(text)).toEqual(['1.10', '2.20']);
    expect(list('last').map(Number)).toEqual([2]);
  });

  it('keeps the decimal128 total through $match, $sort and a $project without _id', async () => {
    await seed();
    const totals = await run([
      { $group: { _id: '$shop', total: { $sum: '$price' } } },
      { $match: { total: { $gt: 3 } } },
      { $sort: { total: -1 } },
      { $project: { _id: 0, total: 1 } },
    ]);
    expect(totals.map((t) => text(t.total))).toEqual(['19.99', '3.30']);
    expect(totals.every((t) => typeOf(t.total) === 'Decimal128')).toBe(true);
    const byPrice = await run([{ $sortByCount: '$price' }]);
    expect(byPrice.map((b) => typeOf(b._id))).toEqual(['Decimal128', 'Decimal128', 'Decimal128']);
  });

  it('computes $multiply, $subtract and $divide on decimal128 in decimal', async () => {
    await seed();
    const rows = await run([
      { $sort: { _id: 1 } },
      {
        $project: {
          _id: 0,
          line: { $multiply: ['$price', '$qty'] },
          net: { $subtract: ['$price', { $ifNull: ['$discount', 0] }] },
          each: { $cond: [{ $eq: ['$qty', 0] }, null, { $divide: ['$price', '$qty'] }] },
          half: { $divide: ['$qty', 2] },
          fee: { $add: ['$price', dec('0.005')] },
        },
      },
    ]);
    expect(rows.map((r) => text(r.line))).toEqual(['3.30', '4.40', '0.00']);
    expect(rows.map((r) => text(r.net))).toEqual(['1.00', '2.20', '19.99']);
    expect(rows.map((r) => (r.each === null ? null : text(r.each)))).toEqual([
      '0.3666666666666666666666666666666667',
      '1.10',
      null,
    ]);
    expect(rows.map((r) => typeOf(r.half))).toEqual(['Double', 'Double', 'Double']);
    expect(rows.map((r) => text(r.fee))).toEqual(['1.105', '2.205', '19.995']);
  });

  it('keeps stored types through $addFields, $unwind and its int64 array index', async () => {
    await seed();
    const rows = await run([
      { $match: { _id: 3 } },
      {
        $addFields: {
          gross: { $multiply: ['$price', dec('1.2')] },
          rounded: { $round: [{ $multiply: ['$price', dec('1.2')] }, 2] },
        },
      },
      { $unwind: { path: '$tags', includeArrayIndex: 'at' } },
      { $project: { _id: 0, gross: 1, rounded: 1, tags: 1, at: 1, price: 1 } },
    ]);
    expect(rows.map((r) => text(r.gross))).toEqual(['23.988', '23.988']);
    expect(rows.map((r) => text(r.rounded))).toEqual(['23.99', '23.99']);
    expect(rows.map((r) => typeOf(r.tags))).toEqual(['Decimal128', 'Double']);
    expect(rows.map((r) => typeOf(r.at))).toEqual(['Long', 'Long']);
    expect(rows.map((r) => text(r.price))).toEqual(['19.99', '19.99']);
  });

  it('promotes int32 overflow to int64, sums int64 exactly and doubles with compensation', async () => {
    await orders().insertMany([
      {
        _id: 1,
        n: 2_000_000_000,
        big: Long.fromString('9007199254740993'),
        x: 0.1,
        d: new Double(2),
      },
      { _id: 2, n: 2_000_000_000, big: Long.fromNumber(1), x: 0.2, d: new Double(3) },
      { _id: 3, n: 1, big: Long.fromNumber(0), x: 0.3 },
    ]);
    const [sums] = await run([
      {
        $group: {
          _id: null,
          n: { $sum: '$n' },
          big: { $sum: '$big' },
          x: { $sum: '$x' },
          none: { $sum: '$missing' },
          d: { $sum: '$d' },
        },
      },
    ]);
    expect(typeOf(sums?.n)).toBe('Long');
    expect(text(sums?.n)).toBe('4000000001');
    expect(text(sums?.big)).toBe('9007199254740994');
    expect(typeOf(sums?.x)).toBe('Double');
    expect((sums?.x as Double | undefined)?.value).toBe(0.6);
    expect(typeOf(sums?.none)).toBe('Int32');
    expect(typeOf(sums?.d)).toBe('Double');
    const [added] = await run([
      { $match: { _id: 1 } },
      { $project: { sum: { $add: ['$n', '$n'] }, asDecimal: { $toDecimal: 2.5 } } },
    ]);
    expect(typeOf(added?.sum)).toBe('Long');
    expect(text(added?.asDecimal)).toBe('2.50000000000000');
  });

  it('answers the stored element from $first, $arrayElemAt, $min and $max', async () => {
    await seed();
    const [row] = await run([
      { $match: { _id: 3 } },
      {
        $project: {
          _id: 0,
          first: { $first: '$tags' },
          second: { $arrayElemAt: ['$tags', 1] },
          least: { $min: '$tags' },
          most: { $max: ['$price', '$qty'] },
        },
      },
    ]);
    expect(typeOf(row?.first)).toBe('Decimal128');
    expect(typeOf(row?.second)).toBe('Double');
    expect(text(row?.least)).toBe('0.5');
    expect(text(row?.most)).toBe('19.99');
  });

  it('$bucket: bounds inclusive below, only filled buckets by _id, stored bound types', async () => {
    await seed();
    await orders().insertOne({ _id: 4, shop: 'c', price: dec('10.00'), qty: 1, tags: [] });
    const buckets = await run([
      {
        $bucket: {
          groupBy: '$price',
          boundaries: [dec('0'), dec('10.00'), dec('15'), dec('100')],
          default: -1,
          output: { n: { $sum: 1 }, total: { $sum: '$price' }, ids: { $push: '$_id' } },
        },
      },
    ]);
    expect(buckets.map((b) => text(b._id))).toEqual(['0', '10.00', '15']);
    expect(buckets.map((b) => typeOf(b._id))).toEqual(['Decimal128', 'Decimal128', 'Decimal128']);
    expect(buckets.map((b) => text(b.total))).toEqual(['3.30', '10.00', '19.99']);
    expect(buckets.map((b) => (b.ids as unknown[]).map(Number))).toEqual([[1, 2], [4], [3]]);
    await orders().insertOne({ _id: 5, shop: 'd', qty: 1, tags: [] });
    const withDefault = await run([
      { $bucket: { groupBy: '$price', boundaries: [0, 10, 100], default: -1 } },
    ]);
    expect(withDefault.map((b) => [Number(b._id), Number(b.count)])).toEqual([
      [-1, 1],
      [0, 2],
      [10, 2],
    ]);
    const error = await failure(run([{ $bucket: { groupBy: '$price', boundaries: [0, 10] } }]));
    expect(Number(error.code)).toBe(40066);
  });

  it('keeps stored types through $replaceRoot, $mergeObjects and object expressions', async () => {
    await orders().insertOne({
      _id: 1,
      shop: 'a',
      details: { price: dec('1.10'), stock: Long.fromString('9007199254740993') },
    });
    const [merged] = await run([
      { $replaceRoot: { newRoot: { $mergeObjects: [{ id: '$_id' }, '$details'] } } },
    ]);
    expect(text(merged?.price)).toBe('1.10');
    expect(text(merged?.stock)).toBe('9007199254740993');
    const [keyed] = await run([{ $group: { _id: { shop: '$shop', price: '$details.price' } } }]);
    expect(typeOf(keyed?._id.price)).toBe('Decimal128');
    const [brought] = await run([{ $replaceWith: '$details' }]);
    expect(typeOf(brought?.stock)).toBe('Long');
    const error = await failure(run([{ $replaceWith: '$shop' }]));
    expect(Number(error.code)).toBe(40228);
  });

  it('types computed fields in find projections, views and pipeline updates alike', async () => {
    await seed();
    const projected = await orders().findOne(
      { _id: 3 },
      { projection: { _id: 0, line: { $multiply: ['$price', 3] } }, ...raw },
    );
    expect(text(projected?.line)).toBe('59.97');
    await own.db.dropCollection('order_lines').catch(() => undefined);
    await own.db.createCollection('order_lines', {
      viewOn: 'orders',
      pipeline: [{ $set: { line: { $multiply: ['$price', '$qty'] } } }],
    });
    const line = await own.db
      .collection<{ _id: number } & Document>('order_lines')
      .findOne({ _id: 1 }, raw);
    expect(text(line?.line)).toBe('3.30');
    await orders().updateOne({ _id: 2 }, [{ $set: { price: { $add: ['$price', dec('0.01')] } } }]);
    expect(text((await orders().findOne({ _id: 2 }, raw))?.price)).toBe('2.21');
  });

  it("refuses operands that are not numbers with mongod's codes, and still adds to dates", async () => {
    await seed();
    const codeOf = async (expr: Document) =>
      Number((await failure(run([{ $project: { r: expr } }]))).code);
    expect(await codeOf({ $add: ['$price', '$shop'] })).toBe(16554);
    expect(await codeOf({ $multiply: ['$price', '$shop'] })).toBe(16555);
    expect(await codeOf({ $subtract: ['$shop', 1] })).toBe(16556);
    expect(await codeOf({ $divide: ['$price', '$shop'] })).toBe(16609);
    const [row] = await run([
      { $match: { _id: 1 } },
      { $project: { _id: 0, later: { $add: [new Date(0), '$qty'] } } },
    ]);
    expect(row?.later).toEqual(new Date(3));
  });

  it('refuses a division by zero', async () => {
    await seed();
    const error = await failure(run([{ $project: { r: { $divide: ['$price', 0] } } }]));
    // 16608 from the classic engine, 4848401 from the slot-based one.
    expect([16608, 4848401]).toContain(Number(error.code));
  });
});
