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

/**
 * The keywords mongod's `$jsonSchema` takes; it refuses any other with "Unknown $jsonSchema
 * keyword", so the rest are left out (`propertyNames` of a `z.record`, `prefixItems` of a
 * tuple, `format`, `default`...): the validator checks less there, the request schema still all.
 * localdb states the same rule on its side (localdb/query/json-schema-keywords.ts): lib is
 * deployed and never imports localdb, so the list is kept in both; a change goes to both.
 */
const MONGOD_KEYWORDS = new Set([
  'additionalItems',
  'additionalProperties',
  'allOf',
  'anyOf',
  'bsonType',
  'dependencies',
  'description',
  'enum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'items',
  'maxItems',
  'maxLength',
  'maxProperties',
  'maximum',
  'minItems',
  'minLength',
  'minProperties',
  'minimum',
  'multipleOf',
  'not',
  'oneOf',
  'pattern',
  'patternProperties',
  'properties',
  'required',
  'title',
  'uniqueItems',
]);

function toBson(schema: JsonSchema): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(schema)) {
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
      case 'prefixItems':
        // A tuple (draft 2020-12) in draft 4's words: `items` lists the positions, and what
        // 2020-12 calls `items` (the rest, or false for none) is `additionalItems`.
        out.items = (value as JsonSchema[]).map(toBson);
        if ('items' in schema) out.additionalItems = subschema(schema.items);
        break;
      case 'items':
        if (!('prefixItems' in schema)) out.items = subschema(value);
        break;
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
        if (MONGOD_KEYWORDS.has(key)) out[key] = value;
    }
  }
  return out;
}

/** A keyword's schema value in MongoDB's form; `true`/`false` kept as they are. */
function subschema(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? toBson(value as JsonSchema) : value;
}

/** The `$jsonSchema` of a stored document schema. */
export function bsonJsonSchema(schema: z.$ZodType): Document {
  return toBson(storedJsonSchema(schema));
}
