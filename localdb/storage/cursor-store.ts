import { randomBytes } from 'node:crypto';
import { calculateObjectSize, type Document, Long } from 'bson';
import { CommandError } from '../errors.ts';

/** Room left for the reply envelope inside MongoDB's 16 MiB message budget. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 16 * 1024;
export const DEFAULT_FIRST_BATCH = 101;

interface OpenCursor {
  readonly ns: string;
  readonly docs: Document[];
  position: number;
  lastUsed: number;
}

export interface Batch {
  readonly batch: Document[];
  readonly id: Long;
}

/** Up to `max` documents (Infinity: as many as fit in one reply). */
function takeBatch(cursor: OpenCursor, max: number): Document[] {
  const out: Document[] = [];
  let bytes = 0;
  while (cursor.position < cursor.docs.length && out.length < max) {
    const doc = cursor.docs[cursor.position] as Document;
    bytes += calculateObjectSize(doc);
    if (out.length > 0 && bytes > MAX_BATCH_BYTES) break;
    out.push(doc);
    cursor.position++;
  }
  return out;
}

function newCursorId(): bigint {
  // A positive, non-zero int64, random so ids are not guessable across connections.
  return randomBytes(8).readBigUInt64BE() & 0x7fff_ffff_ffff_ffffn || 1n;
}

/** Open server-side cursors: a materialized result and a read position, reaped when idle too long. */
export class CursorStore {
  readonly #cursors = new Map<bigint, OpenCursor>();
  readonly #timeoutMs: number;

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /** Hands out the first batch (batchSize 0: none yet); keeps a cursor when documents remain and !singleBatch. */
  open(ns: string, docs: Document[], batchSize: number, singleBatch = false): Batch {
    const cursor: OpenCursor = { ns, docs, position: 0, lastUsed: Date.now() };
    const batch = takeBatch(cursor, batchSize);
    if (singleBatch || cursor.position >= docs.length) return { batch, id: Long.ZERO };
    const id = newCursorId();
    this.#cursors.set(id, cursor);
    return { batch, id: Long.fromBigInt(id) };
  }

  /** The next batch (batchSize 0: as many as fit). */
  getMore(id: Long, ns: string, batchSize: number): Batch {
    const key = id.toBigInt();
    const cursor = this.#cursors.get(key);
    if (!cursor || this.#expired(cursor, Date.now())) {
      this.#cursors.delete(key);
      throw new CommandError('CursorNotFound', `cursor id ${id.toString()} not found`);
    }
    if (cursor.ns !== ns) {
      throw new CommandError(
        'Unauthorized',
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    cursor.lastUsed = Date.now();
    const batch = takeBatch(cursor, batchSize > 0 ? batchSize : Number.POSITIVE_INFINITY);
    if (cursor.position >= cursor.docs.length) {
      this.#cursors.delete(key);
      return { batch, id: Long.ZERO };
    }
    return { batch, id };
  }

  /** Kills cursors; returns whether each was open (for killCursors' cursorsKilled/NotFound). */
  kill(id: Long): boolean {
    return this.#cursors.delete(id.toBigInt());
  }

  get size(): number {
    return this.#cursors.size;
  }

  /** Drops cursors idle for longer than the timeout (called by the engine's housekeeping timer). */
  reap(now = Date.now()): number {
    let reaped = 0;
    for (const [id, cursor] of this.#cursors) {
      if (this.#expired(cursor, now)) {
        this.#cursors.delete(id);
        reaped++;
      }
    }
    return reaped;
  }

  /** Forgets the cursors of a dropped namespace (or of every namespace in a dropped database). */
  dropNamespace(ns: string): void {
    for (const [id, cursor] of this.#cursors)
      if (cursor.ns === ns || cursor.ns.startsWith(`${ns}.`)) this.#cursors.delete(id);
  }

  clear(): void {
    this.#cursors.clear();
  }

  #expired(cursor: OpenCursor, now: number): boolean {
    return now - cursor.lastUsed > this.#timeoutMs;
  }
}
