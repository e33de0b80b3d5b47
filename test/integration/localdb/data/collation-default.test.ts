import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

/** A collection created with a collation: every operation without its own runs under it. */
describe("a collection's default collation", () => {
  const own = useTestDb('coll_default');

  it('applies to find, count, distinct, aggregate, update, delete and findOneAndUpdate', async () => {
    await own.db.createCollection('tags', { collation: { locale: 'en', strength: 2 } });
    const tags = own.db.collection<{ _id: number; s: string; n?: number }>('tags');
    await tags.insertMany([
      { _id: 1, s: 'A' },
      { _id: 2, s: 'a' },
      { _id: 3, s: 'b' },
    ]);
    expect((await tags.find({ s: 'a' }).toArray()).map((d) => d._id)).toEqual([1, 2]);
    expect(await tags.countDocuments({ s: 'a' })).toBe(2);
    expect(await tags.distinct('s')).toHaveLength(2);
    expect(await tags.aggregate([{ $match: { s: 'A' } }, { $count: 'n' }]).toArray()).toEqual([
      { n: 2 },
    ]);
    // Its own collation wins: 'simple' compares code points.
    expect(await tags.countDocuments({ s: 'a' }, { collation: { locale: 'simple' } })).toBe(1);
    expect((await tags.updateMany({ s: 'a' }, { $set: { n: 1 } })).modifiedCount).toBe(2);
    expect((await tags.findOneAndUpdate({ s: 'B' }, { $set: { n: 2 } }))?._id).toBe(3);
    expect((await tags.deleteMany({ s: 'A' })).deletedCount).toBe(2);
  });

  it('is the collation of its indexes that name none: a unique key without case', async () => {
    await own.db.createCollection('emails', { collation: { locale: 'en', strength: 2 } });
    const emails = own.db.collection('emails');
    await emails.createIndex({ email: 1 }, { unique: true });
    await emails.createIndex({ code: 1 }, { collation: { locale: 'simple' } });
    const listed = await emails.listIndexes().toArray();
    expect(listed.find((i) => i.name === 'email_1')?.collation).toMatchObject({
      locale: 'en',
      strength: 2,
    });
    expect(listed.find((i) => i.name === 'code_1')?.collation).toBeUndefined();
    await emails.insertOne({ email: 'ada@example.com' });
    expect((await failure(emails.insertOne({ email: 'ADA@example.com' }))).code).toBe(11000);
  });

  it('refuses a locale mongod does not know', async () => {
    const error = await failure(
      own.db.createCollection('bad', { collation: { locale: 'xx_bogus' } }),
    );
    expect(error.code).toBe(2);
    expect(
      (
        await failure(
          own.db
            .collection('any')
            .find({}, { collation: { locale: 'zz' } })
            .toArray(),
        )
      ).code,
    ).toBe(2);
  });
});
