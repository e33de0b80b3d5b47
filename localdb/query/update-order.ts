import type { Document } from 'bson';
import { isPlainObject } from './paths.ts';

/**
 * An operator update's result with MongoDB's field order: fields the document had stay where they
 * were, fields the update added follow them in lexicographic order of their names, at every level
 * (MongoDB 5.0+ processes update paths in that order; mingo appends them operator by operator).
 */
export function orderAddedFields(result: Document, original: Document): Document {
  const kept = Object.keys(result).filter((k) => k in original);
  const added = Object.keys(result)
    .filter((k) => !(k in original))
    .sort();
  const out: Document = {};
  for (const key of [...kept, ...added]) {
    const value: unknown = result[key];
    const before: unknown = original[key];
    out[key] =
      isPlainObject(value) && isPlainObject(before) && value !== before
        ? orderAddedFields(value, before)
        : value;
  }
  return out;
}
