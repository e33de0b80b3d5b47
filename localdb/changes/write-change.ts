import type { Document } from 'bson';
import type { Collection } from '../storage/collection.ts';
import type { StoredDoc, WriteOp } from '../storage/stored-doc.ts';
import type { ChangeEntry } from './change-log.ts';

/** The change-log entry of a document write (none for a delete of a missing document). */
export function changeOf(
  collection: Collection,
  op: WriteOp,
  before: Document | undefined,
  stored: StoredDoc | undefined,
): ChangeEntry | undefined {
  const { db, name: coll } = collection;
  const images = collection.options.changeStreamPreAndPostImages?.enabled === true;
  if (op.kind === 'delete')
    return before ? { kind: 'delete', db, coll, before, images } : undefined;
  if (!stored) return undefined;
  if (op.kind === 'insert' || !before) return { kind: 'insert', db, coll, after: stored.doc };
  const kind = op.byOperators ? 'update' : 'replace';
  return { kind, db, coll, before, after: stored.doc, images };
}
