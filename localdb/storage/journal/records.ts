import { type Document, deserialize, serialize } from 'bson';
import { REQUEST_DESERIALIZE_OPTIONS } from '../../wire/bson-codec.ts';

/** What one journal or snapshot record says happened; field names are short, they repeat a lot. */
export const OpKind = Object.freeze({
  Header: 'header',
  Create: 'create',
  Drop: 'drop',
  DropDatabase: 'dropDatabase',
  Rename: 'rename',
  Catalog: 'catalog',
  Put: 'put',
  Delete: 'del',
  End: 'end',
} as const);

export const FORMAT_VERSION = 1;

export type JournalOp =
  | { k: 'header'; file: 'journal' | 'snapshot'; version: number; gen: number }
  | { k: 'create'; db: string; c: string; options: Document }
  /** The whole catalog of a collection (options and secondary index specs) as it now is. */
  | { k: 'catalog'; db: string; c: string; options: Document; indexes: Document[] }
  | { k: 'drop'; db: string; c: string }
  | { k: 'dropDatabase'; db: string }
  | { k: 'rename'; db: string; c: string; toDb: string; toC: string }
  /** A document as stored after an insert or replace (replay keys it by its `_id`). */
  | { k: 'put'; db: string; c: string; d: Document }
  /** `id` is the canonical `_id` key the collection maps documents by. */
  | { k: 'del'; db: string; c: string; id: string }
  /** The last record of a snapshot: without it the snapshot is incomplete. */
  | { k: 'end'; docs: number };

export function encodeOp(op: JournalOp): Uint8Array {
  return serialize(op);
}

/**
 * The records of one frame payload: BSON documents back to back. Values come back as the wire
 * layer parses requests (Int32/Long/Double/Decimal128 kept apart), so replayed documents hold the
 * same classes as documents written through the driver.
 */
export function decodeOps(payload: Buffer): Document[] {
  const ops: Document[] = [];
  let offset = 0;
  while (offset < payload.byteLength) {
    if (offset + 4 > payload.byteLength) throw new Error('journal record: truncated BSON length');
    const length = payload.readInt32LE(offset);
    if (length < 5 || offset + length > payload.byteLength)
      throw new Error(`journal record: BSON length ${length} runs past its frame`);
    ops.push(deserialize(payload.subarray(offset, offset + length), REQUEST_DESERIALIZE_OPTIONS));
    offset += length;
  }
  return ops;
}
