import { mkdirSync, rmSync } from 'node:fs';
import type { Collection } from '../collection.ts';
import { withIdFirst } from '../document-id.ts';
import type { StoredDoc, WriteOp } from '../stored-doc.ts';
import { CatalogTracker } from './catalog-tracker.ts';
import { fsyncDir, journalPath, listDbPath, snapshotPath } from './files.ts';
import { JournalFile } from './journal-file.ts';
import { allCollections, type JournalHost, loadModel } from './load.ts';
import { lockDbPath } from './lock.ts';
import { type JournalOptions, resolveJournalOptions } from './options.ts';
import { encodeOp, type JournalOp } from './records.ts';
import { recoverDbPath } from './recover.ts';
import { captureCollections, writeSnapshot } from './snapshot.ts';

export interface JournalStats {
  readonly gen: number;
  /** Bytes of the current journal written to the file / made durable with fdatasync. */
  readonly writtenBytes: number;
  readonly syncedBytes: number;
  readonly snapshotBytes: number;
  /** Bytes of a torn last record dropped at start-up (0 after a clean stop). */
  readonly tornBytesAtOpen: number;
}

/**
 * Durable storage for one dbPath: every applied change is appended to the journal (see
 * JournalFile for when bytes reach the kernel and the disk), replayed at start-up, and compacted
 * into a snapshot when the journal grows (see compact()).
 */
export class Journal {
  readonly dir: string;
  readonly #host: JournalHost;
  readonly #options: ReturnType<typeof resolveJournalOptions>;
  readonly #release: () => void;
  readonly #catalogs = new CatalogTracker();
  readonly #timer: NodeJS.Timeout;
  readonly #tornBytes: number;
  #file: JournalFile;
  #gen: number;
  #snapshotBytes: number;
  #compaction: Promise<void> | undefined;
  #closed = false;

  /** Locks `dir`, replays it into `host` and opens the journal to append to. */
  static open(dir: string, host: JournalHost, options: JournalOptions = {}): Journal {
    const resolved = resolveJournalOptions(options);
    mkdirSync(dir, { recursive: true });
    const release = lockDbPath(dir);
    try {
      const recovered = recoverDbPath(dir);
      loadModel(recovered.model, host);
      const path = journalPath(dir, recovered.gen);
      if (recovered.tornBytes) {
        process.emitWarning(
          `localdb: dropped a torn ${recovered.tornBytes}-byte record at the end of ${path}`,
        );
      }
      const file =
        recovered.validEnd === undefined
          ? JournalFile.create(path, recovered.gen)
          : JournalFile.reopen(path, recovered.validEnd);
      if (recovered.validEnd === undefined) fsyncDir(dir);
      return new Journal(dir, host, resolved, release, file, recovered);
    } catch (error) {
      release();
      throw new Error(`localdb could not open its dbPath ${dir}`, { cause: error });
    }
  }

  private constructor(
    dir: string,
    host: JournalHost,
    options: ReturnType<typeof resolveJournalOptions>,
    release: () => void,
    file: JournalFile,
    recovered: { gen: number; snapshotBytes: number; tornBytes: number },
  ) {
    this.dir = dir;
    this.#host = host;
    this.#options = options;
    this.#release = release;
    this.#file = file;
    this.#gen = recovered.gen;
    this.#snapshotBytes = recovered.snapshotBytes;
    this.#tornBytes = recovered.tornBytes;
    for (const collection of allCollections(host)) this.#catalogs.remember(collection);
    this.#timer = setInterval(() => this.#tick(), options.syncIntervalMs);
    this.#timer.unref();
  }

  get stats(): JournalStats {
    return {
      gen: this.#gen,
      ...this.#file.stats,
      snapshotBytes: this.#snapshotBytes,
      tornBytesAtOpen: this.#tornBytes,
    };
  }

  /** Applies a document write and journals the document as stored (with its generated _id). */
  applyWrite(collection: Collection, op: WriteOp): StoredDoc | undefined {
    this.checkCatalog(collection);
    const { db, name: c } = collection;
    if (op.kind === 'delete') {
      const existed = collection.docs.has(op.id);
      collection.apply(op);
      if (existed) this.#append({ k: 'del', db, c, id: op.id });
      return undefined;
    }
    const doc = withIdFirst(op.doc);
    const stored = collection.apply(doc === op.doc ? op : { ...op, doc });
    this.#append({ k: 'put', db, c, d: doc });
    return stored;
  }

  created(collection: Collection): void {
    this.#catalogs.remember(collection);
    const { db, name: c, options } = collection;
    this.#append({ k: 'create', db, c, options });
    this.checkCatalog(collection);
  }

  dropped(db: string, name: string): void {
    this.#append({ k: 'drop', db, c: name });
  }

  droppedDatabase(db: string): void {
    this.#append({ k: 'dropDatabase', db });
  }

  renamed(from: readonly [string, string], to: readonly [string, string]): void {
    this.#append({ k: 'rename', db: from[0], c: from[1], toDb: to[0], toC: to[1] });
  }

  /** Journals the collection's catalog if createIndexes/dropIndexes/collMod changed it. */
  checkCatalog(collection: Collection | undefined): void {
    const op = collection && this.#catalogs.take(collection);
    if (op) this.#append(op);
  }

  /** Makes everything applied so far durable before returning (`j: true`). */
  sync(): void {
    this.#file.sync();
  }

  /**
   * Starts journal generation N+1 and writes snapshot N+1 (the state at that instant) beside it;
   * once the snapshot is in place, generation N's files are deleted. Writes go on meanwhile:
   * documents are immutable, so the captured references do not change under the writer.
   */
  compact(): Promise<void> {
    this.#compaction ??= this.#rotate().finally(() => {
      this.#compaction = undefined;
    });
    return this.#compaction;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#compaction;
    for (const collection of allCollections(this.#host)) this.checkCatalog(collection);
    await this.#file.close();
    this.#release();
  }

  #append(op: JournalOp): void {
    this.#file.append(encodeOp(op));
  }

  #tick(): void {
    for (const collection of allCollections(this.#host)) this.checkCatalog(collection);
    void this.#file.syncSoon();
    const threshold = Math.max(this.#options.compactBytes, this.#snapshotBytes);
    if (!this.#compaction && this.#file.size >= threshold) void this.compact();
  }

  async #rotate(): Promise<void> {
    for (const collection of allCollections(this.#host)) this.checkCatalog(collection);
    const old = this.#file;
    const gen = this.#gen + 1;
    // The old journal is complete and durable before the next one exists: only the newest
    // journal can end torn.
    old.sync();
    this.#file = JournalFile.create(journalPath(this.dir, gen), gen);
    fsyncDir(this.dir);
    this.#gen = gen;
    const captured = captureCollections(allCollections(this.#host));
    await old.close();
    try {
      this.#snapshotBytes = await writeSnapshot(snapshotPath(this.dir, gen), gen, captured);
    } catch (error) {
      // Both journals stay; start-up replays them in order and the next compaction retries.
      process.emitWarning(`localdb compaction failed: ${(error as Error).message}`);
      return;
    }
    const files = listDbPath(this.dir);
    for (const g of files.journals.filter((n) => n < gen)) rmSync(journalPath(this.dir, g));
    for (const g of files.snapshots.filter((n) => n < gen)) rmSync(snapshotPath(this.dir, g));
    fsyncDir(this.dir);
  }
}
