import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { withMingo } from '../../query/mingo-errors.ts';
import { inProjectionOrder } from '../../query/projection-order.ts';
import { queryOptions } from '../../query/query-options.ts';
import { toView } from '../../query/view.ts';

/** Applies a find projection (mingo's) to stored documents; an empty projection returns them as is. */
export function project(docs: Document[], projection: Document | undefined): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  const projected = withMingo(() =>
    new Query({}, queryOptions()).find<Document>(docs, toView(projection) as Document).all(),
  );
  return projected.map((doc, i) => inProjectionOrder(doc, docs[i] ?? {}, projection));
}
