import { MongoClient, type MongoClientOptions } from 'mongodb';
import { describeError, logger } from '#lib/log/index.ts';
import { monitorClient } from '#lib/observability/command-monitor.ts';

/**
 * Clients kept in module scope across invocations: one per distinct URI, whichever connection
 * names use it. Concurrent first callers share one connect promise; a failed connect is dropped
 * so the next invocation retries. A connection name (`slot`) whose URI changes (rotated SSM
 * secret) moves to a new client, and the old one is drained once no name uses it.
 * Handlers never close a client.
 */
interface Entry {
  readonly client: MongoClient;
  readonly ready: Promise<MongoClient>;
  /** Set once `ready` resolved: the warm path then skips the promise (connectedMongoClient). */
  connected: boolean;
}

const byUri = new Map<string, Entry>();
const slots = new Map<string, string>();
let clientsCreated = 0;

function connect(uri: string, options: MongoClientOptions): Entry {
  const client = new MongoClient(uri, options);
  monitorClient(client); // per-invocation command times and new connections (lib/observability)
  clientsCreated += 1;
  const entry: Entry = {
    client,
    ready: client.connect().then(
      () => {
        entry.connected = true;
        return client;
      },
      async (error: unknown) => {
        if (byUri.get(uri)?.client === client) byUri.delete(uri);
        logger.warn('MongoDB connect failed; the next invocation retries', describeError(error));
        await client.close().catch(() => {});
        throw error;
      },
    ),
    connected: false,
  };
  return entry;
}

/**
 * The client `getMongoClient(uri, options, slot)` would resolve to, when it is connected and the
 * slot already uses this URI (every warm invocation): no promise, no await, no race.
 */
export function connectedMongoClient(uri: string, slot = 'default'): MongoClient | undefined {
  if (slots.get(slot) !== uri) return undefined;
  const entry = byUri.get(uri);
  return entry?.connected ? entry.client : undefined;
}

export function getMongoClient(
  uri: string,
  options: MongoClientOptions,
  slot = 'default',
): Promise<MongoClient> {
  const previousUri = slots.get(slot);
  slots.set(slot, uri);
  let entry = byUri.get(uri);
  if (!entry) {
    entry = connect(uri, options);
    byUri.set(uri, entry);
  }
  if (
    previousUri !== undefined &&
    previousUri !== uri &&
    ![...slots.values()].includes(previousUri)
  ) {
    const old = byUri.get(previousUri);
    byUri.delete(previousUri);
    logger.info('MongoDB connection string changed; replacing the client', { connection: slot });
    void old?.ready.then((client) => client.close()).catch(() => {});
  }
  return entry.ready;
}

/** How many clients this container has constructed (observability and tests). */
export function mongoClientsCreated(): number {
  return clientsCreated;
}

/** Closes and forgets every cached client: for tests and scripts, never called by handlers. */
export async function resetMongoClient(): Promise<void> {
  const entries = [...byUri.values()];
  byUri.clear();
  slots.clear();
  await Promise.all(entries.map((e) => e.client.close().catch(() => {})));
}
