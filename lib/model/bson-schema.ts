import type { Document } from 'mongodb';
import type * as z from 'zod/v4/core';
import { type JsonSchema, storedJsonSchema } from './json-schema.ts';

/**
 * zod → MongoDB `$jsonSchema` (draft 4 subset with `bsonType`). MongoDB has no `integer` type,
 * no `format`, `default`, `const` or `$schema`, and draft-4 boolean exclusive bounds; the JS
 * driver stores an integer as int32 when it fits, else as a double.
 */
const INT32 = Object.freeze({ min: -(2 ** 31), max: 2 ** 31 - 1 });

const TYPE_NAMES: Readonly<Record<string, string | string[]>> = Object.freeze({
  string: 'string',
  number: 'number',
  boolean: 'bool',
  null: 'null',
  object: 'object',
  array: 'array',
});

function bsonTypeOf(type: string, schema: JsonSchema): string | string[] {
  if (type !== 'integer') return TYPE_NAMES[type] ?? type;
  const min = typeof schema.minimum === 'number' ? schema.minimum : Number.NEGATIVE_INFINITY;
  const max = typeof schema.maximum === 'number' ? schema.maximum : Number.POSITIVE_INFINITY;
  return min >= INT32.min && max <= INT32.max ? 'int' : ['int', 'long', 'double'];
}

const DROPPED = new Set(['$schema', 'default', 'format', 'examples', '$id', 'id', 'readOnly']);

function toBson(schema: JsonSchema): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    switch (key) {
      case 'type': {
        const types = (Array.isArray(value) ? value : [value]).flatMap((t) =>
          bsonTypeOf(String(t), schema),
        );
        out.bsonType = types.length === 1 ? types[0] : types;
        break;
      }
      case 'const':
        out.enum = [value];
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        out[key === 'exclusiveMinimum' ? 'minimum' : 'maximum'] = value;
        out[key] = true;
        break;
      case 'properties':
      case 'patternProperties':
        out[key] = Object.fromEntries(
          Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, toBson(v)]),
        );
        break;
      case 'items':
      case 'additionalProperties':
      case 'not':
        out[key] =
          typeof value === 'object' && value !== null ? toBson(value as JsonSchema) : value;
        break;
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
        out[key] = (value as JsonSchema[]).map(toBson);
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

/** The `$jsonSchema` of a stored document schema. */
export function bsonJsonSchema(schema: z.$ZodType): Document {
  return toBson(storedJsonSchema(schema));
}
