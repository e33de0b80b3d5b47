import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { compileFilter } from '../../query/filter.ts';
import { withMingo } from '../../query/mingo-errors.ts';
import { isPlainObject } from '../../query/paths.ts';
import { inProjectionOrder } from '../../query/projection-order.ts';
import { queryOptions } from '../../query/query-options.ts';
import { typedProjection } from '../../query/typed/field-stages.ts';
import { restoreOriginals, toView, toViewDocument } from '../../query/view.ts';
import { applySlices, sliceOperand, slicesOnly } from './slice-projection.ts';

/** Whether a projection uses the positional operator (`'a.$': 1`), which needs the query. */
const positional = (projection: Document) => Object.keys(projection).some((k) => k.endsWith('.$'));

/**
 * Applies a find projection (mingo's) to stored documents; an empty projection returns them as
 * is. It runs on views, with stored types restored after and typed expressions (typed/) computed
 * on them; a positional projection is given the query `filter` it refers to.
 */
export function project(
  docs: Document[],
  projection: Document | undefined,
  filter: Document = {},
): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  const spec = toView(projection) as Document;
  const all = new Query({}, queryOptions());
  const views = docs.map((doc) => toViewDocument(doc));
  const projected = slicesOnly(spec)
    ? views.map((view) => applySlices(view, spec))
    : positional(projection)
      ? withPositional(views, spec, compileFilterOf(filter), all)
      : withMingo(() => all.find<Document>(views, spec).all());
  // Computed fields typed as stored (a decimal128 price times a quantity is a decimal128); the
  // projection operators are mingo's to apply, not expressions.
  const expressions = Object.fromEntries(
    Object.entries(spec).filter(([, value]) => !isProjectionOperator(value)),
  );
  const typed = typedProjection(expressions, queryOptions() as Options);
  return projected.map((out, i) => {
    const stored = docs[i] ?? {};
    const restored = restoreOriginals(
      typed.finish(out, views[i] ?? {}),
      undefined,
      stored,
    ) as Document;
    return inProjectionOrder(restored, stored, projection);
  });
}

const compileFilterOf = (filter: Document) => withMingo(() => compileFilter(filter));

/**
 * `{ $slice: n }`, `{ $slice: [skip, n] }` and `{ $elemMatch: ... }`: find's projection
 * operators. `{ $slice: ['$arr', n] }`, whose first operand is an expression, is the aggregation
 * operator.
 */
function isProjectionOperator(value: unknown): boolean {
  if (sliceOperand(value) !== undefined) return true;
  return isPlainObject(value) && Object.keys(value).length === 1 && '$elemMatch' in value;
}

/**
 * A positional projection, one document at a time: a document the filter does not match as
 * mingo reads it (a collation matched it) is still projected, without the positional element.
 */
function withPositional(
  views: Document[],
  spec: Document,
  matching: Query,
  all: Query,
): Document[] {
  return views.map((view) =>
    withMingo(
      () =>
        matching.find<Document>([view], spec).all()[0] ??
        (all.find<Document>([view], spec).all()[0] as Document),
    ),
  );
}
