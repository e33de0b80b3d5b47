import { MongoClient, type MongoClientOptions } from 'mongodb';
import { describeError, logger } from '#lib/log/index.ts';

/**
 * One client per container, kept in module scope across invocations. Concurrent first callers
 * share one connect promise; a failed connect is dropped so the next invocation retries; a new
 * URI (rotated SSM secret) replaces the client and drains the old one. Handlers never close it.
 */
interface Entry {
  readonly uri: string;
  readonly client: MongoClient;
  readonly ready: Promise<MongoClient>;
}

let current: Entry | undefined;
let clientsCreated = 0;

export function getMongoClient(uri: string, options: MongoClientOptions): Promise<MongoClient> {
  if (current?.uri === uri) return current.ready;
  const previous = current;
  const client = new MongoClient(uri, options);
  clientsCreated += 1;
  const ready = client.connect().catch(async (error: unknown) => {
    if (current?.client === client) current = undefined;
    logger.warn('MongoDB connect failed; the next invocation retries', describeError(error));
    await client.close().catch(() => {});
    throw error;
  });
  current = { uri, client, ready };
  if (previous) {
    logger.info('MongoDB connection string changed; replacing the client');
    void previous.ready.then((old) => old.close()).catch(() => {});
  }
  return ready;
}

/** How many clients this container has constructed (observability and tests). */
export function mongoClientsCreated(): number {
  return clientsCreated;
}

/** Closes and forgets the cached client: for tests and scripts, never called by handlers. */
export async function resetMongoClient(): Promise<void> {
  const entry = current;
  current = undefined;
  if (entry) await entry.client.close().catch(() => {});
}
