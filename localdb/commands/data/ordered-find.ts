import type { Document } from 'bson';
import type { Collation } from '../../query/collation.ts';
import { compileFilter } from '../../query/filter.ts';
import type { SortSpec } from '../../query/sort.ts';
import { toView, toViewDocument } from '../../query/view.ts';
import type { Collection } from '../../storage/collection.ts';
import type { StoredDoc } from '../../storage/stored-doc.ts';

/**
 * A sorted find served by walking an index (storage/ordered-plan.ts), or undefined when no index
 * serves the sort and the caller must match and sort. Returns the skip/limit window only. Under
 * a collation only an index built with it serves, and the filter runs on folded views.
 */
export function orderedFind(
  collection: Collection,
  filter: Document,
  sort: SortSpec,
  window: { readonly skip: number; readonly limit: number },
  variables?: Document,
  collation?: Collation,
): StoredDoc[] | undefined {
  const fold = collation?.fold;
  const query = Object.keys(filter).length
    ? compileFilter(fold ? (toView(filter, fold) as Document) : filter, variables, collation?.spec)
    : undefined;
  const view = (stored: StoredDoc) =>
    fold ? toViewDocument(stored.doc, fold) : collection.viewOf(stored);
  return collection.orderedMatch({
    filter,
    sort,
    ...window,
    test: query && ((stored) => query.test(view(stored))),
    collation,
  });
}
