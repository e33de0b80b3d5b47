import type { Collection, Document, Filter } from 'mongodb';
import type { OpOptions } from './runner.ts';

/**
 * How many documents match `filter`. With an empty filter, outside a transaction, the
 * collection's metadata count (`estimatedDocumentCount`, the `count` command): countDocuments
 * is a `$match` + `$group` aggregation that reads every document, so an unfiltered list's total
 * would cost as much as the collection is large. MongoEngine's count() makes the same choice.
 * The metadata count can be off after an unclean shutdown, or on a sharded cluster with orphaned
 * documents; the `count` command is not allowed in a transaction, so there the exact one runs.
 */
export function countMatching<T extends Document>(
  collection: Collection<T>,
  filter: Filter<T>,
  options: OpOptions,
): Promise<number> {
  if (Object.keys(filter).length === 0 && options.session?.inTransaction() !== true) {
    return collection.estimatedDocumentCount(options);
  }
  return collection.countDocuments(filter, options);
}
