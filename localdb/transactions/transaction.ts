import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { Collection } from '../storage/collection.ts';
import { checkCollectionName, checkDbName, type Engine } from '../storage/engine.ts';
import type { WriteOp } from '../storage/stored-doc.ts';
import type { WriteHistory } from './history.ts';

export const TxnState = Object.freeze({
  InProgress: 'inProgress',
  Committed: 'committed',
  Aborted: 'aborted',
} as const);

export type TxnStateName = (typeof TxnState)[keyof typeof TxnState];

/** One write of the transaction, replayed on the real collection at commit. */
export interface LoggedWrite {
  readonly db: string;
  readonly name: string;
  readonly id: string;
  readonly op: WriteOp;
}

/**
 * One multi-document transaction: its snapshot point, private shadow collections (the snapshot
 * plus its own writes), the ordered log of its writes and the document locks it holds.
 */
export class Transaction {
  readonly sessionId: string;
  /** The server's record of the session when the transaction began: a new one means it was ended. */
  readonly owner: object | undefined;
  readonly txnNumber: number;
  readonly snapshot: number;
  readonly deadline: number;
  state: TxnStateName = TxnState.InProgress;
  /** Commands run so far (readConcern is only allowed on the first). */
  statements = 0;
  readonly log: LoggedWrite[] = [];
  readonly locks = new Set<string>();
  /** Namespaces created inside the transaction (collections committed with it). */
  readonly created = new Set<string>();
  readonly #shadows = new Map<string, Collection>();
  readonly #base: Engine;
  readonly #history: WriteHistory;

  constructor(
    ids: { sessionId: string; txnNumber: number; owner: object | undefined },
    base: Engine,
    history: WriteHistory,
    lifetimeMs: number,
  ) {
    this.sessionId = ids.sessionId;
    this.txnNumber = ids.txnNumber;
    this.owner = ids.owner;
    this.#base = base;
    this.#history = history;
    this.snapshot = history.version;
    this.deadline = Date.now() + lifetimeMs;
  }

  get isOpen(): boolean {
    return this.state === TxnState.InProgress;
  }

  shadows(): IterableIterator<[string, Collection]> {
    return this.#shadows.entries();
  }

  /** The collection as this transaction sees it (undefined when it does not exist for it). */
  collection(db: string, name: string): Collection | undefined {
    const ns = `${db}.${name}`;
    const known = this.#shadows.get(ns);
    if (known) return known;
    const committed = this.#base.collection(db, name);
    if (!committed) return undefined;
    // The committed state now (documents are immutable, indexes shared copy-on-write), then the
    // writes committed since the snapshot undone, newest first (through apply, which keeps the
    // index copies in step).
    const shadow = committed.snapshot();
    try {
      this.#history.undoSince(ns, this.snapshot, (id, before) => {
        const current = shadow.docs.get(id);
        if (before) {
          shadow.apply(
            current
              ? { kind: 'replace', id, doc: before.doc, bypassValidation: true }
              : { kind: 'insert', doc: before.doc, bypassValidation: true },
          );
        } else if (current) {
          shadow.apply({ kind: 'delete', id });
        }
      });
    } catch (error) {
      // e.g. a unique index built after the snapshot that its documents would break.
      throw new CommandError(
        'SnapshotUnavailable',
        `Unable to read from a snapshot of ${ns}: its catalog changed since the transaction started.`,
        {},
        { cause: error },
      );
    }
    this.#shadows.set(ns, shadow);
    return shadow;
  }

  /** Creates a collection inside the transaction (visible to others once committed). */
  create(db: string, name: string, options: Document = {}): Collection {
    checkDbName(db);
    checkCollectionName(db, name);
    const shadow = new Collection(db, name, options);
    this.#shadows.set(shadow.ns, shadow);
    this.created.add(shadow.ns);
    return shadow;
  }
}
