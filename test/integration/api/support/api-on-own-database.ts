import type { Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { connectTestClient, testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { type LoadedApi, loadApi } from './handlers.ts';

export interface ApiOnOwnDatabase {
  readonly api: LoadedApi;
  /** The file's database, through a test client of its own (for seeding and checking). */
  readonly db: Db;
}

/**
 * Registers hooks that give the test file a database of its own, readied by `prepare`, and the
 * API's handlers cold-started on it; both are dropped after the file.
 */
export function useApiOnOwnDatabase(
  prefix: string,
  prepare: (db: Db) => Promise<unknown>,
): ApiOnOwnDatabase {
  const dbName = uniqueDbName(prefix);
  let api: LoadedApi | undefined;
  let client: MongoClient | undefined;
  beforeAll(async () => {
    client = await connectTestClient();
    await prepare(client.db(dbName));
    api = await loadApi({
      MONGODB_URI: testMongoUri(),
      MONGODB_DB: dbName,
      MONGODB_URI_SSM_PARAMETER: undefined,
    });
  });
  afterAll(async () => {
    await api?.mongo.resetMongoClient();
    await client?.db(dbName).dropDatabase();
    await client?.close();
  });
  return {
    get api() {
      if (!api) throw new Error('useApiOnOwnDatabase: api is read before beforeAll');
      return api;
    },
    get db() {
      if (!client) throw new Error('useApiOnOwnDatabase: db is read before beforeAll');
      return client.db(dbName);
    },
  };
}
