import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

/** mongod applies no collation to regular expressions: they match the stored strings. */
describe('regular expressions under a folding collation', () => {
  const own = useTestDb('coll_regex', (db) =>
    db.collection('fruit').insertMany([
      { _id: 1, s: 'Apple' },
      { _id: 2, s: 'apple' },
      { _id: 3, s: 'äpple' },
    ] as never[]),
  );
  const collation = { locale: 'en', strength: 1 };
  const fruit = () => own.db.collection<{ _id: number; s: string }>('fruit');

  it('match case and accents as written, in find and in $match, while equality folds both', async () => {
    const found = async (filter: object) =>
      (await fruit().find(filter, { collation }).toArray()).map((d) => d._id);
    expect(await found({ s: /^a/ })).toEqual([2]);
    expect(await found({ s: { $regex: '^A' } })).toEqual([1]);
    expect(await found({ s: { $regex: '^a', $options: 'i' } })).toEqual([1, 2]);
    expect(await found({ s: 'APPLE' })).toEqual([1, 2, 3]);
    const matched = await fruit()
      .aggregate([{ $match: { s: /^A/ } }], { collation })
      .toArray();
    expect(matched.map((d) => d._id)).toEqual([1]);
  });
});
