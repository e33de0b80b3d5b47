import type { AnyObject } from 'mingo/types';
import { numberKind, toNumber } from '../bson-type.ts';
import { bsonEquals, compareBson } from '../compare.ts';
import { isPlainObject } from '../paths.ts';
import { parseSort, sortDocuments } from '../sort.ts';
import { originOf } from '../view.ts';
import { DEFER, isNullish } from './numbers.ts';

/**
 * Array expressions that rearrange their input without computing on it, answered as stored (a
 * decimal128 element stays one): `$slice`, `$reverseArray`, `$concatArrays`, `$sortArray`, `$zip`, the
 * `$firstN` and `$lastN` expressions, and the set operators that answer arrays (`$setUnion`,
 * `$setIntersection`, `$setDifference`: each value once, numbers equal across types as mongod
 * compares them, the first met kept). Anything mongod would refuse is left to mingo (DEFER).
 */
type Select = (operands: readonly unknown[]) => unknown;

/** An integral number of any BSON type as a JS number, else undefined. */
function integer(value: unknown): number | undefined {
  if (numberKind(value) === undefined) return undefined;
  const n = toNumber(value);
  return Number.isInteger(n) ? n : undefined;
}

/** `[array, n]` (the first n, or the last -n) or `[array, position, n]` (n positive). */
const slice: Select = (operands) => {
  const [array, ...bounds] = operands;
  if (operands.length < 2 || operands.length > 3) return DEFER;
  if (isNullish(array) || bounds.some(isNullish)) return null;
  const [first, second] = bounds.map(integer);
  if (!Array.isArray(array) || first === undefined) return DEFER;
  if (operands.length === 2) return first >= 0 ? array.slice(0, first) : array.slice(first);
  if (second === undefined || second <= 0) return DEFER;
  const start = first >= 0 ? Math.min(first, array.length) : Math.max(array.length + first, 0);
  return array.slice(start, start + second);
};

const reverseArray: Select = (operands) => {
  const [array] = operands;
  if (operands.length !== 1) return DEFER;
  if (isNullish(array)) return null;
  return Array.isArray(array) ? [...array].reverse() : DEFER;
};

const concatArrays: Select = (operands) => {
  if (operands.some(isNullish)) return null;
  return operands.every(Array.isArray) ? (operands as unknown[][]).flat(1) : DEFER;
};

/** The typed arguments of a named form (`{ input, n }`): an object expression's typed twin. */
function namedArgs(operands: readonly unknown[]): AnyObject | undefined {
  const [spec] = operands;
  if (operands.length !== 1 || !isPlainObject(spec)) return undefined;
  return (originOf(spec) ?? spec) as AnyObject;
}

function firstOrLast(which: 'first' | 'last'): Select {
  return (operands) => {
    const args = namedArgs(operands);
    if (!args || Object.keys(args).length !== 2) return DEFER;
    const n = integer(args.n);
    if (!Array.isArray(args.input) || n === undefined || n < 1) return DEFER;
    return which === 'first' ? args.input.slice(0, n) : args.input.slice(-n);
  };
}

/** `{ input, sortBy }`: 1 or -1 orders the values, a document orders documents by its fields. */
const sortArray: Select = (operands) => {
  const args = namedArgs(operands);
  if (!args || Object.keys(args).length !== 2 || !('sortBy' in args)) return DEFER;
  const { input, sortBy } = args;
  if (isNullish(input)) return null;
  if (!Array.isArray(input)) return DEFER;
  const direction = integer(sortBy);
  if (direction === 1 || direction === -1)
    return input
      .map((value, i) => ({ value, i }))
      .sort((a, b) => compareBson(a.value, b.value) * direction || a.i - b.i)
      .map((e) => e.value);
  if (!isPlainObject(sortBy) || Object.keys(sortBy).length === 0) return DEFER;
  return sortDocuments([...input], parseSort(sortBy));
};

/** `{ inputs, useLongestLength?, defaults? }`: the arrays transposed, their elements as stored. */
const zip: Select = (operands) => {
  const args = namedArgs(operands);
  if (!args || !Array.isArray(args.inputs) || args.inputs.length === 0) return DEFER;
  const { inputs, useLongestLength = false, defaults } = args;
  if (typeof useLongestLength !== 'boolean') return DEFER;
  if (defaults !== undefined && (!useLongestLength || !Array.isArray(defaults))) return DEFER;
  if (defaults !== undefined && defaults.length !== inputs.length) return DEFER;
  if (inputs.some(isNullish)) return null;
  if (!inputs.every(Array.isArray)) return DEFER;
  const lengths = (inputs as unknown[][]).map((a) => a.length);
  const length = useLongestLength ? Math.max(0, ...lengths) : Math.min(...lengths);
  return Array.from({ length }, (_, i) =>
    (inputs as unknown[][]).map((a, j) => (i < a.length ? a[i] : (defaults?.[j] ?? null))),
  );
};

/** Each value once, the first met kept. */
function distinct(values: readonly unknown[]): unknown[] {
  const kept: unknown[] = [];
  for (const v of values) if (!kept.some((k) => bsonEquals(k, v))) kept.push(v);
  return kept;
}

/** Set operators answer null for a null or missing operand; non-arrays are mingo's to refuse. */
function setOf(combine: (arrays: readonly unknown[][]) => unknown[], arity?: number): Select {
  return (operands) => {
    if (arity !== undefined && operands.length !== arity) return DEFER;
    if (operands.some(isNullish)) return null;
    if (!operands.every(Array.isArray)) return DEFER;
    return combine(operands as unknown[][]);
  };
}

const within = (array: readonly unknown[], v: unknown) => array.some((x) => bsonEquals(x, v));

export const TYPED_ARRAYS: Readonly<Record<string, Select>> = Object.freeze({
  $slice: slice,
  $reverseArray: reverseArray,
  $concatArrays: concatArrays,
  $firstN: firstOrLast('first'),
  $lastN: firstOrLast('last'),
  $sortArray: sortArray,
  $zip: zip,
  $setUnion: setOf((arrays) => distinct(arrays.flat(1))),
  $setIntersection: setOf(([first = [], ...rest]) =>
    distinct(first.filter((v) => rest.every((other) => within(other, v)))),
  ),
  $setDifference: setOf(([a = [], b = []]) => distinct(a.filter((v) => !within(b, v))), 2),
});
