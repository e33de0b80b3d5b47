import type { Document } from 'bson';
import { canonicalKey } from '../query/canonical-key.ts';
import type { Collection } from '../storage/collection.ts';
import { withIdFirst } from '../storage/document-id.ts';
import type { WriteOp } from '../storage/stored-doc.ts';

/** A write with its document id settled (an insert gets its generated _id once, here). */
export interface TargetedWrite {
  readonly op: WriteOp;
  readonly id: string;
}

export function targetWrite(op: WriteOp): TargetedWrite {
  if (op.kind !== 'insert') return { op, id: op.id };
  const doc = withIdFirst(op.doc);
  return { op: { ...op, doc }, id: canonicalKey(doc._id) };
}

/** The key of a document lock: namespace and canonical _id. */
export function lockKey(ns: string, id: string): string {
  return `${ns}\u0000${id}`;
}

/**
 * The lock keys of a document's entries in the collection's unique indexes: a transaction holding
 * them keeps others from taking (or, for entries it removed, re-taking) those keys until it ends.
 */
export function uniqueKeyLocks(collection: Collection, id: string, doc: Document): string[] {
  const keys: string[] = [];
  const stored = { id, doc };
  for (const index of collection.indexes.values()) {
    if (!index.spec.unique) continue;
    for (const { key } of index.keysFor(doc, () => collection.viewOf(stored))) {
      keys.push(`${collection.ns}\u0000${index.spec.name}\u0000${key}`);
    }
  }
  return keys;
}
