import type { Db } from 'mongodb';
import { getConfig } from '#lib/config/index.ts';
import { getMongoClient } from './client-cache.ts';
import { mongoClientOptions } from './client-options.ts';
import { type TimeBudget, withDeadline } from './deadline.ts';

/** The name of the connection the middy chain opens (MONGODB_URI / MONGODB_DB). */
export const DEFAULT_CONNECTION = 'default';

/**
 * The database of a named connection (`MONGODB_<NAME>_URI`/`_DB`), connecting lazily on first
 * use within the invocation's budget; clients are shared per distinct URI by the client cache.
 */
export async function namedDatabase(name: string, budget: TimeBudget): Promise<Db> {
  const config = getConfig();
  const connection = config.connections[name];
  if (!connection) {
    throw new Error(
      `No connection named '${name}': set MONGODB_${name.toUpperCase()}_URI and MONGODB_${name.toUpperCase()}_DB`,
    );
  }
  const client = await withDeadline(budget, () =>
    getMongoClient(connection.uri, mongoClientOptions(config), name),
  );
  return client.db(connection.dbName);
}
