import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

interface Person {
  _id: number;
  name: string;
  age?: number;
  tags?: string[];
}

const PEOPLE: Person[] = [
  { _id: 1, name: 'ada', age: 36, tags: ['math', 'code'] },
  { _id: 2, name: 'bo', age: 12, tags: ['code'] },
  { _id: 3, name: 'cy', age: 51 },
  { _id: 4, name: 'di', age: 29, tags: ['art'] },
];
const ADULTS = [{ $match: { age: { $gte: 18 } } }, { $project: { age: 0 } }];

describe('views', () => {
  const own = useTestDb('views', async (db) => {
    await db.collection<Person>('people').insertMany(PEOPLE);
    await db.createCollection('adults', { viewOn: 'people', pipeline: ADULTS });
    await db.createCollection('coders', {
      viewOn: 'adults',
      pipeline: [{ $match: { tags: 'code' } }],
    });
  });
  const view = (name: string) => own.db.collection<Person>(name);

  it('answer find through their pipeline: filter, sort, skip, limit, projection, batches', async () => {
    const page = await view('adults')
      .find(
        { name: { $ne: 'zed' } },
        { sort: { _id: -1 }, skip: 1, limit: 2, projection: { tags: 0 } },
      )
      .toArray();
    expect(page).toEqual([
      { _id: 3, name: 'cy' },
      { _id: 1, name: 'ada' },
    ]);
    const batched = await view('adults')
      .find({}, { batchSize: 1, sort: { _id: 1 } })
      .toArray();
    expect(batched.map((p) => p._id)).toEqual([1, 3, 4]);
  });

  it('count, distinct and aggregate what the view holds, views on views included', async () => {
    expect(await view('adults').countDocuments()).toBe(3);
    expect(await view('adults').countDocuments({ tags: 'art' })).toBe(1);
    expect(await view('adults').distinct('tags')).toEqual(['art', 'code', 'math']);
    expect(await view('coders').find().toArray()).toEqual([
      { _id: 1, name: 'ada', tags: ['math', 'code'] },
    ]);
    const [total] = await view('adults')
      .aggregate([{ $group: { _id: null, names: { $push: '$name' } } }])
      .toArray();
    expect(total?.names).toEqual(['ada', 'cy', 'di']);
  });

  it('can be joined with $lookup', async () => {
    const joined = await own.db
      .collection<Person>('people')
      .aggregate([
        { $lookup: { from: 'adults', localField: '_id', foreignField: '_id', as: 'adult' } },
        { $project: { adult: { $size: '$adult' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(joined.map((d) => d.adult)).toEqual([1, 0, 1, 1]);
  });

  it('are read-only: writes and indexes are refused with CommandNotSupportedOnView', async () => {
    const writes = [
      () => view('adults').insertOne({ _id: 9, name: 'x' }),
      () => view('adults').updateOne({ _id: 1 }, { $set: { name: 'y' } }),
      () => view('adults').deleteOne({ _id: 1 }),
      () => view('adults').createIndex({ name: 1 }),
    ];
    for (const write of writes) expect((await failure(write())).code).toBe(166);
    expect(await own.db.collection('people').countDocuments()).toBe(4);
  });

  it('are listed as views, changed by collMod, refused in cycles, and dropped alone', async () => {
    const listed = await own.db.listCollections({ name: 'adults' }).toArray();
    expect(listed).toMatchObject([
      { name: 'adults', type: 'view', options: { viewOn: 'people', pipeline: ADULTS } },
    ]);
    await own.db.createCollection('youngest', { viewOn: 'people', pipeline: [] });
    await own.db.command({
      collMod: 'youngest',
      viewOn: 'people',
      pipeline: [{ $sort: { age: 1 } }, { $limit: 1 }],
    });
    expect((await view('youngest').find().toArray()).map((p) => p.name)).toEqual(['bo']);
    expect((await failure(own.db.command({ collMod: 'adults', viewOn: 'coders' }))).code).toBe(
      5463,
    );
    expect((await failure(own.db.createCollection('people', { viewOn: 'adults' }))).code).toBe(48);
    await view('youngest').drop();
    expect(await own.db.listCollections({ name: 'youngest' }).toArray()).toEqual([]);
    expect(await own.db.collection('people').countDocuments()).toBe(4);
  });
});
