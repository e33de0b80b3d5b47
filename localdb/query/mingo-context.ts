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
import * as CONVERSIONS from './conversion-operators.ts';
import * as DATES from './date-operators.ts';
import { $facet } from './facet-operator.ts';
import { $geoIntersects, $geoWithin } from './geo/operators.ts';
import { $lookup } from './lookup-operator.ts';
import { $mod } from './mod-operator.ts';
import { inProjectionOrder } from './projection-order.ts';
import { parseSort, sortDocuments } from './sort.ts';
import * as STAGE_FIXES from './stage-fixes.ts';
import { $type } from './type-operator.ts';

/** `$sort` in MongoDB's BSON order (mingo's own puts ObjectId, Binary... after every known type). */
function $sort(collection: Iterator, expr: AnyObject, options: Options): Iterator {
  const spec = parseSort(expr);
  const strings = parseCollation(options.collation)?.compare;
  return collection.transform((docs) =>
    Lazy(sortDocuments(docs as AnyObject[], spec, (d) => d, strings)),
  );
}

/** `$project` answering its fields in mongod's order (projection-order.ts). */
function $project(collection: Iterator, expr: AnyObject, options: Options): Iterator {
  return collection.transform((docs) => {
    const inputs = docs as AnyObject[];
    const projected = pipeline.$project(Lazy(inputs), expr, options).collect<AnyObject>();
    return Lazy(projected.map((doc, i) => inProjectionOrder(doc, inputs[i] ?? {}, expr)));
  });
}

/**
 * Every mingo operator, with localdb's replacements registered first: Context.init takes the
 * given table as is, whereas mingo's default entry point would merge its own `$sort` over ours.
 */
export const LOCALDB_CONTEXT = Context.init({
  accumulator,
  expression: { ...expression, ...CONVERSIONS, ...DATES },
  pipeline: {
    ...pipeline,
    $sort: $sort as PipelineOperator,
    $lookup: $lookup as PipelineOperator,
    $facet: $facet as PipelineOperator,
    $project: $project as PipelineOperator,
    $redact: STAGE_FIXES.$redact as PipelineOperator,
    $bucket: STAGE_FIXES.$bucket as PipelineOperator,
    $bucketAuto: STAGE_FIXES.$bucketAuto as PipelineOperator,
    $setWindowFields: STAGE_FIXES.$setWindowFields as PipelineOperator,
  },
  projection,
  query: {
    ...query,
    $type: $type as QueryOperator,
    $mod: $mod as QueryOperator,
    $geoWithin: $geoWithin as QueryOperator,
    $geoIntersects: $geoIntersects as QueryOperator,
  },
  window,
});
