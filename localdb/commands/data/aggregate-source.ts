import type { Document } from 'bson';
import type { Collation } from '../../query/collation.ts';
import { isPlainObject } from '../../query/paths.ts';
import type { Collection } from '../../storage/collection.ts';
import { idCandidates } from '../../storage/planner.ts';
import type { StoredDoc } from '../../storage/stored-doc.ts';

/**
 * The documents a collection's pipeline starts from. For a leading `$match`, the candidates its
 * filter selects through the collection's indexes (as for find), else every document: mongod
 * likewise answers a leading `$match` from an index. The `$match` stage itself still runs in the
 * pipeline, so the result is the same; only the documents it could never keep are left out
 * (countDocuments on an indexed field at 100,000 documents: ~140 ms → a few ms). Under a
 * collation the index keys (binary) do not apply, so every document is read, as find does,
 * but for an `_id` equality or `$in` on ObjectIds.
 */
export function pipelineSource(
  collection: Collection | undefined,
  stages: readonly Document[],
  collation: Collation | undefined,
): Iterable<StoredDoc> {
  if (!collection) return [];
  const filter = stages[0]?.$match;
  if (!isPlainObject(filter)) return collection.docs.values();
  // Under a collation index keys (binary) find only ids no collation compares (ObjectIds).
  if (collation) return idCandidates(collection, filter, false) ?? collection.docs.values();
  return collection.candidates(filter);
}
