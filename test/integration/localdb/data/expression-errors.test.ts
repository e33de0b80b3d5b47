import type { Db, Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

/**
 * An operator MongoDB does not have, behind a clause that decides the `$and` without it: mongod
 * refuses it as it parses the filter, before any document is read.
 */
const UNKNOWN = { $expr: { $and: [false, { $bogus: 1 }] } };
/** An operator object with a second field (`x`). */
const TWO_FIELDS = { $expr: { $gt: ['$a', 0], x: 1 } };

describe('an aggregation expression mongod cannot parse', () => {
  const own = useTestDb('expr_errors', (db) =>
    db.collection('items').insertOne({ _id: 1, a: 1 } as never),
  );

  const cases: [string, (db: Db) => Promise<unknown>, number][] = [
    ['a find filter', (db) => db.collection('items').find(UNKNOWN).toArray(), 168],
    ['a find on an empty collection', (db) => db.collection('none').find(UNKNOWN).toArray(), 168],
    ['a count filter', (db) => db.collection('items').countDocuments(TWO_FIELDS), 15983],
    ['a delete filter', (db) => db.collection('items').deleteMany(UNKNOWN), 168],
    [
      'a findOneAndUpdate filter on an empty collection',
      (db) => db.collection('none').findOneAndUpdate(UNKNOWN, { $set: { a: 2 } }, { upsert: true }),
      168,
    ],
    [
      'a $project',
      (db) =>
        db
          .collection('items')
          .aggregate([{ $project: { x: { $bogus: 1 } } }])
          .toArray(),
      168,
    ],
    [
      'an $addFields on an empty collection',
      (db) =>
        db
          .collection('none')
          .aggregate([{ $addFields: { x: { $bogus: 1 } } }])
          .toArray(),
      168,
    ],
    [
      'a $group accumulator',
      (db) =>
        db
          .collection('none')
          .aggregate([{ $group: { _id: null, x: { $bogus: '$a' } } }])
          .toArray(),
      15952,
    ],
    [
      'a $group field that is no accumulator',
      (db) =>
        db
          .collection('none')
          .aggregate([{ $group: { _id: null, x: '$a' } }])
          .toArray(),
      40234,
    ],
    ['a listCollections filter', (db) => db.listCollections(UNKNOWN).toArray(), 168],
    [
      'a listDatabases filter',
      (db) => db.admin().command({ listDatabases: 1, filter: UNKNOWN } as Document),
      168,
    ],
    ['a validator', (db) => db.createCollection('checked', { validator: UNKNOWN }), 168],
    ['a validator', (db) => db.createCollection('checked', { validator: TWO_FIELDS }), 15983],
  ];

  it.each(cases)('is refused in %s', async (_, run, code) => {
    await expect(run(own.db)).rejects.toMatchObject({ code });
    expect(await own.db.collection('items').countDocuments()).toBe(1);
    const names = (await own.db.listCollections().toArray()).map((c) => c.name);
    expect(names).toEqual(['items']);
  });

  it('fails a write whose validator fails as it evaluates, with a command error', async () => {
    const checked = await own.db.createCollection('converted', {
      validator: { $expr: { $gt: [{ $toInt: '$s' }, 0] } },
    });
    const failure = await checked
      .findOneAndUpdate({}, { $set: { s: 'not a number' } }, { upsert: true })
      .catch((error: unknown) => error);
    // mongod answers ConversionFailure; localdb must not answer an InternalError.
    expect(failure).toMatchObject({ code: expect.any(Number) });
    expect((failure as { code: number }).code).not.toBe(1);
    expect(await checked.countDocuments()).toBe(0);
    await checked.drop();
  });
});
