import { evalExpr } from 'mingo/core';
import type { Iterator } from 'mingo/lazy';
import { Lazy } from 'mingo/lazy';
import {
  $bucketAuto as mingoBucketAuto,
  $count as mingoCount,
  $match as mingoMatch,
  $project as mingoProject,
  $redact as mingoRedact,
  $setWindowFields as mingoSetWindowFields,
} from 'mingo/operators/pipeline';
import { Query } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import { collationOf, parseCollation } from './collation.ts';
import { compareBson } from './compare.ts';
import { normalizeFilter } from './filter-normalize.ts';
import { idFirst } from './id-first.ts';
import { isPlainObject } from './paths.ts';
import { inProjectionOrder } from './projection-order.ts';
import { parseSort, sortDocuments } from './sort.ts';
import { typedProjection } from './typed/field-stages.ts';
import { typedSetWindowFields } from './typed/window-stage.ts';
import { toView } from './view.ts';

/**
 * Stages whose output mingo shapes differently from MongoDB: which documents come out
 * (`$redact`, `$count` of nothing), in which order (`$sort` in BSON order, `$setWindowFields`), and with which field
 * order (`$project`, `$bucket`, `$bucketAuto`).
 */
type Stage = (collection: Iterator, expr: never, options: Options) => Iterator;

/** No input, no document: mongod's `$count` answers nothing where mingo answered a count of 0. */
export const $count: Stage = (collection, expr, options) =>
  mingoCount(collection, expr, options).filter(
    (doc: unknown) => !isPlainObject(doc) || doc[expr as string] !== 0,
  );

/**
 * `$match` reads its filter as find does (filter-normalize.ts). Under a case- or accent-folding
 * collation it tests a folded copy of each document against the filter, whose compared strings
 * fold-stages.ts folded: the documents themselves flow on unfolded, so what later stages compute
 * from their strings keeps their case.
 */
export const $match: Stage = (collection, expr, options) => {
  const filter = (isPlainObject(expr) ? normalizeFilter(expr) : expr) as never;
  const fold = collationOf(options.collation)?.fold;
  if (!fold) return mingoMatch(collection, filter, options);
  const query = new Query(filter, options);
  return collection.filter((doc) => query.test(toView(doc, fold) as AnyObject));
};

/** A document `$$PRUNE`d at its top is left out (mingo passed an empty document on). */
export const $redact: Stage = (collection, expr, options) =>
  mingoRedact(collection, expr, options).filter((doc: unknown) => doc !== undefined);

/** Bucket documents with `_id` first, as mongod answers them ($bucket: typed/bucket-stage.ts). */
export const $bucketAuto: Stage = (collection, expr, options) =>
  mingoBucketAuto(collection, expr, options).map((doc) => idFirst(doc as AnyObject));

/**
 * Partitions in `partitionBy` order: mongod sorts by it (then `sortBy`) before it computes the
 * windows; mingo answered the partitions in the order their first document came after `sortBy`.
 * Accumulators over `documents` windows are computed on stored types (typed/window-stage.ts).
 */
export const $setWindowFields: Stage = (collection, expr, options) =>
  typedSetWindowFields(collection, expr, options, () => {
    const spec: unknown = expr;
    const partitionBy = isPlainObject(spec) ? spec.partitionBy : undefined;
    const windows = mingoSetWindowFields(collection, expr, options);
    if (partitionBy === undefined) return windows;
    return windows.transform((docs) => {
      const keyed = (docs as AnyObject[]).map((doc, at) => ({
        doc,
        at,
        key: evalExpr(doc, partitionBy, options),
      }));
      keyed.sort((a, b) => compareBson(a.key, b.key) || a.at - b.at);
      return Lazy(keyed.map((k) => k.doc));
    });
  });

/** `$sort` in MongoDB's BSON order (mingo's own puts ObjectId, Binary... after every known type). */
export function $sort(collection: Iterator, expr: AnyObject, options: Options): Iterator {
  const spec = parseSort(expr);
  const strings = parseCollation(options.collation)?.compare;
  return collection.transform((docs) =>
    Lazy(sortDocuments(docs as AnyObject[], spec, (d) => d, strings)),
  );
}

/**
 * `$project` answering its fields in mongod's order (projection-order.ts), computed fields typed
 * as stored (typed/field-stages.ts).
 */
export function $project(collection: Iterator, expr: AnyObject, options: Options): Iterator {
  const typed = typedProjection(expr, options);
  return collection.transform((docs) => {
    const inputs = docs as AnyObject[];
    const projected = mingoProject(Lazy(inputs), typed.spec, options).collect<AnyObject>();
    return Lazy(
      projected.map((doc, i) => {
        const input = inputs[i] ?? {};
        return typed.finish(inProjectionOrder(doc, input, expr), input);
      }),
    );
  });
}
