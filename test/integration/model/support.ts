import type { Db, MongoClient, MongoClientOptions } from 'mongodb';
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
