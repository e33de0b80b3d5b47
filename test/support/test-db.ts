import type { Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { connectTestClient, uniqueDbName } from './database.ts';
import { ready } from './ready.ts';

/** A client on the run's database server and a database of the test file's own. */
export interface TestDb {
  readonly client: MongoClient;
  readonly db: Db;
}

/**
 * Registers hooks that connect a client and give the describe block a database of its own
 * (`prefix` plus a random suffix), readied by `prepare`, dropped after; read inside tests only.
 */
export function useTestDb(prefix: string, prepare?: (db: Db) => Promise<unknown>): TestDb {
  let client: MongoClient | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    client = await connectTestClient();
    db = client.db(uniqueDbName(prefix));
    await prepare?.(db);
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
  });
  return {
    get client() {
      return ready(client, 'useTestDb: client');
    },
    get db() {
      return ready(db, 'useTestDb: db');
    },
  };
}
