import { bsonTag, NumberKind, numberKind } from './bson-type.ts';

const TAG_NAMES: Readonly<Record<string, string>> = Object.freeze({
  ObjectId: 'objectId',
  Binary: 'binData',
  Timestamp: 'timestamp',
  BSONRegExp: 'regex',
  MinKey: 'minKey',
  MaxKey: 'maxKey',
  Code: 'javascript',
  BSONSymbol: 'symbol',
  DBRef: 'object',
});

const NUMBER_NAMES = Object.freeze({
  [NumberKind.Int]: 'int',
  [NumberKind.Long]: 'long',
  [NumberKind.Double]: 'double',
  [NumberKind.Decimal]: 'decimal',
});

/** MongoDB's `$type` alias of a stored value ('int', 'long', 'objectId', 'missing'...). */
export function bsonTypeName(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  const kind = numberKind(value);
  if (kind) return NUMBER_NAMES[kind];
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  if (value instanceof Uint8Array) return 'binData';
  return TAG_NAMES[bsonTag(value) ?? ''] ?? 'object';
}

/** Whether a value matches a `bsonType` alias, 'number' covering the four numeric types. */
export function matchesBsonType(value: unknown, alias: string): boolean {
  const name = bsonTypeName(value);
  return name === alias || (alias === 'number' && numberKind(value) !== undefined);
}
