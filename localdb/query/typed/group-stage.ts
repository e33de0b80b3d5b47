import { evalExpr } from 'mingo/core';
import { type Iterator, Lazy } from 'mingo/lazy';
import { $group as mingoGroup } from 'mingo/operators/pipeline';
import type { AnyObject, Options } from 'mingo/types';
import { groupBy } from 'mingo/util';
import { parseCollation } from '../collation.ts';
import { isPlainObject } from '../paths.ts';
import { $sort } from '../stage-fixes.ts';
import { adoptOrigin, originOf, toView } from '../view.ts';
import { compileTyped, viewOf } from './expression.ts';
import { accumulateFields, compileOutputFields } from './output-fields.ts';

/**
 * `$group` with its `_id` and its common accumulators (accumulators.ts) computed on stored
 * types: the sum of decimal128 prices is a decimal128, as on mongod, where mingo added doubles.
 * Each output document's origin holds the typed values, so later stages and the final restore
 * keep them. Other accumulators are mingo's, grouped the same way.
 */
export function $group(collection: Iterator, expr: AnyObject, options: Options): Iterator {
  if (!isPlainObject(expr) || !Object.hasOwn(expr, '_id'))
    return mingoGroup(collection, expr as never, options);
  const collation = parseCollation(options.collation);
  const literals = originOf(expr) as AnyObject | undefined;
  const fields = Object.keys(expr).filter((k) => k !== '_id');
  const fold = collation?.fold;
  const typedId = compileTyped(expr._id, options, fold, literals?._id);
  const typed = compileOutputFields(expr, fields, literals, options, collation);
  const theirs = fields.filter((k) => typed.get(k) === undefined);
  // Under a folding collation 'Ada' and 'ADA' are one group, named as its first document has it.
  const key = fold
    ? (doc: AnyObject) => toView(evalExpr(doc, expr._id, options), fold)
    : (doc: AnyObject) => evalExpr(doc, expr._id, options);
  const theirSpec = pick(expr, theirs);
  return collection.transform((items) => {
    const partitions = groupBy(items as AnyObject[], key);
    const out: AnyObject[] = [];
    for (const group of partitions.values()) {
      const first = group[0] as AnyObject;
      const id = typedId(first) ?? null;
      const view: AnyObject = { _id: viewOf(id) };
      const twin: AnyObject = { _id: id };
      const computed = theirs.length
        ? mingoGroup(
            Lazy(group),
            { _id: null, ...theirSpec } as never,
            options,
          ).collect<AnyObject>()[0]
        : undefined;
      accumulateFields(typed, group as AnyObject[], computed, view, twin, collation);
      adoptOrigin(view, twin);
      out.push(view);
    }
    return Lazy(out);
  });
}

function pick(spec: AnyObject, keys: readonly string[]): AnyObject {
  return Object.fromEntries(keys.map((k) => [k, spec[k]]));
}

/** `$sortByCount` through localdb's `$group` (mingo's used its own, dropping stored types). */
export function $sortByCount(collection: Iterator, expr: unknown, options: Options): Iterator {
  const grouped = $group(collection, { _id: expr, count: { $sum: 1 } }, options);
  return $sort(grouped, { count: -1 }, options);
}
