import type { Long, ObjectId } from 'bson';
import { bsonTag, toNumber } from '../query/bson-type.ts';

/** Renders a value the way MongoDB prints keys in E11000 messages: `{ name: "x" }`, `ObjectId('…')`. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  switch (bsonTag(value)) {
    case 'ObjectId':
      return `ObjectId('${(value as ObjectId).toHexString()}')`;
    case 'Long':
      return (value as Long).toString();
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return String(toNumber(value));
    case undefined:
      return formatDocument(value as Record<string, unknown>);
    default:
      return String(value);
  }
}

export function formatDocument(doc: Record<string, unknown>): string {
  const entries = Object.entries(doc).map(([k, v]) => `${k}: ${formatValue(v)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}
