import { mkdir } from 'node:fs/promises';
import { MongoClient } from 'mongodb';
import { setupDatabase } from '#lib/setup/index.ts';
import { startLocalDb } from '#localdb/index.ts';
import { describeUri } from './describe-uri.ts';
import type { StartOptions } from './options.ts';

export interface StartedDatabase {
  readonly uri: string;
  /** What to print: where the data lives, without any password. */
  readonly description: string;
  stop(): Promise<void>;
}

/** The database `npm start` serves from: MONGODB_URI when set, else a localdb kept under .localdb/. */
export async function startDatabase(options: StartOptions): Promise<StartedDatabase> {
  if (options.mongodbUri) {
    return {
      uri: options.mongodbUri,
      description: `${describeUri(options.mongodbUri)} (MONGODB_URI), database ${options.dbName}`,
      stop: async () => {},
    };
  }
  await mkdir(options.localDbPath, { recursive: true });
  const db = await startLocalDb({ port: options.localDbPort, dbPath: options.localDbPath });
  return {
    uri: db.uri,
    description: `localdb ${db.uri} (data in ${options.localDbPath}), database ${options.dbName}`,
    stop: () => db.stop(),
  };
}

/**
 * The API's one-time setup (indexes), which the handlers deliberately never run on a cold start.
 * Idempotent, so it runs on every start.
 */
export async function applySetup(uri: string, dbName: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, appName: 'npm-start' });
  try {
    await client.connect();
    await setupDatabase(client.db(dbName));
  } catch (error) {
    throw new Error(`Could not set up database ${dbName} at ${describeUri(uri)}`, { cause: error });
  } finally {
    await client.close();
  }
}
