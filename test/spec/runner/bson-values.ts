import { EJSON } from 'bson';

/** BSON values and JS values the driver returns, classified for matching. */

interface BsonTagged {
  readonly _bsontype: string;
}

function bsonType(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const tag = (value as Partial<BsonTagged>)._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/** A plain document (including driver result objects), not an array and not a BSON scalar. */
export function isDocument(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof Uint8Array ||
    value instanceof Map
  ) {
    return false;
  }
  const tag = bsonType(value);
  return tag === undefined || tag === 'DBRef';
}

/** The numeric value of int32/int64/double values (Decimal128 excluded, per the format). */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const tag = bsonType(value);
  if (tag === 'Int32' || tag === 'Double') return (value as { value: number }).value;
  if (tag === 'Long') return (value as { toNumber(): number }).toNumber();
  return undefined;
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

/**
 * The `$type` alias names a value may answer to. The driver promotes int32/int64/double to JS
 * numbers, so a JS integer answers to all three numeric names it could have been decoded from.
 */
export function typeNames(value: unknown): string[] {
  if (value === undefined) return [];
  if (value === null) return ['null'];
  if (typeof value === 'string') return ['string'];
  if (typeof value === 'boolean') return ['bool'];
  if (typeof value === 'bigint') return ['long'];
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return ['double'];
    return value >= INT32_MIN && value <= INT32_MAX
      ? ['int', 'long', 'double']
      : ['long', 'double'];
  }
  if (Array.isArray(value)) return ['array'];
  if (value instanceof Date) return ['date'];
  if (value instanceof RegExp) return ['regex'];
  const tag = bsonType(value);
  switch (tag) {
    case undefined:
    case 'DBRef':
      return ['object'];
    case 'Int32':
      return ['int'];
    case 'Long':
      return ['long'];
    case 'Double':
      return ['double'];
    case 'Decimal128':
      return ['decimal'];
    case 'ObjectId':
      return ['objectId'];
    case 'Binary':
      return ['binData'];
    case 'BSONRegExp':
      return ['regex'];
    case 'Timestamp':
      return ['timestamp'];
    case 'Code':
      return (value as { scope?: unknown }).scope ? ['javascriptWithScope'] : ['javascript'];
    case 'BSONSymbol':
      return ['symbol'];
    case 'MinKey':
      return ['minKey'];
    case 'MaxKey':
      return ['maxKey'];
    default:
      return [tag];
  }
}

const NUMBER_ALIASES = Object.freeze(['int', 'long', 'double', 'decimal']);

/** Whether `value` has one of the `$type` names (with the `number` alias). */
export function hasType(value: unknown, names: readonly string[]): boolean {
  const actual = typeNames(value);
  return names.some((name) =>
    name === 'number' ? actual.some((t) => NUMBER_ALIASES.includes(t)) : actual.includes(name),
  );
}

/** Canonical extended JSON of a scalar, for exact comparison of non-numeric BSON values. */
export function canonical(value: unknown): string {
  return EJSON.stringify({ v: value }, { relaxed: false });
}

/** Short printable form of a value for failure messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    const text = EJSON.stringify(value as never, { relaxed: true });
    return text.length > 400 ? `${text.slice(0, 400)}…` : text;
  } catch {
    return String(value);
  }
}
