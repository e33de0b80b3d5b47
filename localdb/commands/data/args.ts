import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { isNumeric, toNumber } from '../../query/bson-type.ts';
import { bsonTypeName } from '../../query/bson-type-name.ts';
import { isPlainObject } from '../../query/paths.ts';

/** Fields any command may carry (session, transaction, API version, read/write concern...). */
const GENERIC_FIELDS = new Set([
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  'readConcern',
  'writeConcern',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'stmtId',
  'stmtIds',
  'rawData',
  'mayBypassWriteConcern',
  'readPreference',
  'allowDiskUse',
  'let',
]);

/** Refuses fields MongoDB does not know for this command (code 40415, like the IDL parser). */
export function checkFields(command: Document, name: string, allowed: readonly string[]): void {
  for (const field of Object.keys(command)) {
    if (
      field === name ||
      field.startsWith('$') ||
      GENERIC_FIELDS.has(field) ||
      allowed.includes(field)
    )
      continue;
    throw new CommandError('Location40415', `BSON field '${name}.${field}' is an unknown field.`);
  }
}

/** Refuses fields of a nested document (`path` names it: `update.updates`) outside `allowed`. */
export function checkNestedFields(doc: Document, path: string, allowed: ReadonlySet<string>): void {
  for (const field of Object.keys(doc)) {
    if (!allowed.has(field))
      throw new CommandError('Location40415', `BSON field '${path}.${field}' is an unknown field.`);
  }
}

function typeError(command: string, field: string, expected: string, value: unknown): CommandError {
  return new CommandError(
    'TypeMismatch',
    `BSON field '${command}.${field}' is the wrong type '${bsonTypeName(value)}', expected type '${expected}'`,
  );
}

/** The collection a command names in its first field (InvalidNamespace when not a string). */
export function collectionArg(command: Document, name: string): string {
  const value = command[name];
  if (typeof value !== 'string') {
    throw new CommandError(
      'InvalidNamespace',
      `collection name has invalid type ${bsonTypeName(value)}`,
    );
  }
  if (value === '')
    throw new CommandError('InvalidNamespace', `Invalid namespace specified '.${value}'`);
  return value;
}

export function optDocument(command: Document, name: string, field: string): Document | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw typeError(name, field, 'object', value);
  return value;
}

export function optArray(command: Document, name: string, field: string): unknown[] | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw typeError(name, field, 'array', value);
  return value;
}

export function optBoolean(command: Document, name: string, field: string): boolean | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (isNumeric(value)) return toNumber(value) !== 0;
  throw typeError(name, field, 'bool', value);
}

/** An integer argument; `min` bounds it (BadValue below, as MongoDB answers a negative skip). */
export function optInteger(
  command: Document,
  name: string,
  field: string,
  min?: number,
): number | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (!isNumeric(value)) throw typeError(name, field, 'long', value);
  const n = Math.trunc(toNumber(value));
  if (min !== undefined && n < min) {
    throw new CommandError(
      'BadValue',
      `BSON field '${field}' value must be >= ${min}, actual value '${n}'`,
    );
  }
  return n;
}

export function requireArray(command: Document, name: string, field: string): unknown[] {
  const value = optArray(command, name, field);
  if (value === undefined)
    throw new CommandError(
      'Location40414',
      `BSON field '${name}.${field}' is missing but a required field`,
    );
  return value;
}
