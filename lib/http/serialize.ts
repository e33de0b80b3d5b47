/**
 * The one JSON serialisation policy of the API (see lib/http/README.md):
 * - ObjectId → 24-char hex string; Date → ISO 8601 string (UTC);
 * - Long/Int64 → number when it is a safe integer, else decimal string;
 * - Decimal128 → decimal string (never a float, to keep precision);
 * - Double/Int32 wrappers → number; Binary/UUID → base64 string (UUID as its canonical form);
 * - any other BSON value (Timestamp, RegExp, MinKey...) → its string form.
 */
import { type Binary, type Decimal128, type Long, type ObjectId, UUID } from 'bson';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function bsonType(value: object): string | undefined {
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

export function toJsonValue(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value !== 'object') return String(value);
  switch (bsonType(value)) {
    case undefined:
      return Object.fromEntries(
        Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, toJsonValue(v)]])),
      );
    case 'ObjectId':
      return (value as ObjectId).toHexString();
    case 'Long': {
      const long = value as Long;
      const n = long.toNumber();
      return Number.isSafeInteger(n) ? n : long.toString();
    }
    case 'Decimal128':
      return (value as Decimal128).toString();
    case 'Double':
    case 'Int32':
      return (value as { valueOf(): number }).valueOf();
    case 'Binary':
      return value instanceof UUID ? value.toHexString(true) : (value as Binary).toString('base64');
    default:
      return String(value);
  }
}

/** JSON text of a response body under the policy above. */
export function serializeBody(value: unknown): string {
  return JSON.stringify(toJsonValue(value));
}
