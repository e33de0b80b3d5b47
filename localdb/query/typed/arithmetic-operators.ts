import { Long } from 'bson';
import { CommandError } from '../../errors.ts';
import { NumberKind, numberKind, toNumber } from '../bson-type.ts';
import { bsonTypeName } from '../bson-type-name.ts';
import { Decimal34 } from './decimal.ts';
import {
  DEFER,
  isNullish,
  numeric,
  type Result,
  typedAbs,
  typedAverage,
  typedDecimal,
  typedDifference,
  typedDouble,
  typedProduct,
  typedQuotient,
  typedSum,
} from './numbers.ts';
import { quantizer } from './rounding.ts';

/**
 * The arithmetic expression operators computed on stored types (numbers.ts), with the operand
 * checks mongod makes: null or missing gives null, dates are left to mingo's date arithmetic,
 * anything else that is not a number is refused with mongod's code.
 */
const allNumeric = (values: readonly unknown[]) => values.every((v) => numeric(v) !== undefined);

/** One operand (`$abs: x` or `$abs: [x]`), null for null or missing, else numeric. */
function unary(compute: (a: unknown) => Result, nullable = true) {
  return (operands: readonly unknown[]): Result => {
    if (operands.length !== 1) return DEFER;
    const [a] = operands;
    if (isNullish(a)) return nullable ? null : DEFER;
    return compute(a);
  };
}

/** Operands all numeric (a null or missing one makes the result null). */
function numericOperands(
  compute: (values: readonly unknown[]) => Result,
  refuse: (operands: readonly unknown[]) => CommandError,
  arity?: number,
) {
  return (operands: readonly unknown[]): Result => {
    if (arity !== undefined && operands.length !== arity) return DEFER;
    if (operands.some(isNullish)) return null;
    if (allNumeric(operands)) return compute(operands);
    // Date arithmetic is mingo's (date-arithmetic.ts); anything else mongod refuses.
    if (operands.some((v) => v instanceof Date)) return DEFER;
    throw refuse(operands);
  };
}

const firstNonNumeric = (operands: readonly unknown[]) =>
  bsonTypeName(operands.find((v) => numeric(v) === undefined));

/** mongod's refusals of operands that are not numbers (nor dates where those add up). */
const REFUSALS = Object.freeze({
  $add: (operands: readonly unknown[]) =>
    new CommandError(
      'Location16554',
      `$add only supports numeric or date types, not ${firstNonNumeric(operands)}`,
    ),
  $multiply: (operands: readonly unknown[]) =>
    new CommandError(
      'Location16555',
      `$multiply only supports numeric types, not ${firstNonNumeric(operands)}`,
    ),
  $subtract: ([a, b]: readonly unknown[]) =>
    new CommandError(
      'Location16556',
      `cant $subtract a ${bsonTypeName(b)} from a ${bsonTypeName(a)}`,
    ),
  $divide: ([a, b]: readonly unknown[]) =>
    new CommandError(
      'Location16609',
      `$divide only supports numeric types, not ${bsonTypeName(a)} and ${bsonTypeName(b)}`,
    ),
});

/**
 * `$toLong` of a number (truncated toward zero), a boolean, a date (its milliseconds) or a string
 * of digits: an int64, where mingo answers a JS number that would be written as an int32.
 * Values past 2^53 and anything refused are mingo's.
 */
function typedLong(a: unknown): Result {
  if (numberKind(a) === NumberKind.Long) return typeof a === 'bigint' ? Long.fromBigInt(a) : a;
  if (numberKind(a) !== undefined) {
    const n = Math.trunc(toNumber(a));
    return Number.isSafeInteger(n) ? Long.fromNumber(n) : DEFER;
  }
  if (typeof a === 'boolean') return Long.fromNumber(a ? 1 : 0);
  if (a instanceof Date) return Long.fromNumber(a.getTime());
  if (typeof a === 'string' && /^-?\d{1,18}$/.test(a)) return Long.fromString(a);
  return DEFER;
}

/** `$sum` and `$avg` as expressions: one array operand is summed element by element. */
function numericList(operands: readonly unknown[]): readonly unknown[] {
  const [only] = operands;
  return operands.length === 1 && Array.isArray(only) ? only : operands;
}

/** The arithmetic expression operators computed on stored types, by name. */
export const TYPED_ARITHMETIC: Readonly<Record<string, (operands: readonly unknown[]) => Result>> =
  Object.freeze({
    $add: numericOperands(typedSum, REFUSALS.$add),
    $multiply: numericOperands(typedProduct, REFUSALS.$multiply),
    $subtract: numericOperands(([a, b]) => typedDifference(a, b), REFUSALS.$subtract, 2),
    $divide: numericOperands(([a, b]) => typedQuotient(a, b), REFUSALS.$divide, 2),
    $abs: unary((a) => (numberKind(a) === undefined ? DEFER : typedAbs(a))),
    $toDecimal: unary(typedDecimal),
    $toDouble: unary(typedDouble),
    $toLong: unary(typedLong),
    $sum: (operands: readonly unknown[]) => typedSum(numericList(operands)),
    $avg: (operands: readonly unknown[]) => typedAverage(numericList(operands)),
    $round: quantizer(Decimal34.ROUND_HALF_EVEN),
    $trunc: quantizer(Decimal34.ROUND_DOWN),
  });
