import type { Document } from 'bson';
import { ChangeLog } from '../changes/change-log.ts';
import { changeOf } from '../changes/write-change.ts';
import { CommandError } from '../errors.ts';
import { checkFitsCap, evictOldest } from './capped.ts';
import { Collection } from './collection.ts';
import { CursorStore } from './cursor-store.ts';
import {
  type EngineOptions,
  type ResolvedEngineOptions,
  resolveEngineOptions,
} from './engine-options.ts';
import { Journal } from './journal/index.ts';
import type { WriteOp } from './stored-doc.ts';
import { expireDocuments } from './ttl.ts';

export type { EngineOptions } from './engine-options.ts';

const INVALID_COLLECTION_NAME = /^$|\$|\0|^system\./;
const INVALID_DB_NAME = /^$|[/\\. "$\0]/;

export function checkDbName(db: string): void {
  if (INVALID_DB_NAME.test(db) || db.length > 63)
    throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`);
}

export function checkCollectionName(db: string, name: string): void {
  if (INVALID_COLLECTION_NAME.test(name) && !name.startsWith('system.')) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: ${name}`);
  }
  if (name === '')
    throw new CommandError('InvalidNamespace', `Invalid namespace specified '${db}.'`);
}

/**
 * The in-memory store: databases of collections, open cursors, and the background TTL monitor
 * and cursor reaper (both unref()ed so they never keep the process alive; close() stops them).
 */
export class Engine {
  readonly options: ResolvedEngineOptions;
  readonly cursors: CursorStore;
  /** Every committed change, for change streams (localdb's oplog). */
  readonly changes: ChangeLog;
  readonly #databases = new Map<string, Map<string, Collection>>();
  readonly #timers: NodeJS.Timeout[] = [];
  /** Set when the engine was opened on a dbPath: every change is journaled (storage/journal). */
  #journal: Journal | undefined;

  /** An engine whose data lives in `dbPath` when given: replayed now, journaled from now on. */
  static async open(options: EngineOptions = {}): Promise<Engine> {
    const engine = new Engine(options);
    if (!engine.options.dbPath) return engine;
    try {
      engine.#journal = Journal.open(engine.options.dbPath, engine);
    } catch (error) {
      await engine.close();
      throw error;
    }
    return engine;
  }

  constructor(options: EngineOptions = {}) {
    this.options = resolveEngineOptions(options);
    this.cursors = new CursorStore(this.options.cursorTimeoutMs);
    this.changes = new ChangeLog(this.options.changeLogSize);
    const ttl = setInterval(() => this.expireTtl(), this.options.ttlMonitorIntervalMs);
    const reap = setInterval(
      () => this.cursors.reap(),
      Math.min(this.options.cursorTimeoutMs, 60_000),
    );
    for (const timer of [ttl, reap]) {
      timer.unref();
      this.#timers.push(timer);
    }
  }

  get journal(): Journal | undefined {
    return this.#journal;
  }

  databaseNames(): string[] {
    return [...this.#databases.keys()];
  }

  collections(db: string): Collection[] {
    return [...(this.#databases.get(db)?.values() ?? [])];
  }

  collection(db: string, name: string): Collection | undefined {
    return this.#databases.get(db)?.get(name);
  }

  /** The collection, created (implicitly, as writes and createIndexes do) when missing. */
  ensureCollection(db: string, name: string): { collection: Collection; created: boolean } {
    const existing = this.collection(db, name);
    if (existing) return { collection: existing, created: false };
    return { collection: this.createCollection(db, name), created: true };
  }

  createCollection(db: string, name: string, options: Document = {}): Collection {
    checkDbName(db);
    checkCollectionName(db, name);
    if (this.collection(db, name))
      throw new CommandError('NamespaceExists', `Collection ${db}.${name} already exists.`);
    const collection = new Collection(db, name, options);
    this.#database(db).set(name, collection);
    this.#journal?.created(collection);
    this.changes.append({ kind: 'create', db, coll: name });
    return collection;
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const dropped = this.#detach(db, name);
    if (dropped) {
      this.#journal?.dropped(db, name);
      this.changes.append({ kind: 'drop', db, coll: name });
    }
    return dropped;
  }

  #detach(db: string, name: string): Collection | undefined {
    const collections = this.#databases.get(db);
    const collection = collections?.get(name);
    if (!collections || !collection) return undefined;
    collections.delete(name);
    if (collections.size === 0) this.#databases.delete(db);
    this.cursors.dropNamespace(collection.ns);
    return collection;
  }

  dropDatabase(db: string): boolean {
    this.cursors.dropNamespace(db);
    this.#journal?.droppedDatabase(db);
    const names = [...(this.#databases.get(db)?.keys() ?? [])];
    const existed = this.#databases.delete(db);
    // As mongod: each collection's drop, then the database's.
    for (const coll of names) this.changes.append({ kind: 'drop', db, coll });
    if (existed) this.changes.append({ kind: 'dropDatabase', db });
    return existed;
  }

  /** Moves a collection (with its documents and indexes) to another namespace. */
  renameCollection(from: [string, string], to: [string, string], dropTarget: boolean): void {
    const source = this.collection(...from);
    if (!source) throw new CommandError('NamespaceNotFound', 'Source collection does not exist');
    checkDbName(to[0]);
    checkCollectionName(...to);
    if (this.collection(...to)) {
      if (!dropTarget) throw new CommandError('NamespaceExists', 'target namespace exists');
      this.dropCollection(...to);
    }
    this.#detach(...from);
    source.db = to[0];
    source.name = to[1];
    this.#database(to[0]).set(to[1], source);
    this.#journal?.renamed(from, to);
    this.changes.append({ kind: 'rename', db: from[0], coll: from[1], toDb: to[0], toColl: to[1] });
  }

  /**
   * The single entry point of every document write (insert, replace, delete of one document):
   * future transactions, retryable-write bookkeeping and the dbPath journal hook in here.
   */
  applyWrite(collection: Collection, op: WriteOp): void {
    const { capped } = collection;
    if (capped && op.kind === 'insert') checkFitsCap(capped, op.doc);
    const before = op.kind === 'insert' ? undefined : collection.docs.get(op.id)?.doc;
    const stored = this.#journal ? this.#journal.applyWrite(collection, op) : collection.apply(op);
    const entry = changeOf(collection, op, before, stored);
    if (entry) this.changes.append(entry);
    if (capped && op.kind !== 'delete')
      evictOldest(collection, capped, (id) =>
        this.backgroundWrite(collection, { kind: 'delete', id }),
      );
  }

  /**
   * Where the TTL monitor's deletes go: applyWrite, unless localdb/transactions routes them through
   * its document locks and snapshot history (a document locked by a transaction is left for later).
   */
  backgroundWrite: (collection: Collection, op: WriteOp) => void = (collection, op) =>
    this.applyWrite(collection, op);

  /** One pass of the TTL monitor; returns how many documents were deleted. */
  expireTtl(now = Date.now()): number {
    let removed = 0;
    for (const collections of this.#databases.values()) {
      for (const collection of collections.values())
        removed += expireDocuments(collection, now, (op) => this.backgroundWrite(collection, op));
    }
    return removed;
  }

  #database(db: string): Map<string, Collection> {
    const existing = this.#databases.get(db);
    if (existing) return existing;
    const created = new Map<string, Collection>();
    this.#databases.set(db, created);
    return created;
  }

  async close(): Promise<void> {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    this.cursors.clear();
    await this.#journal?.close();
  }
}
