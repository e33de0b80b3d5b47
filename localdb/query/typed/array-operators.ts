import type { AnyObject } from 'mingo/types';
import { numberKind, toNumber } from '../bson-type.ts';
import { originOf } from '../view.ts';
import { DEFER, isNullish } from './numbers.ts';

/**
 * Array expressions that rearrange their input without computing on it, answered as stored (a
 * decimal128 element stays one): `$slice`, `$reverseArray`, `$concatArrays`, and the `$firstN`
 * and `$lastN` expressions. Anything mongod would refuse is left to mingo (DEFER).
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

/** The expression forms `{ input, n }`: the operand is an object expression's typed twin. */
function firstOrLast(which: 'first' | 'last'): Select {
  return (operands) => {
    const [spec] = operands;
    const args = (spec !== null && typeof spec === 'object' ? originOf(spec) : undefined) as
      | AnyObject
      | undefined;
    if (operands.length !== 1 || !args || Object.keys(args).length !== 2) return DEFER;
    const n = integer(args.n);
    if (!Array.isArray(args.input) || n === undefined || n < 1) return DEFER;
    return which === 'first' ? args.input.slice(0, n) : args.input.slice(-n);
  };
}

export const TYPED_ARRAYS: Readonly<Record<string, Select>> = Object.freeze({
  $slice: slice,
  $reverseArray: reverseArray,
  $concatArrays: concatArrays,
  $firstN: firstOrLast('first'),
  $lastN: firstOrLast('last'),
});
