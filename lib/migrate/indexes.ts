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

/** A comparable form of a declared or listed index: key plus the options that matter. */
export function indexShape(index: IndexDescription | Document): Document {
  const key = index.key instanceof Map ? Object.fromEntries(index.key) : index.key;
  const shape: Document = { key };
  for (const option of MEANINGFUL) {
    const value = (index as Document)[option];
    if (value !== undefined && value !== false) shape[option] = value;
  }
  return shape;
}
