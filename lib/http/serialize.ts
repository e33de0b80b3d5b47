/**
 * The one JSON serialisation policy of the API (see lib/http/README.md):
 * - ObjectId → 24-char hex string; Date → ISO 8601 string (UTC);
 * - Long/Int64 → number when it is a safe integer, else decimal string;
 * - Decimal128 → decimal string (never a float, to keep precision);
 * - Double/Int32 wrappers → number; Binary/UUID → base64 string (UUID as its canonical form);
 * - RegExp (BSON or native) → `/pattern/flags`; MinKey, MaxKey → "MinKey", "MaxKey";
 *   Code → its source; DBRef → `{ $ref, $id, $db }`; Timestamp, Symbol → their string form;
 * - NaN/±Infinity → their string form; bigint like Long.
 *
 * Applied as a JSON.stringify replacer, so the document is not copied first. Where a BSON
 * class's own toJSON already gives the policy's form (ObjectId, Date, Binary, UUID, Double,
 * Int32) the replacer sees that result; the others are converted from the original value
 * (`this[key]`). Classes are told apart by their `_bsontype` tag, not by `instanceof`, so a
 * value from any copy of the bson package serialises the same.
 */
import type { BSONRegExp, Code, Decimal128, Long } from 'mongodb';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function bsonType(value: unknown): string | undefined {
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/** `json`: what the value's own toJSON gave (DBRef's `{ $ref, $id, $db }` is kept as it is). */
function fromBson(raw: object, tag: string, json: unknown): unknown {
  switch (tag) {
    case 'Long': {
      const n = (raw as Long).toNumber();
      return Number.isSafeInteger(n) ? n : (raw as Long).toString();
    }
    case 'Decimal128':
      return (raw as Decimal128).toString();
    case 'BSONRegExp':
      return `/${(raw as BSONRegExp).pattern}/${(raw as BSONRegExp).options}`;
    case 'MinKey':
    case 'MaxKey':
      return tag;
    case 'Code':
      return (raw as Code).code;
    case 'DBRef':
      return json;
    default:
      return String(raw);
  }
}

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'object': {
      if (value === null) return null;
      // The driver reads a BSON regular expression as a native RegExp, which JSON writes as {}.
      if (value instanceof RegExp) return String(value);
      const raw = this[key];
      const tag = typeof raw === 'object' && raw !== null ? bsonType(raw) : undefined;
      return tag === undefined ? value : fromBson(raw as object, tag, value);
    }
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    default:
      return String(value);
  }
}

/** BSON classes whose own toJSON already gives the policy's form. */
const SELF_SERIALISING: ReadonlySet<string> = new Set(['ObjectId', 'Binary', 'Double', 'Int32']);

/**
 * Whether plain JSON.stringify would stray from the policy somewhere in `value`. Most documents
 * hold only strings, finite numbers, Dates and ObjectIds: for them this read-only walk plus the
 * native stringify costs about half of a replacer call per value (measured on a 1 KB document).
 */
function needsReplacer(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return false;
    case 'number':
      return !Number.isFinite(value);
    case 'object': {
      if (value === null || value instanceof Date) return false;
      if (value instanceof RegExp) return true;
      const tag = bsonType(value);
      if (tag !== undefined) return !SELF_SERIALISING.has(tag);
      if (Array.isArray(value)) return value.some(needsReplacer);
      for (const key in value) {
        if (needsReplacer((value as Record<string, unknown>)[key])) return true;
      }
      return false;
    }
    default:
      return true;
  }
}

/** JSON text of a response body under the policy above. */
export function serializeBody(value: unknown): string {
  return (needsReplacer(value) ? JSON.stringify(value, replacer) : JSON.stringify(value)) ?? 'null';
}

/** The JSON value a body serialises to (the same policy; for tests and callers that need it). */
export function toJsonValue(value: unknown): Json {
  return JSON.parse(serializeBody(value)) as Json;
}
