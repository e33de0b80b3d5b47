import { type CollationOptions, type Collection, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

const caseInsensitive = { locale: 'en_US', strength: 2 };

type Named = { _id: number; name: string };

/**
 * Every document, in keyset pages of `limit` on (name, _id) under `collation`: each page starts
 * after the last one's last entry, as a keyset cursor does. The ids in the order paged.
 */
async function keysetWalk(c: Collection<Named>, collation: CollationOptions, limit: number) {
  const paged: number[] = [];
  let after: Named | undefined;
  do {
    const filter = after
      ? { $or: [{ name: { $gt: after.name } }, { name: after.name, _id: { $gt: after._id } }] }
      : {};
    const page = await c.find(filter, { collation, sort: { name: 1, _id: 1 }, limit }).toArray();
    paged.push(...page.map((d) => d._id));
    after = page.at(-1);
  } while (after && paged.length < 1000);
  return paged;
}

describe('collation through the mongodb driver', () => {
  const own = useTestDb('coll');

  it('matches case-insensitively in find, count, distinct, aggregate, update and delete', async () => {
    const c = own.db.collection<{ _id: number; x: string }>('words');
    await c.insertMany([
      { _id: 1, x: 'ping' },
      { _id: 2, x: 'PING' },
      { _id: 3, x: 'pong' },
      { _id: 4, x: 'péng' },
    ]);
    expect(
      (await c.find({ x: 'PING' }, { collation: caseInsensitive }).toArray()).map((d) => d._id),
    ).toEqual([1, 2]);
    expect((await c.find({ x: 'PING' }).toArray()).map((d) => d._id)).toEqual([2]);
    expect(await c.countDocuments({ x: 'ping' }, { collation: caseInsensitive })).toBe(2);
    expect(
      await c.countDocuments({ x: 'peng' }, { collation: { locale: 'en', strength: 1 } }),
    ).toBe(1);
    expect(
      (await c.distinct('x', { _id: { $lt: 3 } }, { collation: caseInsensitive })).length,
    ).toBe(1);
    const matched = await c
      .aggregate([{ $match: { x: 'PING' } }], { collation: caseInsensitive })
      .toArray();
    expect(matched).toEqual([
      { _id: 1, x: 'ping' },
      { _id: 2, x: 'PING' },
    ]);
    expect(
      (await c.updateOne({ x: 'PONG' }, { $set: { x: 'done' } }, { collation: caseInsensitive }))
        .modifiedCount,
    ).toBe(1);
    expect((await c.deleteMany({ x: 'PiNg' }, { collation: caseInsensitive })).deletedCount).toBe(
      2,
    );
  });

  it('sorts strings by the collation', async () => {
    const c = own.db.collection<{ _id: number; s: string }>('sorted');
    await c.insertMany([
      { _id: 1, s: 'b' },
      { _id: 2, s: 'B' },
      { _id: 3, s: 'a' },
      { _id: 4, s: 'C' },
    ]);
    const binary = (await c.find({}, { sort: { s: 1 } }).toArray()).map((d) => d.s);
    expect(binary).toEqual(['B', 'C', 'a', 'b']);
    const english = (
      await c.find({}, { sort: { s: 1, _id: 1 }, collation: { locale: 'en' } }).toArray()
    ).map((d) => d.s);
    expect(english).toEqual(['a', 'b', 'B', 'C']);
  });

  it('compares strings in ranges in the collation order, as it sorts them: keyset pages follow the sort', async () => {
    const c = own.db.collection<Named>('ranged');
    // Many capitalised names: binary order puts them all before 'eve', English order mostly after.
    const names = [
      ...['Émile', 'Eve', 'eve', 'Zed', 'adam', 'de Camp', 'Delany', 'élan', 'Ola', 'öl'],
      ...Array.from({ length: 30 }, (_, i) => `Name ${i}`),
    ];
    await c.insertMany(names.map((name, i) => ({ _id: i, name })));
    // A simple-collation index: a collated query may not take its (binary) ranges.
    await c.createIndex({ name: 1 });
    for (const collation of [caseInsensitive, { locale: 'en' }, { locale: 'en', strength: 1 }]) {
      const sorted = (await c.find({}, { collation, sort: { name: 1, _id: 1 } }).toArray()).map(
        (d) => d._id,
      );
      const paged = await keysetWalk(c, collation, 3);
      expect(paged, JSON.stringify(collation)).toEqual(sorted);
      // A range and its complement split the sorted list at the bound, in find, count and
      // a later $match of a pipeline.
      const bound = 'eve';
      const ids = (docs: { _id?: unknown }[]) => docs.map((d) => Number(d._id)).sort();
      const above = ids(await c.find({ name: { $gt: bound } }, { collation }).toArray());
      const below = await c.countDocuments({ name: { $lte: bound } }, { collation });
      const fromPipeline = ids(
        await c
          .aggregate([{ $project: { name: 1 } }, { $match: { name: { $gt: bound } } }], {
            collation,
          })
          .toArray(),
      );
      expect(below + above.length).toBe(names.length);
      expect(above).toEqual(sorted.slice(below).sort());
      expect(fromPipeline).toEqual(above);
      const leading = await c.aggregate([{ $match: { name: { $gt: bound } } }], { collation });
      expect(ids(await leading.toArray())).toEqual(above);
    }
  });

  it('keeps an index collation as mongod lists it, refuses one on a text index, allows one key under two', async () => {
    const c = own.db.collection('indexed');
    await c.createIndex({ name: 1 }, { collation: caseInsensitive, name: 'name_ci' });
    await c.createIndex({ name: 1 }, { name: 'name_binary' });
    const listed = await c.listIndexes().toArray();
    expect(listed.find((i) => i.name === 'name_ci')?.collation).toEqual({
      locale: 'en_US',
      caseLevel: false,
      caseFirst: 'off',
      strength: 2,
      numericOrdering: false,
      alternate: 'non-ignorable',
      maxVariable: 'punct',
      normalization: false,
      backwards: false,
      version: '57.1',
    });
    expect(listed.find((i) => i.name === 'name_binary')).not.toHaveProperty('collation');
    await expect(
      c.createIndex({ title: 'text' }, { collation: { locale: 'en' } }),
    ).rejects.toMatchObject({ codeName: 'CannotCreateIndex' });
    await c.createIndex({ title: 'text' }, { collation: { locale: 'simple' } });
  });

  it('folds the strings a pipeline compares, not its field paths, names or output literals', async () => {
    const authors = own.db.collection('fold_authors');
    const books = own.db.collection('fold_books');
    const { insertedId: authorId } = await authors.insertOne({ penName: 'Le Guin' });
    await books.insertMany([
      { authorId, genreName: 'SciFi', title: 'The Dispossessed' },
      { authorId, genreName: 'scifi', title: 'The Word for World Is Forest' },
      { authorId, genreName: 'Fantasy', title: 'A Wizard of Earthsea' },
    ]);
    const joined = await authors
      .aggregate(
        [
          {
            $lookup: {
              from: 'fold_books',
              localField: '_id',
              foreignField: 'authorId',
              pipeline: [{ $match: { genreName: 'SCIFI' } }, { $count: 'sciFiCount' }],
              as: 'counted',
            },
          },
          {
            $project: {
              penName: 1,
              counted: 1,
              label: 'Author',
              isLeGuin: { $eq: ['$penName', 'LE GUIN'] },
            },
          },
        ],
        { collation: caseInsensitive },
      )
      .toArray();
    expect(joined).toEqual([
      {
        _id: authorId,
        penName: 'Le Guin',
        counted: [{ sciFiCount: 2 }],
        label: 'Author',
        isLeGuin: true,
      },
    ]);
  });

  it('enforces a unique index under its collation, and answers queries of another collation without it', async () => {
    const c = own.db.collection('unique_ci');
    await c.createIndex({ email: 1 }, { unique: true, collation: caseInsensitive });
    await c.insertOne({ email: 'ada@example.com' });
    await expect(c.insertOne({ email: 'ADA@example.com' })).rejects.toMatchObject({
      code: 11000,
    });
    await c.insertOne({ email: 'Grace@Example.com' });
    await expect(
      c.updateOne({ email: 'Grace@Example.com' }, { $set: { email: 'Ada@Example.com' } }),
    ).rejects.toMatchObject({ code: 11000 });
    // Simple-collation queries do not read the collated index: exact matches only.
    expect(await c.countDocuments({ email: 'ADA@example.com' })).toBe(0);
    expect(await c.countDocuments({ email: 'ada@example.com' })).toBe(1);
    expect(await c.countDocuments({ email: 'Grace@Example.com' })).toBe(1);
    expect(
      await c.countDocuments({ email: 'ADA@EXAMPLE.COM' }, { collation: caseInsensitive }),
    ).toBe(1);
    expect(
      (await c.find({ email: { $gte: 'a' } }, { sort: { email: 1 } }).toArray()).map(
        (d) => d.email,
      ),
    ).toEqual(['ada@example.com']);
  });

  it('finds by _id under a collation: strings compared by it, ObjectIds as they are', async () => {
    const c = own.db.collection<{ _id: unknown; n: number }>('by_id');
    const oid = new ObjectId();
    await c.insertMany([
      { _id: 'foo', n: 1 },
      { _id: { code: 'Bar' }, n: 2 },
      { _id: oid, n: 3 },
    ]);
    const n = async (filter: object) =>
      (await c.find(filter, { collation: caseInsensitive }).toArray()).map((d) => d.n);
    expect(await n({ _id: 'FOO' })).toEqual([1]);
    expect(await n({ _id: { code: 'BAR' } })).toEqual([2]);
    expect(await n({ _id: oid })).toEqual([3]);
    expect(await n({ _id: { $in: [oid, 'Foo'] } })).toEqual([1, 3]);
    expect(await c.countDocuments({ _id: 'FOO' } as object)).toBe(0);
  });

  it("walks an index built with the query's collation: keyset pages in its order", async () => {
    const c = own.db.collection<Named>('walked');
    const names = ['Émile', 'Eve', 'eve', 'Zed', 'adam', 'de Camp', 'Delany', 'élan', 'öl', 'Ola'];
    await c.insertMany(
      Array.from({ length: 60 }, (_, i) => ({ _id: i, name: `${names[i % 10]} ${i % 3}` })),
    );
    for (const [collation, sensitivity] of [
      [caseInsensitive, 'accent'],
      [{ locale: 'en', strength: 1 }, 'base'],
    ] as const) {
      await c.createIndex({ name: 1, _id: 1 }, { collation, name: `by_name_${sensitivity}` });
      const order = new Intl.Collator('en', { sensitivity }).compare;
      const expected = (await c.find().toArray())
        .sort((a, b) => order(a.name, b.name) || a._id - b._id)
        .map((d) => d._id);
      const paged = await keysetWalk(c, collation, 7);
      expect(paged, sensitivity).toEqual(expected);
    }
  });

  it('joins string keys under a folding collation by it, ObjectId keys through the index', async () => {
    const tags = own.db.collection('join_tags');
    const posts = own.db.collection('join_posts');
    await tags.createIndex({ label: 1 });
    await tags.insertMany([{ label: 'scifi' }, { label: 'SciFi' }, { label: 'drama' }]);
    await posts.insertOne({ _id: 1, tag: 'SCIFI' } as never);
    const joined = await posts
      .aggregate(
        [
          { $lookup: { from: 'join_tags', localField: 'tag', foreignField: 'label', as: 'tags' } },
          { $project: { labels: '$tags.label' } },
        ],
        { collation: caseInsensitive },
      )
      .toArray();
    expect(joined).toEqual([{ _id: 1, labels: ['scifi', 'SciFi'] }]);
  });
});
