import type { Db, MongoClient, MongoClientOptions } from 'mongodb';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ApiError } from '#lib/http/errors.ts';
import type { ModelContext } from '#lib/model/index.ts';
import { timeBudget } from '#lib/mongo/deadline.ts';
import { connectTestClient, uniqueDbName } from '#test/support/database.ts';

/** A database of the test file's own plus a model context with a generous budget. */
export interface ModelFixture {
  readonly client: MongoClient;
  readonly db: Db;
  ctx(): ModelContext;
  close(): Promise<void>;
}

export async function modelFixture(
  prefix: string,
  options: MongoClientOptions = {},
): Promise<ModelFixture> {
  // The keyset secret and other settings come from lib/config, read from the environment.
  process.env.MONGODB_URI ??= 'mongodb://127.0.0.1:1';
  process.env.MONGODB_DB ??= 'unused';
  const client = await connectTestClient(options);
  const db = client.db(uniqueDbName(prefix));
  return {
    client,
    db,
    ctx: () => ({ db, budget: timeBudget(60_000, 0) }),
    close: async () => {
      await db.dropDatabase().catch(() => {});
      await client.close();
    },
  };
}

/**
 * Registers a test file's hooks around `modelFixture`: the database before all tests, dropped
 * after them, and the `emptied` collections cleared before each. Extra setup goes in the file's
 * own `beforeAll`, which runs after this one.
 */
export function useModelFixture(
  prefix: string,
  {
    options = {},
    emptied = [],
  }: { options?: MongoClientOptions; emptied?: readonly string[] } = {},
): ModelFixture {
  let fixture: ModelFixture | undefined;
  const current = () => {
    if (!fixture) throw new Error('the model fixture is ready only inside hooks and tests');
    return fixture;
  };
  beforeAll(async () => {
    fixture = await modelFixture(prefix, options);
  });
  afterAll(() => fixture?.close());
  if (emptied.length > 0)
    beforeEach(async () => {
      await Promise.all(emptied.map((name) => current().db.collection(name).deleteMany({})));
    });
  return {
    get client() {
      return current().client;
    },
    get db() {
      return current().db;
    },
    ctx: () => current().ctx(),
    close: () => current().close(),
  };
}

/** The ApiError a model operation rejects with (anything else fails the test). */
export async function rejection(work: Promise<unknown>): Promise<ApiError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}
