import type { Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { connectTestClient, uniqueDbName } from '#test/support/database.ts';

/** One of two clients on the same database of the test file's own. */
export interface ClientOnDb {
  readonly client: MongoClient;
  readonly db: Db;
}

/**
 * Registers hooks that connect two independent clients (separate pools and sessions) to one
 * database of the file's own, dropped after; what one's transaction shows the other is the point.
 */
export function useTwoClientsOnOneDb(prefix: string): readonly [ClientOnDb, ClientOnDb] {
  let clients: [MongoClient, MongoClient] | undefined;
  let name = '';
  beforeAll(async () => {
    clients = [await connectTestClient(), await connectTestClient()];
    name = uniqueDbName(prefix);
  });
  afterAll(async () => {
    await clients?.[0].db(name).dropDatabase();
    await clients?.[0].close();
    await clients?.[1].close();
  });
  const side = (i: 0 | 1): ClientOnDb => ({
    get client() {
      if (!clients) throw new Error('useTwoClientsOnOneDb: read inside tests only');
      return clients[i];
    },
    get db() {
      return this.client.db(name);
    },
  });
  return [side(0), side(1)];
}
