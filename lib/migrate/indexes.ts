import type { Document, IndexDescription } from 'mongodb';

/** The options that make two indexes different (anything else is cosmetic). */
const MEANINGFUL = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds'] as const;

/** The server's default name: `field_1_other_-1` (what createIndexes would pick). */
export function indexName(index: IndexDescription): string {
  if (index.name) return index.name;
  const key = index.key instanceof Map ? Object.fromEntries(index.key) : index.key;
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');
}

/**
 * A text index as the server lists it: its text fields become `_fts: 'text', _ftsx: 1` in the
 * key and the keys of `weights` (1 unless declared), with the language options' defaults.
 */
function textShape(key: Document, index: Document): Document | undefined {
  const fields = Object.keys(key).filter((f) => key[f] === 'text');
  if (fields.length === 0) return undefined;
  const listed: Document = {};
  for (const [field, kind] of Object.entries(key)) {
    if (kind !== 'text') listed[field] = kind;
    else if (!('_fts' in listed)) Object.assign(listed, { _fts: 'text', _ftsx: 1 });
  }
  return {
    key: listed,
    weights: { ...Object.fromEntries(fields.map((f) => [f, 1])), ...index.weights },
    default_language: index.default_language ?? 'english',
    language_override: index.language_override ?? 'language',
  };
}

/**
 * A comparable form of a declared or listed index: key plus the options that matter. A listed
 * index's collation is compared on the fields `declared` gives (mongod lists every field of a
 * collation, defaults and ICU version included, whatever the index was created with).
 */
export function indexShape(index: IndexDescription | Document, declared?: Document): Document {
  const key = index.key instanceof Map ? Object.fromEntries(index.key) : index.key;
  const listedText = key._fts === 'text';
  const shape: Document = (listedText ? undefined : textShape(key, index)) ?? { key };
  if (listedText) {
    for (const option of ['weights', 'default_language', 'language_override'] as const) {
      shape[option] = (index as Document)[option];
    }
  }
  for (const option of MEANINGFUL) {
    const value = (index as Document)[option];
    if (value !== undefined && value !== false) shape[option] = value;
  }
  const collation = (index as Document).collation as Document | undefined;
  if (collation !== undefined && collation.locale !== 'simple') {
    const fields = declared?.collation ? Object.keys(declared.collation as Document) : undefined;
    shape.collation = fields
      ? Object.fromEntries(fields.map((field) => [field, collation[field]]))
      : collation;
  }
  return shape;
}
