import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

const ARTICLES = [
  { _id: 1, title: 'The quick brown fox', body: 'jumps over the lazy dog' },
  { _id: 2, title: 'Lazy dogs sleep', body: 'all day long, dogs dogs dogs' },
  { _id: 3, title: 'Café society', body: 'coffee and foxes' },
  { _id: 4, title: 'Nothing here', body: 'at all' },
];

/** Ids in the order returned. */
const ids = (docs: { _id: unknown }[]) => docs.map((d) => d._id);

describe('$text search through a text index', () => {
  const own = useTestDb('text_search', async (db) => {
    await db.collection('articles').insertMany(ARTICLES as never[]);
    await db
      .collection('articles')
      .createIndex({ title: 'text', body: 'text' }, { weights: { title: 10 } });
    await db.collection('plain').insertOne({ _id: 1, title: 'fox' } as never);
  });
  const articles = () => own.db.collection<{ _id: number; score?: number }>('articles');
  const search = (text: string, more: object = {}) =>
    articles()
      .find({ $text: { $search: text, ...more } }, { sort: { _id: 1 } })
      .toArray()
      .then(ids);

  it('matches any word, stemmed, without case or diacritics, and never by stop words alone', async () => {
    expect(await search('fox')).toEqual([1, 3]);
    expect(await search('DOG cafe')).toEqual([1, 2, 3]);
    expect(await search('the at')).toEqual([]);
  });

  it('requires every phrase and excludes negated words and phrases', async () => {
    expect(await search('"lazy dog"')).toEqual([1, 2]);
    // Both hold 'dog'; only one holds the phrase.
    expect(await search('"dogs sleep"')).toEqual([2]);
    expect(await search('dog -sleep')).toEqual([1]);
    expect(await search('dog -"dogs sleep"')).toEqual([1]);
  });

  it('honours $caseSensitive and $diacriticSensitive', async () => {
    expect(await search('Lazy', { $caseSensitive: true })).toEqual([2]);
    expect(await search('cafe', { $diacriticSensitive: true })).toEqual([]);
    expect(await search('café', { $diacriticSensitive: true })).toEqual([3]);
  });

  it('scores with the index weights: projection and sort by { $meta: "textScore" }', async () => {
    const scored = await articles()
      .find(
        { $text: { $search: 'dog' } },
        {
          projection: { _id: 1, score: { $meta: 'textScore' } },
          sort: { score: { $meta: 'textScore' } },
        },
      )
      .toArray();
    expect(ids(scored)).toEqual([2, 1]);
    // title 'Lazy dogs sleep': 10 × (0.5 × 1/3 + 0.5); body: dog 3 times of 5 terms, 1.75 × 0.8.
    expect(scored[0]?.score).toBeCloseTo((10 * 2) / 3 + 1.4, 9);
    // body 'jumps over the lazy dog' ('over' and 'the' are stop words): 1 × (0.5 × 1/3 + 0.5).
    expect(scored[1]?.score).toBeCloseTo(2 / 3, 9);
  });

  it('works with other clauses, in counts, deletes and an opening $match', async () => {
    const filter = { $and: [{ $text: { $search: 'dog' } }, { _id: { $gt: 1 } }] };
    expect(ids(await articles().find(filter).toArray())).toEqual([2]);
    expect(await articles().countDocuments({ $text: { $search: 'dog' } })).toBe(2);
    const piped = await articles()
      .aggregate([
        { $match: { $text: { $search: 'fox' } } },
        { $project: { s: { $meta: 'textScore' } } },
        { $sort: { s: -1 } },
      ])
      .toArray();
    expect(ids(piped as { _id: number }[])).toEqual([1, 3]);
    expect(piped[0]?.s).toBeCloseTo((10 * 2) / 3, 9);
    await own.db.collection('scratch').insertMany([{ t: 'old news' }, { t: 'fresh' }]);
    await own.db.collection('scratch').createIndex({ t: 'text' });
    const deleted = await own.db.collection('scratch').deleteMany({ $text: { $search: 'news' } });
    expect(deleted.deletedCount).toBe(1);
    await own.db.collection('scratch').drop();
  });

  it('lists a text index as mongod does, and drops it by that key', async () => {
    const scratch = own.db.collection('listed');
    await scratch.insertOne({ t: 'x' });
    await scratch.createIndex({ kind: 1, t: 'text' }, { weights: { t: 5 }, name: 'search' });
    const [, listed] = await scratch.listIndexes().toArray();
    expect(listed).toMatchObject({
      key: { kind: 1, _fts: 'text', _ftsx: 1 },
      name: 'search',
      weights: { t: 5 },
      default_language: 'english',
      language_override: 'language',
      textIndexVersion: 3,
    });
    await scratch.dropIndex({ kind: 1, _fts: 'text', _ftsx: 1 } as never);
    expect((await scratch.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    await scratch.drop();
  });

  it('is refused without a text index, after the first stage, and with a second text index', async () => {
    await expect(
      own.db
        .collection('plain')
        .find({ $text: { $search: 'fox' } })
        .toArray(),
    ).rejects.toMatchObject({ code: 27 });
    await expect(
      articles()
        .aggregate([{ $match: {} }, { $match: { $text: { $search: 'fox' } } }])
        .toArray(),
    ).rejects.toMatchObject({ code: 17313 });
    await expect(articles().createIndex({ body: 'text' })).rejects.toMatchObject({ code: 85 });
    await expect(
      articles()
        .find({}, { projection: { score: { $meta: 'textScore' } } })
        .toArray(),
    ).rejects.toThrow();
  });

  it('walks a compound text index from its prefix: equality on every prefix field, or no plan', async () => {
    const posts = own.db.collection<{ _id: number; board: string; body: string }>('posts');
    await posts.insertMany([
      { _id: 1, board: 'a', body: 'fox in the snow' },
      { _id: 2, board: 'b', body: 'another fox' },
    ]);
    await posts.createIndex({ board: 1, body: 'text' });
    const found = await posts.find({ board: 'a', $text: { $search: 'fox' } }).toArray();
    expect(ids(found)).toEqual([1]);
    for (const filter of [{}, { board: { $in: ['a', 'b'] } }, { board: { $gt: 'a' } }]) {
      await expect(
        posts.find({ ...filter, $text: { $search: 'fox' } }).toArray(),
      ).rejects.toMatchObject({ code: 291 });
    }
  });
});
