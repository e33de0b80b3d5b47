import { randomBytes } from 'node:crypto';
import { calculateObjectSize, type Document, Long } from 'bson';
import { CommandError } from '../errors.ts';

/** Room left for the reply envelope inside MongoDB's 16 MiB message budget. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 16 * 1024;
export const DEFAULT_FIRST_BATCH = 101;

/** What a tailing cursor hands out per batch: its documents and the token to resume after them. */
export interface TailingBatch {
  readonly batch: Document[];
  /** A change stream's resume token after this batch (its postBatchResumeToken). */
  readonly token?: Document;
}

/** The documents of a tailable, awaitData cursor (a change stream): they arrive over time. */
export interface TailingSource {
  take(max: number): TailingBatch;
  /** No document will ever come again (the cursor closes once this batch is out). */
  readonly closed: boolean;
  /** false: a getMore answers at once (a tailable cursor without awaitData). */
  readonly awaitData?: boolean;
  /** Resolves when documents may have arrived, after `ms` at the latest, or on `signal`. */
  waitForMore(ms: number, signal?: AbortSignal): Promise<void>;
}

interface OpenCursor {
  readonly ns: string;
  readonly docs: Document[];
  position: number;
  lastUsed: number;
  readonly tail?: TailingSource;
}

export interface Batch {
  readonly batch: Document[];
  readonly id: Long;
  /** Set for tailing cursors: the resume token after this batch. */
  readonly postBatchResumeToken?: Document;
}

/** How long a getMore on an awaitData cursor waits for documents without maxTimeMS (mongod: 1 s). */
export const DEFAULT_AWAIT_MS = 1000;

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

  /** Opens a tailing cursor: it stays open, even with an empty first batch, until its source closes. */
  openTailing(ns: string, tail: TailingSource, batchSize: number): Batch {
    const { batch, token } = tail.take(batchSize);
    if (tail.closed) return { batch, id: Long.ZERO, postBatchResumeToken: token };
    const id = newCursorId();
    this.#cursors.set(id, { ns, docs: [], position: 0, lastUsed: Date.now(), tail });
    return { batch, id: Long.fromBigInt(id), postBatchResumeToken: token };
  }

  /**
   * The next batch of a tailing cursor: what is there, else what arrives within `awaitMs`
   * (an empty batch when nothing does). batchSize 0: as many as there are.
   */
  async getMoreTailing(
    id: Long,
    ns: string,
    batchSize: number,
    awaitMs: number,
    signal?: AbortSignal,
  ): Promise<Batch> {
    const cursor = this.#find(id, ns);
    const tail = cursor.tail as TailingSource;
    const max = batchSize > 0 ? batchSize : Number.POSITIVE_INFINITY;
    const waitMs = tail.awaitData === false ? 0 : awaitMs;
    const key = id.toBigInt();
    let next: TailingBatch;
    try {
      next = tail.take(max);
      const deadline = Date.now() + waitMs;
      while (next.batch.length === 0 && !tail.closed && !signal?.aborted && Date.now() < deadline) {
        await tail.waitForMore(deadline - Date.now(), signal);
        next = tail.take(max);
      }
    } catch (error) {
      // A cursor that failed (history lost, a pipeline error) is gone, as in mongod.
      this.#cursors.delete(key);
      throw error;
    }
    cursor.lastUsed = Date.now();
    const open = tail.closed ? false : this.#cursors.has(key);
    if (!open) this.#cursors.delete(key);
    return { batch: next.batch, id: open ? id : Long.ZERO, postBatchResumeToken: next.token };
  }

  /** Whether `id` is an open tailing cursor (its getMore may wait). */
  isTailing(id: Long): boolean {
    return this.#cursors.get(id.toBigInt())?.tail !== undefined;
  }

  #find(id: Long, ns: string): OpenCursor {
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
    return cursor;
  }

  /** The next batch (batchSize 0: as many as fit). */
  getMore(id: Long, ns: string, batchSize: number): Batch {
    const key = id.toBigInt();
    const cursor = this.#find(id, ns);
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

  /**
   * Forgets the cursors of a dropped namespace (or of every namespace in a dropped database).
   * Change streams stay open: they report the drop, then their invalidate.
   */
  dropNamespace(ns: string): void {
    for (const [id, cursor] of this.#cursors)
      if (!cursor.tail && (cursor.ns === ns || cursor.ns.startsWith(`${ns}.`)))
        this.#cursors.delete(id);
  }

  clear(): void {
    this.#cursors.clear();
  }

  #expired(cursor: OpenCursor, now: number): boolean {
    return now - cursor.lastUsed > this.#timeoutMs;
  }
}
