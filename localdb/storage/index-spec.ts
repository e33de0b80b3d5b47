import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { isNumeric, toNumber } from '../query/bson-type.ts';
import { listedCollation } from '../query/collation.ts';
import { isPlainObject } from '../query/paths.ts';
import { textIndexOptions } from '../query/text/text-index.ts';

/** An index as listIndexes reports it (`v`, `key`, `name` and the options that were given). */
export interface IndexSpec {
  readonly key: Readonly<Record<string, number | string>>;
  readonly name: string;
  readonly unique?: boolean;
  readonly sparse?: boolean;
  readonly partialFilterExpression?: Document;
  readonly expireAfterSeconds?: number;
  /** A non-simple collation, as mongod lists it (query/collation.ts). */
  readonly collation?: Document;
  /** A text index's options (query/text/text-index.ts), defaults filled in. */
  readonly weights?: Readonly<Record<string, number>>;
  readonly default_language?: string;
  readonly language_override?: string;
}

const KNOWN_OPTIONS = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'v',
  'background',
  'hidden',
  'collation',
  'weights',
  'default_language',
  'language_override',
  'textIndexVersion',
  '2dsphereIndexVersion',
  'bits',
  'min',
  'max',
  'wildcardProjection',
  'storageEngine',
]);

/** MongoDB's default index name: `a_1_b_-1`. */
export function defaultIndexName(key: Readonly<Record<string, unknown>>): string {
  return Object.entries(key)
    .map(([field, dir]) => `${field}_${isNumeric(dir) ? toNumber(dir) : String(dir)}`)
    .join('_');
}

/** The key with a listed text index's `_fts`/`_ftsx` turned back into its weighted fields. */
function textFieldsOf(raw: Document): Document {
  const key = raw.key as Document;
  if (key._fts !== 'text') return key;
  const fields = isPlainObject(raw.weights) ? Object.keys(raw.weights) : [];
  const out: Document = {};
  for (const [field, kind] of Object.entries(key)) {
    if (field === '_fts') for (const f of fields) out[f] = 'text';
    else if (field !== '_ftsx') out[field] = kind;
  }
  return out;
}

/** Validates one entry of createIndexes' `indexes` array. */
export function parseIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw))
    throw new CommandError('TypeMismatch', 'Each index specification must be an object');
  if (!isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new CommandError(
      'FailedToParse',
      "The 'key' field is a required property of an index specification",
    );
  }
  const key: Record<string, number | string> = {};
  for (const [field, dir] of Object.entries(textFieldsOf(raw))) {
    if (isNumeric(dir) && toNumber(dir) !== 0) key[field] = toNumber(dir);
    else if (typeof dir === 'string' && ['hashed', 'text', '2dsphere', '2d'].includes(dir))
      key[field] = dir;
    else
      throw new CommandError(
        'CannotCreateIndex',
        `Values in the index key pattern can contain only non-zero numbers or the strings "hashed", "text", "2dsphere", "2d"; found ${field}: ${String(dir)}`,
      );
  }
  for (const option of Object.keys(raw)) {
    if (!KNOWN_OPTIONS.has(option)) {
      throw new CommandError(
        'InvalidIndexSpecificationOption',
        `The field '${option}' is not valid for an index specification. Specification: ${JSON.stringify(raw)}`,
      );
    }
  }
  if (raw.name !== undefined && typeof raw.name !== 'string') {
    throw new CommandError('TypeMismatch', "The field 'name' must be a string");
  }
  const spec: { -readonly [K in keyof IndexSpec]: IndexSpec[K] } = {
    key,
    name: typeof raw.name === 'string' ? raw.name : defaultIndexName(key),
  };
  if (raw.unique !== undefined) spec.unique = Boolean(raw.unique);
  if (raw.sparse !== undefined) spec.sparse = Boolean(raw.sparse);
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainObject(raw.partialFilterExpression)) {
      throw new CommandError('TypeMismatch', 'partialFilterExpression must be an object');
    }
    spec.partialFilterExpression = raw.partialFilterExpression;
  }
  if (raw.expireAfterSeconds !== undefined) {
    if (!isNumeric(raw.expireAfterSeconds) || toNumber(raw.expireAfterSeconds) < 0) {
      throw new CommandError(
        'CannotCreateIndex',
        "TTL index 'expireAfterSeconds' option must be a non-negative number",
      );
    }
    spec.expireAfterSeconds = toNumber(raw.expireAfterSeconds);
  }
  const collation = raw.collation === undefined ? undefined : listedCollation(raw.collation);
  if (collation !== undefined) {
    // mongod builds text indexes with the simple collation only.
    if (Object.values(key).includes('text'))
      throw new CommandError(
        'CannotCreateIndex',
        "Index type 'text' does not support collation: " + JSON.stringify(raw.collation),
      );
    spec.collation = collation;
  }
  if (Object.values(key).includes('text')) Object.assign(spec, textIndexOptions(raw, key));
  return spec;
}

