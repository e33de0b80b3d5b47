import { canonicalKey } from '../query/canonical-key.ts';
import { type WriteOp, withIdFirst } from '../storage/collection.ts';

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
