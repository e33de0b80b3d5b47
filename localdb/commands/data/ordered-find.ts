import type { Document } from 'bson';
import { compileFilter } from '../../query/filter.ts';
import type { SortSpec } from '../../query/sort.ts';
import type { Collection } from '../../storage/collection.ts';
import type { StoredDoc } from '../../storage/stored-doc.ts';

/**
 * A sorted find served by walking an index (storage/ordered-plan.ts), or undefined when no index
 * serves the sort and the caller must match and sort. Returns the skip/limit window only.
 */
export function orderedFind(
  collection: Collection,
  filter: Document,
  sort: SortSpec,
  window: { readonly skip: number; readonly limit: number },
  variables?: Document,
): StoredDoc[] | undefined {
  const query = Object.keys(filter).length ? compileFilter(filter, variables) : undefined;
  return collection.orderedMatch({
    filter,
    sort,
    ...window,
    test: query && ((stored) => query.test(collection.viewOf(stored))),
  });
}
