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
  fold?: (s: string) => string,
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

/** `value` with every string in it folded (a collation's equality); other values as they are. */
function foldStrings(value: unknown, fold: (s: string) => string): unknown {
  if (typeof value === 'string') return fold(value);
  if (Array.isArray(value)) return value.map((v) => foldStrings(v, fold));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, foldStrings(v, fold)]));
}

/** The values without repeats, first one kept; under a folding collation 'Ada' repeats 'ADA'. */
function distinct(
  values: readonly unknown[],
  _strings: StringCompare | undefined,
  fold?: (s: string) => string,
): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const value of values) {
    if (value === undefined) continue;
    const key = canonicalKey(fold ? foldStrings(value, fold) : value);
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
 * undefined where mingo computes it: other accumulators, and `$addToSet` where the caller
 * cannot pass it the collation's folding (`setToMingo`).
 */
export function typedAccumulator(
  spec: unknown,
  setToMingo: boolean,
): { accumulate: Accumulate; arg: unknown } | undefined {
  if (!isPlainObject(spec)) return undefined;
  const names = Object.keys(spec);
  const [name = ''] = names;
  const accumulate = names.length === 1 ? ACCUMULATORS[name] : undefined;
  if (!accumulate || (setToMingo && name === '$addToSet')) return undefined;
  return { accumulate, arg: spec[name] };
}
