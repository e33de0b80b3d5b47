import { Decimal128, Double, type Int32, Long } from 'bson';
import type { Decimal } from 'decimal.js';
import { CommandError } from '../../errors.ts';
import { bsonTag, NumberKind, type NumberKindValue, numberKind, toNumber } from '../bson-type.ts';
import { Decimal34, decimalOf, decimalText, toDecimal128, toDecimalQuotient } from './decimal.ts';

/**
 * Arithmetic on stored BSON numbers with mongod's result types: the widest operand type wins
 * (int32 < int64 < double < decimal128), an int32 result that overflows becomes an int64 and an
 * int64 one a double, decimals are exact (decimal.ts) and integers are summed in 64 bits.
 * `DEFER` means "not a case for typed arithmetic": the caller takes mingo's result (dates,
 * strings).
 */
export const DEFER: unique symbol = Symbol('defer to mingo');
type Result = unknown;

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;

function widestOf(values: readonly unknown[]): NumberKindValue {
  let widest: NumberKindValue = NumberKind.Int;
  for (const v of values) widest = Math.max(widest, numberKind(v) ?? 0) as NumberKindValue;
  return widest;
}

function bigintOf(value: unknown): bigint {
  return bsonTag(value) === 'Long' ? (value as Long).toBigInt() : BigInt(toNumber(value));
}

/** An exact integer result typed as mongod types it. */
function integral(exact: bigint, widest: NumberKindValue): Result {
  if (widest === NumberKind.Int && exact >= INT32_MIN && exact <= INT32_MAX) return Number(exact);
  if (exact >= INT64_MIN && exact <= INT64_MAX) return Long.fromBigInt(exact);
  return new Double(Number(exact));
}

/** A number's kind and value in one look (typedSum's loop runs once per grouped document). */
function numeric(value: unknown): [NumberKindValue, number] | undefined {
  if (typeof value === 'number') {
    const int = Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
    return [int ? NumberKind.Int : NumberKind.Double, value];
  }
  switch (bsonTag(value)) {
    case 'Int32':
      return [NumberKind.Int, (value as Int32).value];
    case 'Double':
      return [NumberKind.Double, (value as Double).value];
    case 'Long':
      return [NumberKind.Long, (value as Long).toNumber()];
    case 'Decimal128':
      return [NumberKind.Decimal, Number.NaN];
    default:
      return undefined;
  }
}

/**
 * The sum of the numeric values among `values` (`$sum`; `$add` once its operands are checked):
 * doubles with a running compensation (Neumaier), as mongod's double-double sum; integers as
 * exact JS numbers while they stay safe, else in 64-bit integers; decimals in decimal.
 */
export function typedSum(values: readonly unknown[]): Result {
  let widest: NumberKindValue = NumberKind.Int;
  let sum = 0;
  let compensation = 0;
  let exact = true;
  for (const value of values) {
    const found = numeric(value);
    if (!found) continue;
    const [kind, n] = found;
    if (kind > widest) widest = kind;
    if (kind === NumberKind.Decimal) continue;
    const t = sum + n;
    compensation += Math.abs(sum) >= Math.abs(n) ? sum - t + n : n - t + sum;
    sum = t;
    if (!Number.isSafeInteger(sum)) exact = false;
  }
  if (widest === NumberKind.Decimal) return decimalSum(values);
  if (widest === NumberKind.Double) {
    const total = sum + compensation;
    return new Double(Number.isFinite(total) ? total : naiveSum(values));
  }
  if (exact) return integral(BigInt(sum), widest);
  return integral(
    values.reduce<bigint>((a, v) => (numeric(v) ? a + bigintOf(v) : a), 0n),
    widest,
  );
}

const naiveSum = (values: readonly unknown[]) =>
  values.reduce<number>((a, v) => a + (numeric(v)?.[1] ?? 0), 0);

function decimalSum(values: readonly unknown[]): Decimal128 {
  const parts = values.filter((v) => numeric(v)).map(decimalOf);
  const total = parts.reduce((a, p) => a.plus(p.value), new Decimal34(0));
  return toDecimal128(total, Math.min(...parts.map((p) => p.quantum)));
}

function typedProduct(values: readonly unknown[]): Result {
  const widest = widestOf(values);
  if (widest === NumberKind.Decimal) {
    const parts = values.map(decimalOf);
    const product = parts.reduce((a, p) => a.times(p.value), new Decimal34(1));
    return toDecimal128(
      product,
      parts.reduce((q, p) => q + p.quantum, 0),
    );
  }
  if (widest === NumberKind.Double)
    return new Double(values.reduce<number>((a, v) => a * toNumber(v), 1));
  return integral(
    values.reduce<bigint>((a, v) => a * bigintOf(v), 1n),
    widest,
  );
}

function typedDifference(a: unknown, b: unknown): Result {
  const widest = widestOf([a, b]);
  if (widest === NumberKind.Decimal) {
    const [x, y] = [decimalOf(a), decimalOf(b)];
    return toDecimal128(x.value.minus(y.value), Math.min(x.quantum, y.quantum));
  }
  if (widest === NumberKind.Double) return new Double(toNumber(a) - toNumber(b));
  return integral(bigintOf(a) - bigintOf(b), widest);
}

