import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { seedLibrary } from '#bench/support/library-seed.ts';
import { testMongoUri, uniqueDbName } from '#test/support/database.ts';

// The bench's growth section seeds the library straight through the driver into collections
// the migration validates: a model change (a new required field) must not break it unnoticed.
const dbName = uniqueDbName('bench_seed');
afterAll(async () => {
  const client = await MongoClient.connect(testMongoUri());
  await client.db(dbName).dropDatabase();
  await client.close();
});

describe('seedLibrary', () => {
  it('writes documents the migrated validators accept', async () => {
    const authors = await seedLibrary(testMongoUri(), dbName, 30);
    expect(authors).toHaveLength(3);
    const client = await MongoClient.connect(testMongoUri());
    try {
      expect(await client.db(dbName).collection('books').countDocuments()).toBe(30);
    } finally {
      await client.close();
    }
  });
});
