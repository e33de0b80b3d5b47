import { CommandError } from '../errors.ts';
import type { ChangeEntry } from './change-log.ts';

/** What a change stream watches: one collection, one database, or the whole deployment. */
export type StreamScope =
  | { readonly kind: 'collection'; readonly db: string; readonly coll: string }
  | { readonly kind: 'database'; readonly db: string }
  | { readonly kind: 'cluster' };

/** Databases no database or cluster stream reports, as in mongod. */
const INTERNAL_DATABASES = new Set(['admin', 'config', 'local']);

/** The scope of `aggregate: <target>` on `db`, refused where mongod refuses a stream. */
export function streamScope(
  target: string | 1,
  db: string,
  allChangesForCluster: boolean,
): StreamScope {
  if (allChangesForCluster) {
    if (db !== 'admin' || target !== 1) {
      throw new CommandError(
        'InvalidNamespace',
        "A $changeStream with 'allChangesForCluster:true' may only be opened on the 'admin' database, and with no collection name",
      );
    }
    return { kind: 'cluster' };
  }
  if (INTERNAL_DATABASES.has(db))
    throw new CommandError(
      'InvalidNamespace',
      `$changeStream may not be opened on the internal ${db} database`,
    );
  if (target === 1) return { kind: 'database', db };
  if (target.startsWith('system.')) {
    throw new CommandError(
      'InvalidNamespace',
      `$changeStream may not be opened on the internal ${db}.${target} collection`,
    );
  }
  return { kind: 'collection', db, coll: target };
}

const userCollection = (db: string, coll: string): boolean =>
  !INTERNAL_DATABASES.has(db) && !coll.startsWith('system.');

/** Whether a stream of `scope` reports the change (before its own options filter it further). */
export function inScope(scope: StreamScope, entry: ChangeEntry): boolean {
  if (entry.kind === 'dropDatabase')
    return scope.kind === 'cluster'
      ? !INTERNAL_DATABASES.has(entry.db)
      : scope.kind === 'database' && scope.db === entry.db;
  const namespaces: Array<readonly [string, string]> = [[entry.db, entry.coll]];
  if (entry.kind === 'rename') namespaces.push([entry.toDb, entry.toColl]);
  return namespaces.some(([db, coll]) => {
    if (scope.kind === 'collection') return db === scope.db && coll === scope.coll;
    if (scope.kind === 'database') return db === scope.db && userCollection(db, coll);
    return userCollection(db, coll);
  });
}

/**
 * Whether the change ends a stream of `scope` (an invalidate event follows it): dropping or
 * renaming a watched collection, dropping a watched database. Cluster streams never end.
 */
export function invalidates(scope: StreamScope, entry: ChangeEntry): boolean {
  if (scope.kind === 'collection')
    return (entry.kind === 'drop' || entry.kind === 'rename') && inScope(scope, entry);
  return scope.kind === 'database' && entry.kind === 'dropDatabase' && entry.db === scope.db;
}
