import { type Document, Long } from 'bson';
import { bsonTag, NumberKind, numberKind } from './bson-type.ts';
import { isPlainObject } from './paths.ts';
import { decimalOf, toDecimal128 } from './typed/decimal.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

type Arithmetic = '$inc' | '$mul';

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
    const [a, b] = [decimalOf(stored), decimalOf(arg)];
    if (op === '$inc') return toDecimal128(a.value.plus(b.value), Math.min(a.quantum, b.quantum));
    return toDecimal128(a.value.times(b.value), a.quantum + b.quantum);
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
