import type { Db, MongoClient } from 'mongodb';
import type { Config } from '#lib/config/index.ts';
import { type ApiMiddleware, type ApiRequest, routeState } from '#lib/http/types.ts';
import { connectedMongoClient, getMongoClient } from './client-cache.ts';
import { mongoClientOptions } from './client-options.ts';
import { releaseBudget, type TimeBudget, timeBudget, withDeadline } from './deadline.ts';
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
  const attach = (request: ApiRequest, budget: TimeBudget, client: MongoClient) => {
    const state = routeState(request);
    state.budget = budget;
    state.db = databaseOf(client, config.dbName);
  };
  const connectFirst = async (request: ApiRequest, budget: TimeBudget): Promise<void> => {
    if (afterIdleGap()) await settleSocketEvents();
    markActivity();
    const uri = await resolveUri(config, request);
    attach(request, budget, await withDeadline(budget, () => getMongoClient(uri, options)));
  };
  const { uriSource } = config;
  return {
    // Synchronous on the warm path (a connected client for an env URI, no idle gap): middy then
    // awaits nothing here. Otherwise connecting, SSM and the idle-gap settle are awaited.
    before: (request) => {
      const budget = timeBudget(request.context.getRemainingTimeInMillis(), config.timeoutMarginMs);
      const client =
        uriSource.kind === 'env' && !afterIdleGap()
          ? connectedMongoClient(uriSource.uri)
          : undefined;
      if (client === undefined) return connectFirst(request, budget);
      markActivity();
      attach(request, budget, client);
      return undefined;
    },
    after: done,
    onError: done,
  };
}
