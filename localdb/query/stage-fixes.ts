import { evalExpr } from 'mingo/core';
import type { Iterator } from 'mingo/lazy';
import { Lazy } from 'mingo/lazy';
import {
  $bucket as mingoBucket,
  $bucketAuto as mingoBucketAuto,
  $redact as mingoRedact,
  $setWindowFields as mingoSetWindowFields,
} from 'mingo/operators/pipeline';
import type { AnyObject, Options } from 'mingo/types';
import { compareBson } from './compare.ts';
import { idFirst } from './id-first.ts';
import { isPlainObject } from './paths.ts';

/**
 * Stages whose output mingo shapes differently from MongoDB: which documents come out
 * (`$redact`), in which order (`$setWindowFields`), and with which field order (`$bucket`,
 * `$bucketAuto`).
 */
type Stage = (collection: Iterator, expr: never, options: Options) => Iterator;

/** A document `$$PRUNE`d at its top is left out (mingo passed an empty document on). */
export const $redact: Stage = (collection, expr, options) =>
  mingoRedact(collection, expr, options).filter((doc: unknown) => doc !== undefined);

/** Bucket documents with `_id` first, as mongod answers them. */
export const $bucket: Stage = (collection, expr, options) =>
  mingoBucket(collection, expr, options).map((doc) => idFirst(doc as AnyObject));
export const $bucketAuto: Stage = (collection, expr, options) =>
  mingoBucketAuto(collection, expr, options).map((doc) => idFirst(doc as AnyObject));

/**
 * Partitions in `partitionBy` order: mongod sorts by it (then `sortBy`) before it computes the
 * windows; mingo answered the partitions in the order their first document came after `sortBy`.
 */
export const $setWindowFields: Stage = (collection, expr, options) => {
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
};
