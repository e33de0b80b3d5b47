import { canonicalKey } from '../canonical-key.ts';
import { compareBson, type StringCompare } from '../compare.ts';
import { isPlainObject } from '../paths.ts';
import { typedAverage, typedSum } from './numbers.ts';

/**
 * `$group` accumulators computed on each member's typed value (undefined where the expression
 * is missing), as mongod computes them: `$sum` and `$avg` of the numbers only, `$min` and `$max`
 * in BSON order skipping null and missing, `$first`/`$last` null for missing, `$push` and
 * `$addToSet` skipping missing. They answer stored values, so a decimal128 price stays one.
 */
export type Accumulate = (
  values: readonly unknown[],
  strings: StringCompare | undefined,
) => unknown;

/** The greatest (`sign` 1) or least value in BSON order, null and missing skipped; else null. */
export function extremeOf(
  values: readonly unknown[],
  sign: 1 | -1,
  strings?: StringCompare,
): unknown {
  let best: unknown = null;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (best === null || sign * compareBson(value, best, strings) > 0) best = value;
  }
  return best;
}

function distinct(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const value of values) {
    if (value === undefined) continue;
    const key = canonicalKey(value);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

const ACCUMULATORS: Readonly<Record<string, Accumulate>> = Object.freeze({
  $sum: (values) => typedSum(values),
  $avg: (values) => typedAverage(values),
  $min: (values, strings) => extremeOf(values, -1, strings),
  $max: (values, strings) => extremeOf(values, 1, strings),
  $first: (values) => values[0] ?? null,
  $last: (values) => values.at(-1) ?? null,
  $push: (values) => values.filter((v) => v !== undefined),
  $addToSet: distinct,
});

/**
 * The typed accumulator and its argument for a `$group` field (`{ $sum: '$price' }`), or
 * undefined where mingo computes it (other accumulators; `$addToSet` under a collation, whose
 * equality is the collation's).
 */
export function typedAccumulator(
  spec: unknown,
  collated: boolean,
): { accumulate: Accumulate; arg: unknown } | undefined {
  if (!isPlainObject(spec)) return undefined;
  const names = Object.keys(spec);
  const [name = ''] = names;
  const accumulate = names.length === 1 ? ACCUMULATORS[name] : undefined;
  if (!accumulate || (collated && name === '$addToSet')) return undefined;
  return { accumulate, arg: spec[name] };
}
