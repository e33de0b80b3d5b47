import { type Document, MongoClient, type MongoClientOptions } from 'mongodb';
import { type LocalDb, startLocalDb } from '#localdb/index.ts';

/** A localdb of the test file's own (fail points are server-wide) and a driver client on it. */
export interface FailPointServer {
  readonly db: LocalDb;
  readonly client: MongoClient;
  /** Opens another client on the same server; closed by stop(). */
  connect(options?: MongoClientOptions): Promise<MongoClient>;
  /** Runs configureFailPoint on admin and returns its reply. */
  configure(failPoint: Document): Promise<Document>;
  stop(): Promise<void>;
}

export async function startFailPointServer(
  options: MongoClientOptions = {},
): Promise<FailPointServer> {
  const db = await startLocalDb({ port: 0, testCommands: true });
  const clients: MongoClient[] = [];
  const connect = async (extra: MongoClientOptions = {}) => {
    const client = new MongoClient(db.uri, {
      serverSelectionTimeoutMS: 5_000,
      ...options,
      ...extra,
    });
    clients.push(client);
    await client.connect();
    return client;
  };
  const client = await connect();
  return {
    db,
    client,
    connect,
    configure: (failPoint) => client.db('admin').command(failPoint),
    stop: async () => {
      await Promise.all(clients.map((each) => each.close()));
      await db.stop();
    },
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Document> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Document;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}
