import { numberKind, toNumber } from '../bson-type.ts';
import { extremeOf } from './accumulators.ts';
import { DEFER } from './numbers.ts';

/**
 * Expressions that pick one of their operands' values, answered as stored (a decimal128 element
 * stays one): `$min` and `$max` in BSON order, `$arrayElemAt`, and `$first`/`$last` of an array.
 * Anything mongod would refuse is left to mingo (DEFER), which raises the error.
 */
type Select = (operands: readonly unknown[]) => unknown;

const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;

/** One array operand is searched element by element, as mongod does. */
function extreme(sign: 1 | -1): Select {
  return (operands) => {
    const [only] = operands;
    return extremeOf(operands.length === 1 && Array.isArray(only) ? only : operands, sign);
  };
}

function end(which: 'first' | 'last'): Select {
  return (operands) => {
    if (operands.length !== 1) return DEFER;
    const [array] = operands;
    if (isNullish(array)) return null;
    if (!Array.isArray(array)) return DEFER;
    return which === 'first' ? array[0] : array.at(-1);
  };
}

const arrayElemAt: Select = (operands) => {
  if (operands.length !== 2) return DEFER;
  const [array, indexArg] = operands;
  if (isNullish(array) || isNullish(indexArg)) return null;
  const index = numberKind(indexArg) === undefined ? Number.NaN : toNumber(indexArg);
  if (!Array.isArray(array) || !Number.isInteger(index)) return DEFER;
  return array.at(index);
};

export const TYPED_SELECTION: Readonly<Record<string, Select>> = Object.freeze({
  $min: extreme(-1),
  $max: extreme(1),
  $first: end('first'),
  $last: end('last'),
  $arrayElemAt: arrayElemAt,
});
