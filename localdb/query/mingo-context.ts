import { Context } from 'mingo/core';
import type { Iterator } from 'mingo/lazy';
import { Lazy } from 'mingo/lazy';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import type { AnyObject, Options, PipelineOperator, QueryOperator } from 'mingo/types';
import { parseCollation } from './collation.ts';
import { parseSort, sortDocuments } from './sort.ts';
import { $type } from './type-operator.ts';

/** `$sort` in MongoDB's BSON order (mingo's own puts ObjectId, Binary... after every known type). */
function $sort(collection: Iterator, expr: AnyObject, options: Options): Iterator {
  const spec = parseSort(expr);
  const strings = parseCollation(options.collation)?.compare;
  return collection.transform((docs) =>
    Lazy(sortDocuments(docs as AnyObject[], spec, (d) => d, strings)),
  );
}

/** The documents a `$lookup` joins, computed from the stage's input (commands/data/lookup-source.ts). */
export type JoinSource = (input: readonly AnyObject[]) => AnyObject[];
type LookupExpr = Parameters<typeof pipeline.$lookup>[1];

/**
 * mingo's `$lookup`, with two differences. Its `from` may also be a JoinSource: the stage's input
 * is gathered first and the join reads only the documents its keys can match. A client cannot
 * send one (BSON carries no functions): only localdb's own rewrite of a pipeline puts it there.
 * And an array `localField` joins only its matches: mingo adds an `undefined` (a null on the
 * wire) for each element that matched nothing.
 */
function $lookup(collection: Iterator, expr: LookupExpr, options: Options): Iterator {
  const from: unknown = expr.from;
  const joined =
    typeof from !== 'function'
      ? pipeline.$lookup(collection, expr, options)
      : collection.transform((docs) =>
          pipeline.$lookup(
            Lazy(docs),
            { ...expr, from: (from as JoinSource)(docs as AnyObject[]) },
            options,
          ),
        );
  return joined.map((doc) => {
    const matches = (doc as AnyObject)[expr.as];
    return Array.isArray(matches) && matches.includes(undefined)
      ? { ...(doc as AnyObject), [expr.as]: matches.filter((m) => m !== undefined) }
      : doc;
  });
}

/**
 * Every mingo operator, with localdb's replacements registered first: Context.init takes the
 * given table as is, whereas mingo's default entry point would merge its own `$sort` over ours.
 */
export const LOCALDB_CONTEXT = Context.init({
  accumulator,
  expression,
  pipeline: { ...pipeline, $sort: $sort as PipelineOperator, $lookup: $lookup as PipelineOperator },
  projection,
  query: { ...query, $type: $type as QueryOperator },
  window,
});
