import { randomBytes } from 'node:crypto';
import type { Document, Timestamp } from 'bson';
import { ClusterClock } from '../server/cluster-clock.ts';

/** What one committed change was, as the oplog would hold it (documents are stored, never changed). */
export type ChangeEntry =
  | {
      readonly kind: 'insert';
      readonly db: string;
      readonly coll: string;
      readonly after: Document;
    }
  | {
      readonly kind: 'update' | 'replace';
      readonly db: string;
      readonly coll: string;
      readonly before: Document;
      readonly after: Document;
      /** The collection keeps pre- and post-images (changeStreamPreAndPostImages). */
      readonly images: boolean;
    }
  | {
      readonly kind: 'delete';
      readonly db: string;
      readonly coll: string;
      readonly before: Document;
      readonly images: boolean;
    }
  | { readonly kind: 'create' | 'drop'; readonly db: string; readonly coll: string }
  | {
      readonly kind: 'rename';
      readonly db: string;
      readonly coll: string;
      readonly toDb: string;
      readonly toColl: string;
    }
  | { readonly kind: 'dropDatabase'; readonly db: string };

/** The session and number of the transaction a change was committed by. */
export interface TxnOrigin {
  readonly lsid: Document;
  readonly txnNumber: number;
}

export interface ChangeRecord {
  /** Position in the log: 1, 2, 3... within one `epoch`. */
  readonly seq: number;
  readonly clusterTime: Timestamp;
  readonly wallTime: Date;
  readonly entry: ChangeEntry;
  readonly txn: TxnOrigin | undefined;
}

/**
 * localdb's oplog: every committed write and collection change, in order, for change streams.
 * Records are cheap (the stored documents by reference); events are built only when a stream
 * reads them. The oldest records are dropped past `capacity`; a stream that must resume before
 * them fails with ChangeStreamHistoryLost, as on a rolled-over oplog.
 */
export class ChangeLog {
  /** Distinguishes this log's positions from those of an earlier process (resume tokens carry it). */
  readonly epoch = randomBytes(4).readUInt32BE();
  readonly #capacity: number;
  #records: ChangeRecord[] = [];
  #head = 0;
  #clock: Pick<ClusterClock, 'tick' | 'now'> = new ClusterClock();
  readonly #waiters = new Set<() => void>();
  /** The changes of a transaction being committed: published together, or not at all. */
  #pending: { txn: TxnOrigin; entries: ChangeEntry[] } | undefined;

  /** `capacity`: how many changes are kept (EngineOptions.changeLogSize). */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Takes cluster times from the server's clock (events then match replies' operationTime). */
  useClock(clock: Pick<ClusterClock, 'tick' | 'now'>): void {
    this.#clock = clock;
  }

  /** The seq of the latest record (0 when none was ever written). */
  get head(): number {
    return this.#head;
  }

  /** The seq of the oldest record kept (head + 1 when none is). */
  get oldest(): number {
    return this.#records[0]?.seq ?? this.#head + 1;
  }

  now(): Timestamp {
    return this.#clock.now();
  }

  append(entry: ChangeEntry): void {
    if (this.#pending) this.#pending.entries.push(entry);
    else this.#publish([entry], undefined);
  }

  /**
   * Runs a transaction's commit: its changes share one cluster time and carry its lsid and
   * txnNumber, and are published only if `commit` returns.
   */
  committing<T>(txn: TxnOrigin, commit: () => T): T {
    const outer = this.#pending;
    this.#pending = { txn, entries: [] };
    try {
      const result = commit();
      const { entries } = this.#pending;
      this.#pending = outer;
      this.#publish(entries, txn);
      return result;
    } catch (error) {
      this.#pending = outer;
      throw error;
    }
  }

  /** The record at `seq`, if kept. */
  at(seq: number): ChangeRecord | undefined {
    const first = this.#records[0];
    return first ? this.#records[seq - first.seq] : undefined;
  }

  /** The seq before the first record at or after `time` (head when there is none). */
  positionAt(time: Timestamp): number {
    for (const record of this.#records) if (record.clusterTime.gte(time)) return record.seq - 1;
    return this.#head;
  }

  /** Resolves at the next append, after `ms`, or when `signal` aborts. */
  whenAppended(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done);
      this.#waiters.add(done);
    });
  }

  #publish(entries: readonly ChangeEntry[], txn: TxnOrigin | undefined): void {
    if (entries.length === 0) return;
    const wallTime = new Date();
    // A transaction's changes share its commit time; other writes each advance the clock.
    const shared = txn ? this.#clock.tick() : undefined;
    for (const entry of entries) {
      this.#head += 1;
      const clusterTime = shared ?? this.#clock.tick();
      this.#records.push({ seq: this.#head, clusterTime, wallTime, entry, txn });
    }
    // Trimmed in bulk: at twice the capacity, back to the capacity.
    if (this.#records.length >= 2 * this.#capacity)
      this.#records = this.#records.slice(-this.#capacity);
    for (const wake of [...this.#waiters]) wake();
  }
}
