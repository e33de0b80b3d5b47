import type { Document } from 'bson';

/** `doc` with `_id` as its first field, where mongod answers it (mingo may append it last). */
export function idFirst(doc: Document): Document {
  const keys = Object.keys(doc);
  if (keys[0] === '_id' || !keys.includes('_id')) return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}
