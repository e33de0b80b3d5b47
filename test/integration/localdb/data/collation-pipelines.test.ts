import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

const caseInsensitive = { locale: 'en', strength: 2 };

type Person = { _id: number; name: string; city: string };
const PEOPLE: Person[] = [
  { _id: 1, name: 'Ada', city: 'Paris' },
  { _id: 2, name: 'ADA', city: 'paris' },
  { _id: 3, name: 'Bob', city: 'Rome' },
];

/**
 * Under a case-insensitive collation a pipeline compares strings without case, but what it
 * computes from them keeps their case, as on mongod: strings are compared by the collation,
 * never rewritten by it.
 */
describe('pipelines under a folding collation keep the case of what they answer', () => {
  const own = useTestDb('coll_pipes');

  async function run(stages: object[]) {
    const c = own.db.collection<Person>('people');
    if ((await c.estimatedDocumentCount()) === 0) await c.insertMany(PEOPLE);
    return c.aggregate(stages, { collation: caseInsensitive }).toArray();
  }

  it('answers computed strings, and fields of documents without _id, in their stored case', async () => {
    expect(
      await run([
        { $match: { name: 'ada' } },
        { $project: { _id: 0, name: 1, label: { $concat: ['$name', '-', '$city'] } } },
      ]),
    ).toEqual([
      { name: 'Ada', label: 'Ada-Paris' },
      { name: 'ADA', label: 'ADA-paris' },
    ]);
    expect(
      await run([{ $project: { _id: 0, both: ['$name', '$city'] } }, { $unwind: '$both' }]),
    ).toEqual(['Ada', 'Paris', 'ADA', 'paris', 'Bob', 'Rome'].map((both) => ({ both })));
  });

  it('compares in expressions by the collation: $eq, $cmp, $in and $indexOfArray', async () => {
    const [ada] = await run([
      { $match: { _id: 2 } },
      {
        $project: {
          eq: { $eq: ['$name', 'ada'] },
          cmp: { $cmp: ['$name', 'ada'] },
          gt: { $gt: ['$name', 'aaa'] }, // 'A' sorts before 'a' in code points
          accent: { $lt: ['$city', 'Émile'] }, // and 'é' after 'p'; not in the locale's order
          in: { $in: ['$name', ['x', 'ada']] },
          at: { $indexOfArray: [['x', 'Ada'], '$name'] },
        },
      },
    ]);
    expect(ada).toEqual({ _id: 2, eq: true, cmp: 0, gt: true, accent: false, in: true, at: 1 });
  });

  it('groups equal strings as one, named as its first document has it; $addToSet by the collation', async () => {
    expect(
      await run([
        { $group: { _id: '$city', names: { $addToSet: '$name' }, n: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ]),
    ).toEqual([
      { _id: 'Paris', names: ['Ada'], n: 2 },
      { _id: 'Rome', names: ['Bob'], n: 1 },
    ]);
  });

  it('joins by the collation and answers both sides in their case', async () => {
    const joined = await run([
      { $lookup: { from: 'people', localField: 'name', foreignField: 'name', as: 'same' } },
      { $project: { _id: 0, name: 1, cities: '$same.city' } },
    ]);
    expect(joined).toEqual([
      { name: 'Ada', cities: ['Paris', 'paris'] },
      { name: 'ADA', cities: ['Paris', 'paris'] },
      { name: 'Bob', cities: ['Rome'] },
    ]);
  });
});
