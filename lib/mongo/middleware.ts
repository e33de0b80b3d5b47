import type { Db, MongoClient } from 'mongodb';
import type { Config } from '#lib/config/index.ts';
import { type ApiMiddleware, routeState } from '#lib/http/types.ts';
import { getMongoClient } from './client-cache.ts';
import { mongoClientOptions } from './client-options.ts';
import { releaseBudget, timeBudget, withDeadline } from './deadline.ts';
import { afterIdleGap, markActivity, settleSocketEvents } from './idle-gap.ts';
import { resolveUri } from './uri-source.ts';

/**
 * One Db handle per client: client.db() resolves its options on every call (10-15 µs and garbage
 * per invocation, measured). A rebuilt client (new URI, after a failure) gets its own entry, and
 * the WeakMap lets a closed client and its Db go.
 */
const databases = new WeakMap<MongoClient, Db>();

function databaseOf(client: MongoClient, name: string): Db {
  let db = databases.get(client);
  if (db === undefined || db.databaseName !== name) {
    db = client.db(name);
    databases.set(client, db);
  }
  return db;
}

/**
 * Puts the database and this invocation's time budget on the route state. Connecting
 * (first invocation, or after a failure) is bounded by the same budget. After an idle gap
 * (a thawed container) socket closes that arrived meanwhile are let through first.
 */
export function mongoDatabase(config: Config): ApiMiddleware {
  const options = mongoClientOptions(config);
  const done = (request: Parameters<typeof routeState>[0]) => {
    markActivity();
    const { budget } = routeState(request);
    if (budget) releaseBudget(budget);
  };
  return {
    before: async (request) => {
      const budget = timeBudget(request.context.getRemainingTimeInMillis(), config.timeoutMarginMs);
      if (afterIdleGap()) await settleSocketEvents();
      markActivity();
      const uri = await resolveUri(config, request);
      const client = await withDeadline(budget, () => getMongoClient(uri, options));
      const state = routeState(request);
      state.budget = budget;
      state.db = databaseOf(client, config.dbName);
    },
    after: done,
    onError: done,
  };
}