function typedQuotient(a: unknown, b: unknown): Result {
  if (toNumber(b) === 0) throw new CommandError('Location16608', "can't $divide by zero");
  if (widestOf([a, b]) !== NumberKind.Decimal) return new Double(toNumber(a) / toNumber(b));
  const [x, y] = [decimalOf(a), decimalOf(b)];
  return toDecimalQuotient(x.value.dividedBy(y.value), x.quantum - y.quantum);
}

function typedAbs(a: unknown): Result {
  const kind = numberKind(a);
  if (kind === NumberKind.Decimal) return Decimal128.fromString(String(a).replace(/^-/, ''));
  if (kind === NumberKind.Double) return new Double(Math.abs(toNumber(a)));
  const exact = bigintOf(a);
  return integral(exact < 0n ? -exact : exact, kind ?? NumberKind.Int);
}

const DECIMAL_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

function typedDecimal(a: unknown): Result {
  if (numberKind(a) !== undefined) return Decimal128.fromString(decimalText(a));
  if (typeof a === 'boolean') return Decimal128.fromString(a ? '1' : '0');
  if (typeof a === 'string' && DECIMAL_TEXT.test(a)) return Decimal128.fromString(a);
  return DEFER;
}

function typedDouble(a: unknown): Result {
  if (numberKind(a) !== undefined) return new Double(toNumber(a));
  return typeof a === 'boolean' ? new Double(a ? 1 : 0) : DEFER;
}

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
function numericOperands(compute: (values: readonly unknown[]) => Result, arity?: number) {
  return (operands: readonly unknown[]): Result => {
    if (arity !== undefined && operands.length !== arity) return DEFER;
    if (operands.some(isNullish)) return null;
    return allNumeric(operands) ? compute(operands) : DEFER;
  };
}

/** `$sum` and `$avg` as expressions: one array operand is summed element by element. */
function numericList(operands: readonly unknown[]): readonly unknown[] {
  const [only] = operands;
  return operands.length === 1 && Array.isArray(only) ? only : operands;
}

/** mongod's `$avg`: decimal when a decimal is averaged, else double; null when nothing is. */
export function typedAverage(values: readonly unknown[]): Result {
  const count = values.reduce<number>((n, v) => (numeric(v) ? n + 1 : n), 0);
  if (count === 0) return null;
  const sum = typedSum(values);
  if (bsonTag(sum) === 'Decimal128') return typedQuotient(sum, count);
  return new Double(toNumber(sum) / count);
}

const TEN = new Decimal34(10);

/**
 * `$round` (half to even) and `$trunc` of a decimal128 or an integer to `place` digits, as mongod
 * writes them: a decimal at exponent -place (1.298 to 1 place is 1.3, to -1 place 2E+1), an
 * integer keeping its type (an int32 that overflows becomes an int64). Doubles are mingo's.
 */
function quantizer(mode: Decimal.Rounding) {
  return (operands: readonly unknown[]): Result => {
    if (operands.length < 1 || operands.length > 2) return DEFER;
    const [value, placeArg = 0] = operands;
    if (isNullish(value) || isNullish(placeArg)) return null;
    const kind = numberKind(value);
    const place = toNumber(placeArg);
    if (!Number.isInteger(place) || place < -20 || place > 100) return DEFER;
    if (kind === NumberKind.Decimal) {
      const x = decimalOf(value).value;
      if (!x.isFinite()) return value;
      const scale = TEN.pow(place);
      return toDecimal128(x.times(scale).toDecimalPlaces(0, mode).dividedBy(scale), -place);
    }
    if (kind !== NumberKind.Int && kind !== NumberKind.Long) return DEFER;
    if (place >= 0) return value;
    const unit = 10n ** BigInt(-place);
    const exact = bigintOf(value);
    const quotient = BigInt(
      new Decimal34(exact.toString())
        .dividedBy(unit.toString())
        .toDecimalPlaces(0, mode)
        .toFixed(0),
    );
    const result = quotient * unit;
    return result < INT64_MIN || result > INT64_MAX ? DEFER : integral(result, kind);
  };
}

/** The arithmetic expression operators computed on stored types, by name. */
export const TYPED_ARITHMETIC: Readonly<Record<string, (operands: readonly unknown[]) => Result>> =
  Object.freeze({
    $add: numericOperands(typedSum),
    $multiply: numericOperands(typedProduct),
    $subtract: numericOperands(([a, b]) => typedDifference(a, b), 2),
    $divide: numericOperands(([a, b]) => typedQuotient(a, b), 2),
    $abs: unary((a) => (numberKind(a) === undefined ? DEFER : typedAbs(a))),
    $toDecimal: unary(typedDecimal),
    $toDouble: unary(typedDouble),
    $sum: (operands: readonly unknown[]) => typedSum(numericList(operands)),
    $avg: (operands: readonly unknown[]) => typedAverage(numericList(operands)),
    $round: quantizer(Decimal34.ROUND_HALF_EVEN),
    $trunc: quantizer(Decimal34.ROUND_DOWN),
  });
