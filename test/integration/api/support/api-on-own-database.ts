import type { Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { connectTestClient, testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { ready } from '#test/support/ready.ts';
import { type LoadedApi, loadApi } from './handlers.ts';

/** What a cold-start loader gives back: at least the mongo module whose client is reset after. */
interface Loaded {
  readonly mongo: { resetMongoClient(): Promise<unknown> };
}

export interface OnOwnDatabase<T> {
  /** The handlers, cold-started on the file's database. */
  readonly api: T;
  /** The file's database, through a test client of its own (for seeding and checking). */
  readonly db: Db;
}

/**
 * Registers hooks that give the test file a database of its own, readied by `prepare`, and
 * handlers cold-started on it by `load` (loadApi, loadLibrary); the database is dropped after.
 */
export function useOwnDatabase<T extends Loaded>(
  prefix: string,
  prepare: (db: Db) => Promise<unknown>,
  load: (env: Record<string, string | undefined>) => Promise<T>,
): OnOwnDatabase<T> {
  const dbName = uniqueDbName(prefix);
  let api: T | undefined;
  let client: MongoClient | undefined;
  beforeAll(async () => {
    client = await connectTestClient();
    await prepare(client.db(dbName));
    api = await load({
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
      return ready(api, 'useOwnDatabase: the handlers');
    },
    get db() {
      return ready(client, 'useOwnDatabase: the database').db(dbName);
    },
  };
}

/** The users API handlers (loadApi) on a database of the file's own. */
export function useApiOnOwnDatabase(
  prefix: string,
  prepare: (db: Db) => Promise<unknown>,
): OnOwnDatabase<LoadedApi> {
  return useOwnDatabase(prefix, prepare, loadApi);
}
