import type { ClientSession, CollationOptions, Collection, Db, Document } from 'mongodb';
import { DEFAULT_CONNECTION, namedDatabase } from '#lib/mongo/connections.ts';
import { msLeft, withDeadline } from '#lib/mongo/deadline.ts';
import type { ModelContext } from './types.ts';

/**
 * Options every operation carries: the session (in a transaction) or the server-side budget,
 * and the model's collation (collation.ts).
 */
export interface OpOptions {
  session?: ClientSession;
  maxTimeMS?: number;
  collation?: CollationOptions;
}

/** An insert's options: a collation only compares, and the `insert` command takes none. */
export function insertOptions({ collation: _, ...options }: OpOptions): OpOptions {
  return options;
}

/**
 * Runs one model operation on its collection within the invocation's budget: a client-side
 * deadline always, `maxTimeMS` outside transactions (inside one, the transaction's own limits
 * apply and the session is passed instead).
 */
export interface Runner<T extends Document> {
  readonly context: ModelContext;
  run<R>(work: (collection: Collection<T>, options: OpOptions) => Promise<R>): Promise<R>;
}

/**
 * One Collection handle per database and name: `db.collection()` resolves its options on every
 * call (~2 µs per operation, measured), as `client.db()` does (lib/mongo/middleware.ts). A Db
 * that is dropped (client rebuilt) takes its handles with it.
 */
const collections = new WeakMap<Db, Map<string, Collection<Document>>>();

function collectionOf<T extends Document>(db: Db, name: string): Collection<T> {
  let byName = collections.get(db);
  if (byName === undefined) {
    byName = new Map();
    collections.set(db, byName);
  }
  let collection = byName.get(name);
  if (collection === undefined) {
    collection = db.collection(name);
    byName.set(name, collection);
  }
  return collection as unknown as Collection<T>;
}

/** Where a model's operations go: its collection, connection and collation (define.ts). */
export interface RunnerTarget {
  readonly collection: string;
  readonly connection: string;
  readonly collation?: CollationOptions | undefined;
}

export function createRunner<T extends Document>(
  context: ModelContext,
  { collection: collectionName, connection, collation }: RunnerTarget,
): Runner<T> {
  const { budget, session } = context;
  const collated = collation ? { collation } : {};
  return {
    context,
    run: (work) =>
      withDeadline(budget, async () => {
        // The default connection's Db is at hand: no await (one microtask turn less per op).
        const db =
          connection === DEFAULT_CONNECTION ? context.db : await namedDatabase(connection, budget);
        const collection = collectionOf<T>(db, collectionName);
        const options: OpOptions = session?.inTransaction()
          ? { session, ...collated }
          : { ...(session ? { session } : {}), maxTimeMS: msLeft(budget), ...collated };
        return work(collection, options);
      }),
  };
}
