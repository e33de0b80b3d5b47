import { type Document, ObjectId } from 'bson';
import { CommandError } from '../errors.ts';
import { isPlainObject } from '../query/paths.ts';
import type { IndexSpec } from './index-spec.ts';

/** The index on `_id` every collection has (listed first). */
export const ID_INDEX: IndexSpec = Object.freeze({ key: Object.freeze({ _id: 1 }), name: '_id_' });

/** Puts `_id` first (generating an ObjectId when missing), as MongoDB stores documents. */
export function withIdFirst(doc: Document): Document {
  if (Object.keys(doc)[0] === '_id' && doc._id !== undefined) return doc;
  const { _id, ...rest } = doc;
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}

/** Refuses an `_id` mongod cannot store: an array, a regex, a document with `$`-prefixed fields. */
export function checkIdValue(id: unknown): void {
  if (Array.isArray(id))
    throw new CommandError('InvalidIdField', "The '_id' value cannot be of type array");
  if (id instanceof RegExp || (id as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp') {
    throw new CommandError('InvalidIdField', "The '_id' value cannot be of type regex");
  }
  if (isPlainObject(id)) {
    const dollar = Object.keys(id).find((k) => k.startsWith('$'));
    if (dollar) {
      throw new CommandError(
        'DollarPrefixedFieldName',
        `_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`,
      );
    }
  }
}
