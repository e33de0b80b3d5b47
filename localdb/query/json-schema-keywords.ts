import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { isPlainObject } from './paths.ts';

/**
 * The keywords mongod's `$jsonSchema` takes (the encryption ones included). lib/model/
 * bson-schema.ts keeps the same list for what it writes (localdb imports nothing of lib); the
 * migration tests push every model's validator through this check.
 */
const KEYWORDS = new Set([
  'additionalItems',
  'additionalProperties',
  'allOf',
  'anyOf',
  'bsonType',
  'dependencies',
  'description',
  'encrypt',
  'encryptMetadata',
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
  'type',
  'uniqueItems',
]);

/** JSON Schema keywords mongod knows and refuses. */
const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);

const refuse = (message: string) => new CommandError('FailedToParse', message);

/**
 * Refuses a `$jsonSchema` that mongod would not create, so that a validator accepted here is
 * one Atlas accepts too: unknown keywords, the JSON Schema keywords mongod does not support
 * (`format`, `$ref`, `default`...) and `type: 'integer'` (mongod has `bsonType: 'int'`/'long').
 */
export function checkJsonSchema(schema: unknown): void {
  if (!isPlainObject(schema)) throw refuse('$jsonSchema must be an object');
  for (const [keyword, value] of Object.entries(schema as Document)) {
    if (UNSUPPORTED.has(keyword))
      throw refuse(`$jsonSchema keyword '${keyword}' is not currently supported`);
    if (!KEYWORDS.has(keyword)) throw refuse(`Unknown $jsonSchema keyword: ${keyword}`);
    if (keyword === 'type' && [value].flat().includes('integer'))
      throw refuse("$jsonSchema type 'integer' is not currently supported.");
    for (const child of subschemas(keyword, value)) checkJsonSchema(child);
  }
}

/** The schemas nested under one keyword's value. */
function subschemas(keyword: string, value: unknown): unknown[] {
  switch (keyword) {
    case 'properties':
    case 'patternProperties':
      return isPlainObject(value) ? Object.values(value) : [];
    case 'dependencies':
      return isPlainObject(value) ? Object.values(value).filter(isPlainObject) : [];
    case 'items':
      return Array.isArray(value) ? value : [value];
    case 'additionalItems':
    case 'additionalProperties':
      return isPlainObject(value) ? [value] : [];
    case 'allOf':
    case 'anyOf':
    case 'oneOf':
      return Array.isArray(value) ? value : [];
    case 'not':
      return [value];
    default:
      return [];
  }
}