/** Whether two specs describe the same index (same key and the options that matter). */
export function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  return (
    JSON.stringify(a.key) === JSON.stringify(b.key) &&
    Boolean(a.unique) === Boolean(b.unique) &&
    Boolean(a.sparse) === Boolean(b.sparse) &&
    JSON.stringify(a.partialFilterExpression ?? null) ===
      JSON.stringify(b.partialFilterExpression ?? null) &&
    a.expireAfterSeconds === b.expireAfterSeconds &&
    JSON.stringify(a.collation ?? null) === JSON.stringify(b.collation ?? null) &&
    JSON.stringify([a.weights, a.default_language, a.language_override]) ===
      JSON.stringify([b.weights, b.default_language, b.language_override])
  );
}

/**
 * Whether `spec` is already among a collection's `specs` (same name, same index); throws when it
 * clashes with one of them by name or by key instead.
 */
export function indexExists(specs: readonly IndexSpec[], spec: IndexSpec): boolean {
  // Every text index has the same key on mongod ({ _fts: 'text', _ftsx: 1 }): one per collection.
  // Indexes of one key under different collations may live side by side (by their names).
  const keyOf = (s: IndexSpec) =>
    Object.values(s.key).includes('text') ? 'text' : JSON.stringify([s.key, s.collation ?? null]);
  const same = specs.find((s) => s.name === spec.name || keyOf(s) === keyOf(spec));
  if (!same) return false;
  if (sameIndex(same, spec) && same.name === spec.name) return true;
  if (same.name === spec.name)
    throw new CommandError(
      'IndexKeySpecsConflict',
      `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify({ v: 2, ...spec })}, existing index: ${JSON.stringify({ v: 2, ...same })}`,
    );
  throw new CommandError(
    'IndexOptionsConflict',
    `An equivalent index already exists with a different name and options. Requested index: ${JSON.stringify({ v: 2, ...spec })}, existing index: ${JSON.stringify({ v: 2, ...same })}`,
  );
}

/**
 * An index's key as mongod lists it: a text index's text fields become `_fts: 'text', _ftsx: 1`
 * in their place (the fields themselves are the keys of `weights`).
 */
export function listedKey(key: IndexSpec['key']): Record<string, number | string> {
  if (!Object.values(key).includes('text')) return { ...key };
  const out: Record<string, number | string> = {};
  for (const [field, kind] of Object.entries(key)) {
    if (kind !== 'text') out[field] = kind;
    else if (!('_fts' in out)) Object.assign(out, { _fts: 'text', _ftsx: 1 });
  }
  return out;
}

export function describeIndex(spec: IndexSpec): Document {
  if (!Object.values(spec.key).includes('text')) return { v: 2, ...spec };
  return { v: 2, ...spec, key: listedKey(spec.key), textIndexVersion: 3 };
}
