import { Decimal128, type Document, Long } from 'bson';
import { Decimal } from 'decimal.js';
import { bsonTag, NumberKind, numberKind } from './bson-type.ts';
import { isPlainObject } from './paths.ts';

/** Exact enough for any two decimal128 operands: results are rounded to 34 digits afterwards. */
const Decimal34 = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });
const Ten = new Decimal34(10);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

type Arithmetic = '$inc' | '$mul';

/** A number as mongod turns it into a decimal128: a double with 15 significant digits. */
function decimalText(value: unknown): string {
  const tag = bsonTag(value);
  if (tag === 'Decimal128' || tag === 'Long') return String(value);
  const n = Number(value);
  return numberKind(value) === NumberKind.Double ? n.toPrecision(15) : String(n);
}

/** The exponent a decimal is written with: 1.20 → -2, 12E+3 → 3, integers 0. */
function quantumOf(text: string): number {
  const parts = /^[-+]?\d*(?:\.(\d*))?(?:e([-+]?\d+))?$/i.exec(text);
  return parts ? Number(parts[2] ?? 0) - (parts[1]?.length ?? 0) : 0;
}

/**
 * A decimal result written at IEEE 754's preferred exponent `quantum` (so 1.10 + 0.10 is 1.20 and
 * 19.99 × 3 is 59.97, as on mongod); where 34 digits cannot hold it there, at the smallest larger
 * exponent that can, rounded half to even.
 */
function toDecimal128(result: Decimal, quantum: number): Decimal128 {
  if (!result.isFinite()) return Decimal128.fromString(result.toString());
  let exponent = quantum;
  const digits = (e: number) => result.times(Ten.pow(-e)).abs().toFixed(0).length;
  exponent += Math.max(0, digits(exponent) - 34);
  let coefficient = result.times(Ten.pow(-exponent)).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  if (coefficient.abs().toFixed(0).length > 34) {
    exponent += 1;
    coefficient = result.times(Ten.pow(-exponent)).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  }
  const text = coefficient.toFixed(0);
  return Decimal128.fromString(exponent === 0 ? text : `${text}E${exponent}`);
}

function bigintOf(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  return bsonTag(value) === 'Long' ? (value as Long).toBigInt() : BigInt(Number(value));
}

/**
 * `$inc` or `$mul` of a stored number by an argument, exactly, where doubles would not be: with a
 * decimal128 operand in decimal arithmetic, with int64 operands (and no double) in 64-bit
 * integers. Undefined where doubles are exact enough (ints and doubles) or an int64 overflows
 * (the double result stands, as MongoDB gives).
 */
export function exactArithmetic(op: Arithmetic, stored: unknown, arg: unknown): unknown {
  const kinds = [numberKind(stored), numberKind(arg)];
  if (kinds.includes(undefined)) return undefined;
  const widest = Math.max(...(kinds as number[]));
  if (widest === NumberKind.Decimal) {
    const [a, b] = [decimalText(stored), decimalText(arg)];
    const [x, y] = [new Decimal34(a), new Decimal34(b)];
    const [qa, qb] = [quantumOf(a), quantumOf(b)];
    if (op === '$inc') return toDecimal128(x.plus(y), Math.min(qa, qb));
    return toDecimal128(x.times(y), qa + qb);
  }
  if (widest !== NumberKind.Long) return undefined;
  const [a, b] = [bigintOf(stored), bigintOf(arg)];
  const exact = op === '$inc' ? a + b : a * b;
  return exact < INT64_MIN || exact > INT64_MAX ? undefined : Long.fromBigInt(exact);
}

function valueAt(doc: Document, parts: readonly string[]): unknown {
  let node: unknown = doc;
  for (const part of parts) node = isPlainObject(node) ? node[part] : undefined;
  return node;
}

/**
 * Puts the exact results of an update's `$inc` and `$mul` at plain paths into `updated` (mingo
 * computed them in doubles on the view): `before` is the document as stored before the update.
 */
export function exactUpdates(before: Document, modifier: Document, updated: Document): Document {
  for (const op of ['$inc', '$mul'] as const) {
    const fields = modifier[op];
    if (!isPlainObject(fields)) continue;
    for (const [path, arg] of Object.entries(fields)) {
      if (path.includes('$')) continue;
      const parts = path.split('.');
      const stored = valueAt(before, parts);
      if (stored === undefined) continue;
      const exact = exactArithmetic(op, stored, arg);
      const parent = valueAt(updated, parts.slice(0, -1));
      if (exact !== undefined && isPlainObject(parent)) parent[parts.at(-1) as string] = exact;
    }
  }
  return updated;
}
