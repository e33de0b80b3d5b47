import type { Binary, BSONRegExp, Long, ObjectId, Timestamp } from 'bson';
import { bsonTag, TypeRank, toNumber, typeRank } from './bson-type.ts';

const cmp = (a: number | string | bigint, b: number | string | bigint): number =>
  a < b ? -1 : a > b ? 1 : 0;

function compareNumbers(a: unknown, b: unknown): number {
  if (bsonTag(a) === 'Long' && bsonTag(b) === 'Long') return (a as Long).compare(b as Long);
  const x = toNumber(a);
  const y = toNumber(b);
  // MongoDB orders NaN below every other number.
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return cmp(x, y);
}

function binaryBytes(value: unknown): Uint8Array {
  return value instanceof Uint8Array ? value : (value as Binary).buffer;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return cmp(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    const d = cmp(a[i] ?? 0, b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function regexParts(value: unknown): [string, string] {
  if (value instanceof RegExp) return [value.source, value.flags];
  const r = value as BSONRegExp;
  return [r.pattern, r.options];
}

function compareEntries(
  a: [string, unknown][],
  b: [string, unknown][],
  withKeys: boolean,
  strings?: StringCompare,
): number {
  const size = Math.min(a.length, b.length);
  for (let i = 0; i < size; i++) {
    const [ka, va] = a[i] as [string, unknown];
    const [kb, vb] = b[i] as [string, unknown];
    const byType = cmp(typeRank(va), typeRank(vb));
    if (byType) return byType;
    if (withKeys && ka !== kb) return cmp(ka, kb);
    const byValue = compareBson(va, vb, strings);
    if (byValue) return byValue;
  }
  return cmp(a.length, b.length);
}

/**
 * MongoDB's total order over BSON values: first by canonical type (MinKey < null < numbers <
 * strings < objects < arrays < binData < ObjectId < bool < date < timestamp < regex < MaxKey),
 * then within the type; numbers compare by value across int/long/double/decimal.
 */
export type StringCompare = (a: string, b: string) => number;

/** `strings` replaces binary string comparison (a collation's). */
export function compareBson(a: unknown, b: unknown, strings?: StringCompare): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return cmp(ra, rb);
  switch (ra) {
    case TypeRank.Null:
    case TypeRank.MinKey:
    case TypeRank.MaxKey:
      return 0;
    case TypeRank.Number:
      return compareNumbers(a, b);
    case TypeRank.String:
      return strings ? Math.sign(strings(String(a), String(b))) : cmp(String(a), String(b));
    case TypeRank.Boolean:
      return cmp(Number(a), Number(b));
    case TypeRank.Date:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case TypeRank.ObjectId:
      return cmp((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case TypeRank.BinData:
      return compareBytes(binaryBytes(a), binaryBytes(b));
    case TypeRank.Timestamp: {
      const [x, y] = [a as Timestamp, b as Timestamp];
      return cmp(x.t, y.t) || cmp(x.i, y.i);
    }
    case TypeRank.Regex: {
      const [pa, fa] = regexParts(a);
      const [pb, fb] = regexParts(b);
      return cmp(pa, pb) || cmp(fa, fb);
    }
    case TypeRank.Array:
      return compareEntries(
        (a as unknown[]).map((v, i) => [String(i), v]),
        (b as unknown[]).map((v, i) => [String(i), v]),
        false,
        strings,
      );
    default:
      return compareEntries(
        Object.entries(a as object).filter(([, v]) => v !== undefined),
        Object.entries(b as object).filter(([, v]) => v !== undefined),
        true,
        strings,
      );
  }
}

export function bsonEquals(a: unknown, b: unknown): boolean {
  return compareBson(a, b) === 0;
}
