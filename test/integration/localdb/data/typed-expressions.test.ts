import { Decimal128, type Document, Double, Long } from 'mongodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

/**
 * Expressions whose answer depends on a value's exact BSON type: `$literal`, the `$type`
 * expression, `$toString` and `$convert` to string. Read without promotion to see the types.
 */
describe('expressions on stored BSON types', () => {
  const own = useTestDb('typed_expressions');
  const items = () => own.db.collection<{ _id: number } & Document>('items');
  const raw = { promoteValues: false } as const;
  const run = (pipeline: Document[]) => items().aggregate(pipeline, raw).toArray();
  const dec = (text: string) => Decimal128.fromString(text);
  const typeOf = (value: unknown) => (value as { _bsontype?: string })?._bsontype;
  const text = (value: unknown) => String(value);
  beforeEach(() => items().deleteMany({}));

  const seed = () =>
    items().insertOne({
      _id: 1,
      price: dec('1.10'),
      stock: Long.fromString('9007199254740993'),
      weight: new Double(2),
      qty: 3,
      name: 'x',
      sizes: [1],
      box: { price: dec('2.0') },
    });

  it('$literal keeps the types of its decimal128 and int64 values, in stages and updates', async () => {
    await seed();
    const [projected] = await run([
      {
        $project: {
          price: { $literal: dec('765.1') },
          sum: { $add: [{ $literal: dec('2.50') }, 1] },
        },
      },
    ]);
    expect(typeOf(projected?.price)).toBe('Decimal128');
    expect(text(projected?.sum)).toBe('3.50');
    // A replacement as the model writes it: every value a `$literal`, so `$`-strings stay strings.
    const literals = {
      _id: '$_id',
      price: { $literal: dec('19.90') },
      stock: { $literal: Long.fromString('9007199254740993') },
      nested: { $literal: { price: dec('1.10'), list: [Long.fromNumber(3), '$name'] } },
      label: { $literal: '$name' },
    };
    await items().updateOne({ _id: 1 }, [{ $replaceWith: literals }]);
    const stored = await items().findOne({ _id: 1 }, raw);
    expect(typeOf(stored?.price)).toBe('Decimal128');
    expect(text(stored?.price)).toBe('19.90');
    expect(text(stored?.stock)).toBe('9007199254740993');
    expect(typeOf(stored?.nested.price)).toBe('Decimal128');
    expect(typeOf(stored?.nested.list[0])).toBe('Long');
    expect(stored?.nested.list[1]).toBe('$name');
    expect(stored?.label).toBe('$name');
  });

  it('$type names the stored type, in stages, find projections and $expr', async () => {
    await seed();
    const [types] = await run([
      {
        $project: {
          _id: 0,
          price: { $type: '$price' },
          stock: { $type: '$stock' },
          weight: { $type: '$weight' },
          qty: { $type: '$qty' },
          sizes: { $type: '$sizes' },
          nested: { $type: '$box.price' },
          absent: { $type: '$nothing' },
          literal: { $type: { $literal: dec('2.5') } },
          listed: { $type: ['$stock'] },
          computed: { $type: { $add: ['$price', 1] } },
        },
      },
    ]);
    expect(types).toEqual({
      price: 'decimal',
      stock: 'long',
      weight: 'double',
      qty: 'int',
      sizes: 'array',
      nested: 'decimal',
      absent: 'missing',
      literal: 'decimal',
      listed: 'long',
      computed: 'decimal',
    });
    const found = await items().findOne({}, { projection: { _id: 0, t: { $type: '$stock' } } });
    expect(found).toEqual({ t: 'long' });
    const matched = await items()
      .find({ $expr: { $eq: [{ $type: '$price' }, 'decimal'] } })
      .toArray();
    expect(matched.map((d) => d._id)).toEqual([1]);
  });

  it('$toString and $convert to string keep the exact digits of int64 and decimal128', async () => {
    await seed();
    const [strings] = await run([
      {
        $project: {
          _id: 0,
          price: { $toString: '$price' },
          stock: { $toString: '$stock' },
          name: { $toString: '$name' },
          absent: { $toString: '$nothing' },
          sum: { $toString: { $add: ['$price', 1] } },
          converted: { $convert: { input: '$price', to: 'string' } },
          numbered: { $convert: { input: '$stock', to: 2 } },
        },
      },
    ]);
    expect(strings).toEqual({
      price: '1.10',
      stock: '9007199254740993',
      name: 'x',
      absent: null,
      sum: '2.10',
      converted: '1.10',
      numbered: '9007199254740993',
    });
  });
});
