import { Decimal128, type Document, Long } from 'mongodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

/**
 * Variables, array and object expressions keep stored BSON types as mongod does: a decimal128
 * element mapped, filtered, sliced or moved into a document stays a decimal128, and arithmetic
 * on `$$this` is decimal. Read without promotion to see the types.
 */
describe('variables, array and object expressions on stored types', () => {
  const own = useTestDb('typed_array_expressions');
  const orders = () => own.db.collection<{ _id: number } & Document>('orders');
  const raw = { promoteValues: false } as const;
  const project = async (fields: Document) => {
    const [out] = await orders()
      .aggregate([{ $project: { _id: 0, ...fields } }], raw)
      .toArray();
    return out ?? {};
  };
  const dec = (text: string) => Decimal128.fromString(text);
  /** A `$switch` branch (built so, since an object literal with `then` reads as a thenable). */
  const branch = (when: unknown, value: unknown) =>
    Object.fromEntries([
      ['case', when],
      ['then', value],
    ]);
  /** Each value as type(text), arrays and documents walked, so one toEqual checks both. */
  const typed = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(typed);
    const tag = (value as { _bsontype?: string } | null)?._bsontype;
    if (tag) return `${tag}(${String(value)})`;
    if (value !== null && typeof value === 'object' && !(value instanceof Date))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typed(v)]));
    return value;
  };
  beforeEach(async () => {
    await orders().deleteMany({});
    await orders().insertOne({
      _id: 1,
      prices: [dec('1.10'), dec('2.20'), dec('3.30')],
      lines: [
        { price: dec('1.10'), qty: 2 },
        { price: dec('0.05'), qty: 3 },
      ],
      box: { price: dec('3.30'), stock: Long.fromString('9007199254740993') },
      at: new Date(0),
    });
  });

  it('$map, $filter, $reduce, $let and $switch keep decimals and compute on them in decimal', async () => {
    const out = await project({
      same: { $map: { input: '$prices', in: '$$this' } },
      lineTotals: {
        $map: { input: '$lines', as: 'line', in: { $multiply: ['$$line.price', '$$line.qty'] } },
      },
      total: {
        $sum: { $map: { input: '$lines', in: { $multiply: ['$$this.price', '$$this.qty'] } } },
      },
      over2: { $filter: { input: '$prices', cond: { $gt: ['$$this', 2] } } },
      firstOne: { $filter: { input: '$prices', cond: true, limit: 1 } },
      sum: {
        $reduce: { input: '$prices', initialValue: dec('0'), in: { $add: ['$$value', '$$this'] } },
      },
      nested: {
        $let: {
          vars: { a: '$box.price' },
          in: { $let: { vars: { b: { $first: '$prices' } }, in: { $add: ['$$a', '$$b'] } } },
        },
      },
      dear: {
        $switch: {
          branches: [branch({ $gt: ['$box.price', 3] }, '$box.price')],
          default: 0,
        },
      },
      fallback: { $switch: { branches: [branch(false, 1)], default: '$box.stock' } },
      labels: { $map: { input: '$lines', in: { $concat: [{ $toString: '$$this.qty' }, 'x'] } } },
      none: { $map: { input: '$missing', in: '$$this' } },
    });
    expect(typed(out)).toEqual({
      same: ['Decimal128(1.10)', 'Decimal128(2.20)', 'Decimal128(3.30)'],
      lineTotals: ['Decimal128(2.20)', 'Decimal128(0.15)'],
      total: 'Decimal128(2.35)',
      over2: ['Decimal128(2.20)', 'Decimal128(3.30)'],
      firstOne: ['Decimal128(1.10)'],
      sum: 'Decimal128(6.60)',
      nested: 'Decimal128(4.40)',
      dear: 'Decimal128(3.30)',
      fallback: 'Long(9007199254740993)',
      labels: ['2x', '3x'],
      none: null,
    });
    const error = await failure(project({ x: { $switch: { branches: [branch(false, 1)] } } }));
    expect(Number(error.code)).toBe(40066);
  });

  it('$$ROOT, $$CURRENT and $$NOW inside typed operators and accumulators', async () => {
    const out = await project({
      rooted: { $add: ['$$ROOT.box.price', 1] },
      current: { $ifNull: ['$missing', '$$CURRENT.box.stock'] },
      later: { $gt: [{ $add: ['$$NOW', 1000] }, '$at'] },
    });
    // `$push: '$$ROOT'`, the common way to gather a group's documents.
    const [group] = await orders()
      .aggregate(
        [{ $group: { _id: null, all: { $push: '$$ROOT' }, n: { $sum: '$$ROOT.box.price' } } }],
        raw,
      )
      .toArray();
    expect(typed(group?.all.map((d: Document) => d._id))).toEqual(['Int32(1)']);
    expect(typed(group?.all[0].box.price)).toBe('Decimal128(3.30)');
    expect(typed(group?.n)).toBe('Decimal128(3.30)');
    expect(typed(out)).toEqual({
      rooted: 'Decimal128(4.30)',
      current: 'Long(9007199254740993)',
      later: true,
    });
  });

  it('$slice, $reverseArray, $concatArrays, $firstN and $lastN answer the stored elements', async () => {
    const out = await project({
      two: { $slice: ['$prices', 2] },
      last: { $slice: ['$prices', -1] },
      middle: { $slice: ['$prices', -2, 1] },
      reversed: { $reverseArray: '$prices' },
      joined: { $concatArrays: ['$prices', ['$box.stock']] },
      nothing: { $concatArrays: ['$prices', '$missing'] },
      firstTwo: { $firstN: { input: '$prices', n: 2 } },
      lastOne: { $lastN: { input: '$prices', n: 1 } },
    });
    expect(typed(out)).toEqual({
      two: ['Decimal128(1.10)', 'Decimal128(2.20)'],
      last: ['Decimal128(3.30)'],
      middle: ['Decimal128(2.20)'],
      reversed: ['Decimal128(3.30)', 'Decimal128(2.20)', 'Decimal128(1.10)'],
      joined: [
        'Decimal128(1.10)',
        'Decimal128(2.20)',
        'Decimal128(3.30)',
        'Long(9007199254740993)',
      ],
      nothing: null,
      firstTwo: ['Decimal128(1.10)', 'Decimal128(2.20)'],
      lastOne: ['Decimal128(3.30)'],
    });
  });

  it('$sortArray, $zip and the set operators answer the stored elements', async () => {
    const out = await project({
      descending: { $sortArray: { input: '$prices', sortBy: -1 } },
      byPrice: { $sortArray: { input: '$lines', sortBy: { price: 1 } } },
      union: { $setUnion: ['$prices', [{ $first: '$prices' }, '$box.stock']] },
      common: { $setIntersection: ['$prices', ['$box.price']] },
      rest: { $setDifference: ['$prices', ['$box.price']] },
      nothing: { $setUnion: ['$prices', '$missing'] },
      zipped: { $zip: { inputs: ['$prices', ['$box.stock']] } },
      padded: {
        $zip: {
          inputs: ['$prices', ['$box.stock']],
          useLongestLength: true,
          defaults: [0, '$box.price'],
        },
      },
    });
    // A set's order is mongod's own: compared sorted.
    const sorted = (values: unknown) => (typed(values) as string[]).sort();
    expect(typed(out.descending)).toEqual([
      'Decimal128(3.30)',
      'Decimal128(2.20)',
      'Decimal128(1.10)',
    ]);
    expect(typed(out.byPrice)).toEqual([
      { price: 'Decimal128(0.05)', qty: 'Int32(3)' },
      { price: 'Decimal128(1.10)', qty: 'Int32(2)' },
    ]);
    expect(sorted(out.union)).toEqual([
      'Decimal128(1.10)',
      'Decimal128(2.20)',
      'Decimal128(3.30)',
      'Long(9007199254740993)',
    ]);
    expect(typed(out.common)).toEqual(['Decimal128(3.30)']);
    expect(sorted(out.rest)).toEqual(['Decimal128(1.10)', 'Decimal128(2.20)']);
    expect(out.nothing).toBeNull();
    expect(typed(out.zipped)).toEqual([['Decimal128(1.10)', 'Long(9007199254740993)']]);
    expect(typed(out.padded)).toEqual([
      ['Decimal128(1.10)', 'Long(9007199254740993)'],
      ['Decimal128(2.20)', 'Decimal128(3.30)'],
      ['Decimal128(3.30)', 'Decimal128(3.30)'],
    ]);
  });

  it('$getField, $setField, $unsetField, $objectToArray, $arrayToObject and $toLong', async () => {
    const out = await project({
      got: { $getField: { field: 'price', input: '$box' } },
      set: { $setField: { field: 'tax', input: '$box', value: { $first: '$prices' } } },
      replaced: { $setField: { field: 'price', input: '$box', value: 1 } },
      unset: { $unsetField: { field: 'price', input: '$box' } },
      pairs: { $objectToArray: '$box' },
      back: { $arrayToObject: { $objectToArray: '$box' } },
      built: { $arrayToObject: [[['a', { $last: '$prices' }]]] },
      long: { $toLong: '$box.stock' },
      truncated: { $toLong: { $first: '$prices' } },
      parsed: { $toLong: '42' },
    });
    expect(typed(out)).toEqual({
      got: 'Decimal128(3.30)',
      set: { price: 'Decimal128(3.30)', stock: 'Long(9007199254740993)', tax: 'Decimal128(1.10)' },
      replaced: { price: 'Int32(1)', stock: 'Long(9007199254740993)' },
      unset: { stock: 'Long(9007199254740993)' },
      pairs: [
        { k: 'price', v: 'Decimal128(3.30)' },
        { k: 'stock', v: 'Long(9007199254740993)' },
      ],
      back: { price: 'Decimal128(3.30)', stock: 'Long(9007199254740993)' },
      built: { a: 'Decimal128(3.30)' },
      long: 'Long(9007199254740993)',
      truncated: 'Long(1)',
      parsed: 'Long(42)',
    });
  });
});
