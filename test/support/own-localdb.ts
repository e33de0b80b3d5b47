import { type CommandStartedEvent, type CommandSucceededEvent, MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type LocalDb, type LocalDbOptions, startLocalDb } from '#localdb/index.ts';
import { ready } from './ready.ts';

/** A localdb of the test file's own and a driver client that records the commands it sends. */
export interface OwnLocalDb {
  readonly db: LocalDb;
  readonly client: MongoClient;
  /** The commands of the current test (cleared before each). */
  readonly started: CommandStartedEvent[];
  readonly succeeded: CommandSucceededEvent[];
}

/**
 * Registers the hooks that start the server (`options`, on a free port) and client before the file's tests, stop them after,
 * and clear the recorded events before each test; read `db` and `client` inside tests only.
 */
export function useOwnLocalDb(options: Omit<LocalDbOptions, 'port'> = {}): OwnLocalDb {
  let db: LocalDb | undefined;
  let client: MongoClient | undefined;
  const started: CommandStartedEvent[] = [];
  const succeeded: CommandSucceededEvent[] = [];

  beforeAll(async () => {
    db = await startLocalDb({ ...options, port: 0 });
    client = new MongoClient(db.uri, { serverSelectionTimeoutMS: 5_000, monitorCommands: true });
    client.on('commandStarted', (event) => started.push(event));
    client.on('commandSucceeded', (event) => succeeded.push(event));
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await db?.stop();
  });
  beforeEach(() => {
    started.length = 0;
    succeeded.length = 0;
  });

  return {
    get db() {
      return ready(db, 'useOwnLocalDb: db');
    },
    get client() {
      return ready(client, 'useOwnLocalDb: client');
    },
    started,
    succeeded,
  };
}
