import { Decimal128, Double, Int32, Long } from 'bson';

/** A BSON wrapper value as decoded by `bson` (ObjectId, Int32, Long, Binary, ...), told apart by `_bsontype`. */
interface BsonTagged {
  readonly _bsontype: string;
}

export function bsonTag(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const tag = (value as Partial<BsonTagged>)._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/** MongoDB's canonical type order for comparisons and sorts (MinKey lowest, MaxKey highest). */
export const TypeRank = Object.freeze({
  MinKey: 1,
  Null: 2,
  Number: 3,
  String: 4,
  Object: 5,
  Array: 6,
  BinData: 7,
  ObjectId: 8,
  Boolean: 9,
  Date: 10,
  Timestamp: 11,
  Regex: 12,
  Code: 13,
  MaxKey: 14,
} as const);

const TAG_RANKS: Readonly<Record<string, number>> = Object.freeze({
  Int32: TypeRank.Number,
  Double: TypeRank.Number,
  Long: TypeRank.Number,
  Decimal128: TypeRank.Number,
  ObjectId: TypeRank.ObjectId,
  Binary: TypeRank.BinData,
  Timestamp: TypeRank.Timestamp,
  BSONRegExp: TypeRank.Regex,
  MinKey: TypeRank.MinKey,
  MaxKey: TypeRank.MaxKey,
  BSONSymbol: TypeRank.String,
  Code: TypeRank.Code,
  DBRef: TypeRank.Object,
});

export function typeRank(value: unknown): number {
  if (value === null || value === undefined) return TypeRank.Null;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return TypeRank.Number;
    case 'string':
      return TypeRank.String;
    case 'boolean':
      return TypeRank.Boolean;
    default:
  }
  if (Array.isArray(value)) return TypeRank.Array;
  if (value instanceof Date) return TypeRank.Date;
  if (value instanceof RegExp) return TypeRank.Regex;
  if (value instanceof Uint8Array) return TypeRank.BinData;
  const tag = bsonTag(value);
  return (tag && TAG_RANKS[tag]) || TypeRank.Object;
}

/** Numeric kinds in MongoDB's promotion order (int < long < double < decimal). */
export const NumberKind = Object.freeze({ Int: 1, Long: 2, Double: 3, Decimal: 4 } as const);
export type NumberKindValue = (typeof NumberKind)[keyof typeof NumberKind];

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The BSON numeric kind a value serializes as, or undefined when it is not a number. */
export function numberKind(value: unknown): NumberKindValue | undefined {
  if (typeof value === 'number') {
    // bson serializes a JS number as int32 when integral and in range, else as double.
    return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX
      ? NumberKind.Int
      : NumberKind.Double;
  }
  if (typeof value === 'bigint') return NumberKind.Long;
  switch (bsonTag(value)) {
    case 'Int32':
      return NumberKind.Int;
    case 'Long':
      return NumberKind.Long;
    case 'Double':
      return NumberKind.Double;
    case 'Decimal128':
      return NumberKind.Decimal;
    default:
      return undefined;
  }
}

export function isNumeric(value: unknown): boolean {
  return numberKind(value) !== undefined;
}

const DECIMAL_NUMBERS = new WeakMap<Decimal128, number>();

/** A numeric BSON value as a JS number (Long and Decimal128 beyond 2^53 lose precision). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  switch (bsonTag(value)) {
    case 'Int32':
    case 'Double':
      return (value as Int32 | Double).value;
    case 'Long':
      return (value as Long).toNumber();
    case 'Decimal128': {
      // Decimal128 has no numeric accessor; its string costs ~1 µs, so each value is read once.
      const decimal = value as Decimal128;
      let n = DECIMAL_NUMBERS.get(decimal);
      if (n === undefined) {
        n = Number(decimal.toString());
        DECIMAL_NUMBERS.set(decimal, n);
      }
      return n;
    }
    default:
      return Number.NaN;
  }
}

/**
 * Builds a value of `kind` holding `n`, promoting as MongoDB does when it does not fit:
 * an int32 result that overflows becomes a long, a long that overflows becomes a double.
 */
export function makeNumber(n: number, kind: NumberKindValue): unknown {
  if (kind === NumberKind.Decimal) return Decimal128.fromString(String(n));
  if (!Number.isInteger(n) || kind === NumberKind.Double) return new Double(n);
  if (kind === NumberKind.Int && n >= INT32_MIN && n <= INT32_MAX) return new Int32(n);
  if (Number.isSafeInteger(n)) return Long.fromNumber(n);
  return new Double(n);
}
