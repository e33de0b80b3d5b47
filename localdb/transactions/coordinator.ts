import type { Collection } from '../storage/collection.ts';
import type { Engine } from '../storage/engine.ts';
import type { WriteOp } from '../storage/stored-doc.ts';
import { DocumentLocked, writeConflict } from './conflicts.ts';
import { WriteHistory } from './history.ts';
import { lifetimeFromEnv } from './options.ts';
import { Transaction, TxnState } from './transaction.ts';
import { lockKey, targetWrite, uniqueKeyLocks } from './write-target.ts';

const SESSION_SWEEP_EVERY = 256;

/** The server's live sessions (ServerState.sessions). */
export interface SessionLookup {
  get(id: string): object | undefined;
}

/** What the server remembers of a session: its latest txnNumber and what ran under it. */
export interface SessionTxnState {
  /** The server's session record it belongs to (see Transaction.owner). */
  readonly owner: object | undefined;
  txnNumber: number;
  /** The retryable write at txnNumber: stmtId → recorded outcome. */
  statements?: Map<number, unknown>;
  /** The transaction at txnNumber. */
  txn?: Transaction;
}

/**
 * The transactions of one engine: sessions' txnNumbers, open transactions, document locks and
 * the write history their snapshots read from. All writes go through `Engine.applyWrite`.
 */
export class TransactionCoordinator {
  readonly engine: Engine;
  readonly history = new WriteHistory();
  readonly sessions = new Map<string, SessionTxnState>();
  readonly open = new Set<Transaction>();
  lifetimeMs: number;
  readonly #locks = new Map<string, Transaction>();
  readonly #waiters = new Set<() => void>();
  #committing: Transaction | undefined;
  #calls = 0;

  constructor(engine: Engine, lifetimeMs = lifetimeFromEnv()) {
    this.engine = engine;
    this.lifetimeMs = lifetimeMs;
    engine.backgroundWrite = (collection, op) => this.committedWrite(collection, op);
  }

  begin(sessionId: string, txnNumber: number, owner: object | undefined): Transaction {
    const txn = new Transaction(
      { sessionId, txnNumber, owner },
      this.engine,
      this.history,
      this.lifetimeMs,
    );
    this.open.add(txn);
    return txn;
  }

  /** Ends a transaction (committed or aborted): releases its locks and wakes waiting writers. */
  end(txn: Transaction, state: typeof TxnState.Committed | typeof TxnState.Aborted): void {
    if (!txn.isOpen) return;
    txn.state = state;
    for (const key of txn.locks) if (this.#locks.get(key) === txn) this.#locks.delete(key);
    txn.locks.clear();
    this.open.delete(txn);
    let oldest: number | undefined;
    for (const other of this.open) oldest = Math.min(oldest ?? other.snapshot, other.snapshot);
    this.history.prune(oldest);
    for (const wake of [...this.#waiters]) wake();
  }

  /**
   * Aborts transactions past their lifetime or whose session was ended (endSessions, killSessions,
   * reaped): the registry then holds no record for it, or a new one if the lsid came back.
   */
  expire(registry: SessionLookup, now = Date.now()): void {
    for (const txn of [...this.open]) {
      const ended = registry.get(txn.sessionId) !== txn.owner;
      if (now >= txn.deadline || ended) this.end(txn, TxnState.Aborted);
    }
    // Forgetting ended sessions' txnNumbers is housekeeping: done every so many calls only.
    this.#calls += 1;
    if (this.#calls % SESSION_SWEEP_EVERY !== 0) return;
    for (const [id, state] of this.sessions) {
      if (registry.get(id) !== state.owner) this.sessions.delete(id);
    }
  }

  /** What the server remembers of a live session (a session ended since then starts afresh). */
  sessionState(id: string, registry: SessionLookup): SessionTxnState | undefined {
    const state = this.sessions.get(id);
    if (!state || state.owner === registry.get(id)) return state;
    this.sessions.delete(id);
    if (state.txn) this.end(state.txn, TxnState.Aborted);
    return undefined;
  }

  /** The open transaction holding `key`, other than `self` (expired holders are aborted first). */
  #holder(key: string, self: Transaction | undefined): Transaction | undefined {
    const owner = this.#locks.get(key);
    if (!owner || owner === self) return undefined;
    if (Date.now() < owner.deadline) return owner;
    this.end(owner, TxnState.Aborted);
    return undefined;
  }

  /**
   * A write of transaction `txn` to its shadow collection: the document and the unique-index keys
   * it adds or removes must not be held by another transaction, nor the document changed since the
   * snapshot; then it is applied to the shadow, locked and logged.
   */
  transactionalWrite(txn: Transaction, shadow: Collection, op: WriteOp): void {
    const { op: write, id } = targetWrite(op);
    const previous = shadow.docs.get(id);
    const uniqueKeys = [
      ...(previous ? uniqueKeyLocks(shadow, id, previous.doc) : []),
      ...(write.kind === 'delete' ? [] : uniqueKeyLocks(shadow, id, write.doc)),
    ];
    const keys = [lockKey(shadow.ns, id), ...uniqueKeys];
    if (keys.some((key) => this.#holder(key, txn))) throw writeConflict();
    const changed = (key: string) => this.history.writtenSince(shadow.ns, key, txn.snapshot);
    if (changed(id) || uniqueKeys.some(changed)) throw writeConflict();
    shadow.apply(write);
    for (const key of keys) {
      this.#locks.set(key, txn);
      txn.locks.add(key);
    }
    txn.log.push({ db: shadow.db, name: shadow.name, id, op: write });
  }

  /** A committed write (outside any transaction, or a commit's replay): lock check and history. */
  committedWrite(collection: Collection, op: WriteOp): void {
    const { op: write, id } = targetWrite(op);
    const added = write.kind === 'delete' ? [] : uniqueKeyLocks(collection, id, write.doc);
    const keys = [lockKey(collection.ns, id), ...added];
    if (keys.some((key) => this.#holder(key, this.#committing))) throw new DocumentLocked();
    const before = collection.docs.get(id);
    this.engine.applyWrite(collection, write);
    const keep = this.open.size > 0;
    const removed = keep && before ? uniqueKeyLocks(collection, id, before.doc) : [];
    this.history.record(collection.ns, id, before, keep, [...added, ...removed]);
  }

  /** Runs `commit` with `txn`'s own locks not blocking its replay. */
  asCommitting<T>(txn: Transaction, commit: () => T): T {
    this.#committing = txn;
    try {
      return commit();
    } finally {
      this.#committing = undefined;
    }
  }

  /** Resolves when some transaction ends, or after `ms`. */
  whenTransactionEnds(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }
}

const coordinators = new WeakMap<Engine, TransactionCoordinator>();

/** The engine's coordinator, created on first use. */
export function coordinatorOf(engine: Engine): TransactionCoordinator {
  let coordinator = coordinators.get(engine);
  if (!coordinator) {
    coordinator = new TransactionCoordinator(engine);
    coordinators.set(engine, coordinator);
  }
  return coordinator;
}

/** Test and setup hook: the transaction lifetime limit of one engine (transactionLifetimeLimitSeconds). */
export function configureTransactions(engine: Engine, options: { lifetimeMs: number }): void {
  coordinatorOf(engine).lifetimeMs = options.lifetimeMs;
}
