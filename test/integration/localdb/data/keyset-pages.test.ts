import type { Collection } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

interface Item {
  _id: number;
  f: number | string | null;
  tag?: string;
}

const SIZE = 300;
// Shuffled insertion order, ties on `f` and mixed types/missing values: natural order ≠ key order.
const ITEMS: Item[] = Array.from({ length: SIZE }, (_, i) => {
  const id = (i * 137) % SIZE;
  const f = id % 7 === 0 ? null : id % 11 === 0 ? `s${id % 3}` : id % 13;
  return id % 5 === 0 ? { _id: id, f, tag: 'x' } : { _id: id, f };
}).map((d) => (d.f === null && d._id % 2 ? { _id: d._id } : d) as Item);

/** BSON order of the test values: null/missing < numbers < strings, then by value, then _id. */
function byFThenId(a: Item, b: Item): number {
  const rank = (v: Item['f'] | undefined) => (v == null ? 0 : typeof v === 'number' ? 1 : 2);
  const [fa, fb] = [a.f ?? null, b.f ?? null];
  if (rank(fa) !== rank(fb)) return rank(fa) - rank(fb);
  if (fa !== null && fb !== null && fa !== fb) return fa < fb ? -1 : 1;
  return a._id - b._id;
}

/** Follows keyset pages on (f, _id) over the numeric f values to the end; returns the visited ids. */
async function walkPages(items: Collection<Item>, direction: 1 | -1, size: number) {
  const cmp = direction === 1 ? '$gt' : '$lt';
  const seen: number[] = [];
  let last: Item | undefined;
  for (;;) {
    // Comparison operators stay within the type of the value: the pages keep to numbers.
    const filter = last
      ? { $or: [{ f: { [cmp]: last.f } }, { f: last.f, _id: { [cmp]: last._id } }] }
      : { f: { $gte: 0 } };
    const page = await items
      .find(filter as never)
      .sort({ f: direction, _id: direction })
      .limit(size)
      .toArray();
    seen.push(...page.map((d) => d._id));
    if (page.length < size) return seen;
    last = page[page.length - 1];
  }
}

describe('sorted and keyset finds walk indexes (through the mongodb driver)', () => {
  const own = useTestDb('keyset');
  let items: Collection<Item>;
  beforeAll(async () => {
    items = own.db.collection<Item>('items');
    await items.insertMany(ITEMS);
    await items.createIndex({ f: 1 });
  });

  it('pages by _id forward and backward with $gt/$lt + sort + limit', async () => {
    const forward: number[] = [];
    let after = -1;
    for (;;) {
      const page = await items
        .find({ _id: { $gt: after } })
        .sort({ _id: 1 })
        .limit(40)
        .toArray();
      forward.push(...page.map((d) => d._id));
      if (page.length < 40) break;
      after = page[page.length - 1]?._id ?? after;
    }
    expect(forward).toEqual(Array.from({ length: SIZE }, (_, i) => i));
    const back = await items
      .find({ _id: { $lt: 100 } })
      .sort({ _id: -1 })
      .limit(3)
      .toArray();
    expect(back.map((d) => d._id)).toEqual([99, 98, 97]);
  });

  it('sorts on an indexed field across types, missing and null first, ties by _id', async () => {
    const fAsc = await items.find({}).sort({ f: 1, _id: 1 }).toArray();
    expect(fAsc.map((d) => d._id)).toEqual([...ITEMS].sort(byFThenId).map((d) => d._id));
    const fDesc = await items.find({}).sort({ f: -1, _id: -1 }).limit(50).toArray();
    const expected = [...ITEMS].sort((a, b) => byFThenId(b, a)).slice(0, 50);
    expect(fDesc.map((d) => d._id)).toEqual(expected.map((d) => d._id));
  });

  it('pages by (f, _id) through an $or keyset filter, visiting every numeric document once', async () => {
    const numeric = ITEMS.filter((d) => typeof d.f === 'number').sort(byFThenId);
    for (const direction of [1, -1] as const) {
      const seen = await walkPages(items, direction, 17);
      const expected = numeric.map((d) => d._id);
      expect(seen).toEqual(direction === 1 ? expected : expected.reverse());
    }
  });

  it('answers a deep skip page in _id order and an extra filter on the walked index', async () => {
    const page = await items.find({}).sort({ _id: 1 }).skip(250).limit(5).toArray();
    expect(page.map((d) => d._id)).toEqual([250, 251, 252, 253, 254]);
    const tagged = await items
      .find({ tag: 'x', f: { $gte: 5 } })
      .sort({ f: -1 })
      .limit(4)
      .toArray();
    const numeric = ITEMS.filter((d) => d.tag === 'x' && typeof d.f === 'number' && d.f >= 5);
    const best = Math.max(...numeric.map((d) => d.f as number));
    expect(tagged[0]?.f).toBe(best);
    expect(tagged.every((d) => d.tag === 'x' && typeof d.f === 'number' && d.f >= 5)).toBe(true);
  });

  it('sees its own writes and not others in a transaction snapshot', async () => {
    const session = own.client.startSession();
    try {
      session.startTransaction();
      await items.insertOne({ _id: 1000, f: 0 }, { session });
      await items.deleteOne({ _id: 0 }, { session });
      await items.insertOne({ _id: 1001, f: 0 }); // committed outside, after the snapshot
      const inside = await items
        .find({ _id: { $gte: 0 } }, { session })
        .sort({ _id: -1 })
        .limit(2)
        .toArray();
      expect(inside.map((d) => d._id)).toEqual([1000, SIZE - 1]);
      const firstInside = await items.find({}, { session }).sort({ _id: 1 }).limit(1).toArray();
      expect(firstInside.map((d) => d._id)).toEqual([1]);
      const outside = await items.find({}).sort({ _id: -1 }).limit(2).toArray();
      expect(outside.map((d) => d._id)).toEqual([1001, SIZE - 1]);
      await session.abortTransaction();
    } finally {
      await session.endSession();
      await items.deleteOne({ _id: 1001 });
    }
  });
});
