import { Decimal128, Double, type Int32, Long } from 'bson';
import { CommandError } from '../../errors.ts';
import { bsonTag, NumberKind, type NumberKindValue, numberKind, toNumber } from '../bson-type.ts';
import {
  Decimal34,
  type DecimalParts,
  decimalOf,
  decimalParts,
  decimalText,
  fromParts,
  pow10,
  toDecimal128,
  toDecimalQuotient,
} from './decimal.ts';

/**
 * Arithmetic on stored BSON numbers with mongod's result types: the widest operand type wins
 * (int32 < int64 < double < decimal128), an int32 result that overflows becomes an int64 and an
 * int64 one a double, decimals are exact (decimal.ts) and integers are summed in 64 bits.
 * `DEFER` means "not a case for typed arithmetic": the caller takes mingo's result (dates,
 * strings).
 */
export const DEFER: unique symbol = Symbol('defer to mingo');
export type Result = unknown;

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

export const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;

function widestOf(values: readonly unknown[]): NumberKindValue {
  let widest: NumberKindValue = NumberKind.Int;
  for (const v of values) widest = Math.max(widest, numberKind(v) ?? 0) as NumberKindValue;
  return widest;
}

export function bigintOf(value: unknown): bigint {
  return bsonTag(value) === 'Long' ? (value as Long).toBigInt() : BigInt(toNumber(value));
}

/** An exact integer result typed as mongod types it. */
export function integral(exact: bigint, widest: NumberKindValue): Result {
  if (widest === NumberKind.Int && exact >= INT32_MIN && exact <= INT32_MAX) return Number(exact);
  if (exact >= INT64_MIN && exact <= INT64_MAX) return Long.fromBigInt(exact);
  return new Double(Number(exact));
}

/** A number's kind and value in one look (typedSum's loop runs once per grouped document). */
export function numeric(value: unknown): [NumberKindValue, number] | undefined {
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

/** Exact sum of coefficients at the smallest exponent; undefined when a part is not finite. */
function exactSum(values: readonly unknown[]): Decimal128 | undefined {
  const parts: DecimalParts[] = [];
  let exp = Number.POSITIVE_INFINITY;
  for (const value of values) {
    if (!numeric(value)) continue;
    const part = decimalParts(value);
    if (!part) return undefined;
    parts.push(part);
    if (part.exp < exp) exp = part.exp;
  }
  let coef = 0n;
  for (const part of parts) coef += part.coef * pow10(part.exp - exp);
  return fromParts(coef, exp);
}

function decimalSum(values: readonly unknown[]): Decimal128 {
  const exact = exactSum(values);
  if (exact) return exact;
  const parts = values.filter((v) => numeric(v)).map(decimalOf);
  const total = parts.reduce((a, p) => a.plus(p.value), new Decimal34(0));
  return toDecimal128(total, Math.min(...parts.map((p) => p.quantum)));
}

export function typedProduct(values: readonly unknown[]): Result {
  const widest = widestOf(values);
  if (widest === NumberKind.Decimal) {
    const exact = values.map(decimalParts);
    if (exact.every((p) => p !== undefined)) {
      const product = exact.reduce((a, p) => ({ coef: a.coef * p.coef, exp: a.exp + p.exp }));
      // A zero with an odd count of negative factors is -0, which BigInt cannot say.
      const negativeZero = product.coef === 0n && exact.filter((p) => p.coef < 0n).length % 2 === 1;
      const fast = negativeZero ? undefined : fromParts(product.coef, product.exp);
      if (fast) return fast;
    }
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

export function typedDifference(a: unknown, b: unknown): Result {
  const widest = widestOf([a, b]);
  if (widest === NumberKind.Decimal) {
    const [p, q] = [decimalParts(a), decimalParts(b)];
    if (p && q) {
      const exp = Math.min(p.exp, q.exp);
      const fast = fromParts(p.coef * pow10(p.exp - exp) - q.coef * pow10(q.exp - exp), exp);
      if (fast) return fast;
    }
    const [x, y] = [decimalOf(a), decimalOf(b)];
    return toDecimal128(x.value.minus(y.value), Math.min(x.quantum, y.quantum));
  }
  if (widest === NumberKind.Double) return new Double(toNumber(a) - toNumber(b));
  return integral(bigintOf(a) - bigintOf(b), widest);
}

export function typedQuotient(a: unknown, b: unknown): Result {
  if (toNumber(b) === 0) throw new CommandError('Location16608', "can't $divide by zero");
  if (widestOf([a, b]) !== NumberKind.Decimal) return new Double(toNumber(a) / toNumber(b));
  const [x, y] = [decimalOf(a), decimalOf(b)];
  return toDecimalQuotient(x.value.dividedBy(y.value), x.quantum - y.quantum);
}

export function typedAbs(a: unknown): Result {
  const kind = numberKind(a);
  if (kind === NumberKind.Decimal) return Decimal128.fromString(String(a).replace(/^-/, ''));
  if (kind === NumberKind.Double) return new Double(Math.abs(toNumber(a)));
  const exact = bigintOf(a);
  return integral(exact < 0n ? -exact : exact, kind ?? NumberKind.Int);
}

const DECIMAL_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

export function typedDecimal(a: unknown): Result {
  if (numberKind(a) !== undefined) return Decimal128.fromString(decimalText(a));
  if (typeof a === 'boolean') return Decimal128.fromString(a ? '1' : '0');
  if (typeof a === 'string' && DECIMAL_TEXT.test(a)) return Decimal128.fromString(a);
  return DEFER;
}

export function typedDouble(a: unknown): Result {
  if (numberKind(a) !== undefined) return new Double(toNumber(a));
  return typeof a === 'boolean' ? new Double(a ? 1 : 0) : DEFER;
}

/** mongod's `$avg`: decimal when a decimal is averaged, else double; null when nothing is. */
export function typedAverage(values: readonly unknown[]): Result {
  const count = values.reduce<number>((n, v) => (numeric(v) ? n + 1 : n), 0);
  if (count === 0) return null;
  const sum = typedSum(values);
  if (bsonTag(sum) === 'Decimal128') return typedQuotient(sum, count);
  return new Double(toNumber(sum) / count);
}
