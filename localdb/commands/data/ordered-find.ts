import type { Document } from 'bson';
import { compileFilter } from '../../query/filter.ts';
import type { SortSpec } from '../../query/sort.ts';
import type { Collection, StoredDoc } from '../../storage/collection.ts';

/**
 * A sorted find served by walking an index (storage/ordered-plan.ts), or undefined when no index
 * serves the sort and the caller must match and sort. `want` = skip + limit, 0 for all.
 */
export function orderedFind(
  collection: Collection,
  filter: Document,
  sort: SortSpec,
  want: number,
  variables?: Document,
): StoredDoc[] | undefined {
  const query = Object.keys(filter).length ? compileFilter(filter, variables) : undefined;
  return collection.orderedMatch({
    filter,
    sort,
    want,
    test: query && ((stored) => query.test(collection.viewOf(stored))),
  });
}
