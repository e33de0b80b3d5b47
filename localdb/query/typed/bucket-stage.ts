import { evalExpr } from 'mingo/core';
import { type Iterator, Lazy } from 'mingo/lazy';
import { $bucket as mingoBucket, $group as mingoGroup } from 'mingo/operators/pipeline';
import type { AnyObject, Options } from 'mingo/types';
import { CommandError } from '../../errors.ts';
import { type Collation, parseCollation } from '../collation.ts';
import { compareBson } from '../compare.ts';
import { isPlainObject } from '../paths.ts';
import { $sort } from '../stage-fixes.ts';
import { adoptOrigin, keepStoredType, originOf } from '../view.ts';
import { accumulateFields, compileOutputFields } from './output-fields.ts';

/**
 * `$bucket` as mongod runs it, a `$group` by bucket then a sort by `_id`: each bound holds the
 * values from it up to the next (mingo put a value equal to a bound in the bucket below), only
 * buckets with documents come out, `_id` is the bound (or default) as the stage wrote it (a
 * decimal128 bound stays one) and the output accumulators are typed as `$group`'s. mingo checks
 * the stage and computes the accumulators localdb does not type.
 */
export function $bucket(collection: Iterator, expr: AnyObject, options: Options): Iterator {
  const spec: unknown = expr;
  if (!isPlainObject(spec) || !Array.isArray(spec.boundaries))
    return mingoBucket(collection, expr as never, options);
  mingoBucket(Lazy([]), expr as never, options); // its checks of the stage run here, eagerly
  const output = isPlainObject(spec.output) ? spec.output : { count: { $sum: 1 } };
  const fields = Object.keys(output);
  const collation = parseCollation(options.collation);
  const stored = originOf(output) as AnyObject | undefined;
  const typed = compileOutputFields(output, fields, stored, options, collation);
  const theirs = fields.filter((k) => typed.get(k) === undefined);
  const keyOf = storedKeys(spec);
  return collection.transform((items) => {
    const out = [...membersByBucket(items as AnyObject[], spec, options, collation)].map(
      ([bound, members]) => {
        const computed = theirs.length
          ? mingoGroup(
              Lazy(members),
              { _id: null, ...Object.fromEntries(theirs.map((k) => [k, output[k]])) } as never,
              options,
            ).collect<AnyObject>()[0]
          : undefined;
        const view: AnyObject = { _id: bound };
        const twin: AnyObject = { _id: keyOf(bound) };
        accumulateFields(typed, members, computed, view, twin, collation);
        adoptOrigin(view, twin);
        return view;
      },
    );
    return $sort(Lazy(out), { _id: 1 }, options);
  });
}

/** A bound (or the default) as the stage stored it. */
function storedKeys(spec: AnyObject): (bound: unknown) => unknown {
  const bounds = spec.boundaries as unknown[];
  const storedBounds = originOf(bounds) as unknown[] | undefined;
  const storedDefault = (originOf(spec) as AnyObject | undefined)?.default;
  return (bound) => {
    const at = bounds.indexOf(bound);
    return keepStoredType(bound, at >= 0 ? storedBounds?.[at] : storedDefault);
  };
}

/** Each document under the greatest bound not above its value, else the default. */
function membersByBucket(
  docs: AnyObject[],
  spec: AnyObject,
  options: Options,
  collation: Collation | undefined,
): Map<unknown, AnyObject[]> {
  const bounds = spec.boundaries as unknown[];
  const members = new Map<unknown, AnyObject[]>();
  for (const doc of docs) {
    const key: unknown = evalExpr(doc, spec.groupBy, options);
    let at = -1;
    if (
      key !== null &&
      key !== undefined &&
      compareBson(key, bounds.at(-1), collation?.compare) < 0
    )
      at = bounds.findLastIndex((b) => compareBson(b, key, collation?.compare) <= 0);
    if (at < 0 && !Object.hasOwn(spec, 'default')) {
      throw new CommandError(
        'Location40066',
        '$switch could not find a matching branch for an input, and no default was specified.',
      );
    }
    const bound = at < 0 ? spec.default : bounds[at];
    const list = members.get(bound);
    if (list) list.push(doc);
    else members.set(bound, [doc]);
  }
  return members;
}
