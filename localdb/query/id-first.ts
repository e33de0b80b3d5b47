import type { Document } from 'bson';
import { isNumeric, toNumber } from './bson-type.ts';
import { isPlainObject } from './paths.ts';

/** Whether a projection keeps `_id` as it is stored (not excluded, not computed). */
export function keepsStoredId(projection: unknown): boolean {
  if (!isPlainObject(projection)) return false;
  const id: unknown = projection._id;
  return id === undefined || id === true || (isNumeric(id) && toNumber(id) !== 0);
}

/**
 * `doc` with `_id` as its first field. mingo appends a kept `_id` after the projected fields;
 * mongod answers it first, as the document stores it.
 */
export function idFirst(doc: Document): Document {
  const keys = Object.keys(doc);
  if (keys[0] === '_id' || !keys.includes('_id')) return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}
